// Findings kept per function fingerprint, so that a rule linting a package again (the language server,
// on every edit) can reuse the findings of each function that did not change, moved to where the
// function now starts. It stores and moves findings; deciding when a function is unchanged is the
// fingerprint's job, which belongs to the rule (rules/nil-deref-after-check/fingerprints.ts).
import type { Range } from '../parse/source.js';
import type { Severity } from '../diagnostic.js';

/** A finding as a rule reports it, by ranges only: what a cache can keep and move. */
export interface RangedFinding {
  range: Range;
  message: string;
  severity?: Severity;
  related: Array<{ range: Range; message: string }>;
}

/**
 * One rule's findings per function fingerprint, relative to the function's first line, bounded (the
 * least recently used entries go first). Only findings that lie wholly inside their function are kept:
 * their ranges, their related ranges, and the lines their messages mention ("checked at line 12").
 */
export class FindingCache {
  private readonly entries = new Map<string, RangedFinding[]>();
  /** Lookups answered and not, since the process started. */
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 20_000) {}

  /** The function's findings, moved to its current first line (1-based), or null when not known. */
  get(fingerprint: string, firstLine: number): RangedFinding[] | null {
    const stored = this.entries.get(fingerprint);
    if (!stored) {
      this.misses++;
      return null;
    }
    this.hits++;
    this.entries.delete(fingerprint);
    this.entries.set(fingerprint, stored);
    return stored.map((finding) => moved(finding, firstLine));
  }

  /** Keeps the findings of a function spanning lines [firstLine, lastLine]; false when they do not fit in it. */
  set(fingerprint: string, firstLine: number, lastLine: number, findings: RangedFinding[]): boolean {
    const inside = (line: number) => line >= firstLine && line <= lastLine;
    const fits = (range: Range) => inside(range.line) && inside(range.endLine);
    for (const finding of findings) {
      if (!fits(finding.range) || !finding.related.every((entry) => fits(entry.range))) return false;
      if (![...finding.message.matchAll(LINE_MENTION)].every((match) => inside(Number(match[1])))) return false;
    }
    this.entries.set(fingerprint, findings.map((finding) => moved(finding, -firstLine)));
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return true;
  }
}

/** A line number in a message: "at line 12", "line 12". */
const LINE_MENTION = /\bline (\d+)\b/g;

function moved(finding: RangedFinding, lines: number): RangedFinding {
  return {
    ...finding,
    message: finding.message.replace(LINE_MENTION, (_, line: string) => `line ${Number(line) + lines}`),
    range: shift(finding.range, lines),
    related: finding.related.map((entry) => ({ range: shift(entry.range, lines), message: entry.message.replace(LINE_MENTION, (_, line: string) => `line ${Number(line) + lines}`) })),
  };
}

function shift(range: Range, lines: number): Range {
  return { ...range, line: range.line + lines, endLine: range.endLine + lines };
}

const caches = new Map<string, FindingCache>();

/** The finding cache of a rule, shared by every lint of this thread. */
export function findingCacheOf(ruleId: string): FindingCache {
  let cache = caches.get(ruleId);
  if (!cache) {
    cache = new FindingCache();
    caches.set(ruleId, cache);
  }
  return cache;
}

/** Drops every rule's kept findings: what they rest on changed outside the package (an imported one). */
export function clearFindingCaches(): void {
  caches.clear();
}
