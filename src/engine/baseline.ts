// Fingerprints and baselines. A finding's fingerprint hashes its rule id, its file (relative to the
// repository root) and the text of its line with whitespace normalised, plus an occurrence index among
// findings sharing all three; line numbers stay out, so code moving up or down (or being re-indented)
// keeps its fingerprint, while editing the flagged line gives a new one. SARIF's partialFingerprints
// and the baseline file both use it. A baseline is a JSON file listing fingerprints (with rule, file,
// line and message for people reading it); `--baseline` drops the findings whose fingerprint it lists.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';

export const FINGERPRINT_KEY = 'gocopLineHash/v1';
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  line: number;
  message: string;
}

export interface Baseline {
  version: number;
  tool: 'gocop';
  findings: BaselineEntry[];
}

/** Reads the text of a file (already-read texts first: stdin, editor buffers); null when unreadable. */
export type TextSource = (absoluteFile: string) => string | null;

/** A text source reading files from disk, once each. */
export function diskTextSource(overrides?: ReadonlyMap<string, string>): TextSource {
  const cache = new Map<string, string | null>();
  return (file) => {
    const override = overrides?.get(file);
    if (override !== undefined) return override;
    if (!cache.has(file)) {
      try {
        cache.set(file, fs.readFileSync(file, 'utf8'));
      } catch {
        cache.set(file, null);
      }
    }
    return cache.get(file)!;
  };
}

/** The directory holding `.git` above `start`, or null. */
export function findRepositoryRoot(start: string): string | null {
  for (let dir = path.resolve(start); ; ) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir.split(path.sep).join('/');
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The line text a fingerprint is made from: trimmed, with runs of whitespace made one space. */
export function normalizeLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * Fingerprints for a set of findings. `root` is the directory file paths are made relative to (the
 * repository root, so fingerprints do not depend on where gocop was started).
 */
export function fingerprintDiagnostics(diagnostics: readonly Diagnostic[], root: string, readText: TextSource): Map<Diagnostic, string> {
  const linesByFile = new Map<string, string[] | null>();
  const keyed = diagnostics.map((diagnostic) => {
    let lines = linesByFile.get(diagnostic.file);
    if (lines === undefined) {
      const text = readText(diagnostic.file);
      lines = text === null ? null : text.split(/\r?\n/);
      linesByFile.set(diagnostic.file, lines);
    }
    const relative = path.posix.relative(root, diagnostic.file) || diagnostic.file;
    const lineText = normalizeLine(lines?.[diagnostic.range.line - 1] ?? '');
    return { diagnostic, key: `${diagnostic.ruleId}\u0000${relative}\u0000${lineText}` };
  });
  keyed.sort((a, b) => a.diagnostic.range.line - b.diagnostic.range.line || a.diagnostic.range.column - b.diagnostic.range.column);
  const occurrences = new Map<string, number>();
  const result = new Map<Diagnostic, string>();
  for (const { diagnostic, key } of keyed) {
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    result.set(diagnostic, crypto.createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32));
  }
  return result;
}

/** The baseline for a set of findings. `displayPath` names files for readers; matching uses fingerprints only. */
export function createBaseline(diagnostics: readonly Diagnostic[], fingerprints: ReadonlyMap<Diagnostic, string>, displayPath: (file: string) => string): Baseline {
  return {
    version: BASELINE_VERSION,
    tool: 'gocop',
    findings: diagnostics.map((diagnostic) => ({
      fingerprint: fingerprints.get(diagnostic)!,
      ruleId: diagnostic.ruleId,
      file: displayPath(diagnostic.file),
      line: diagnostic.range.line,
      message: diagnostic.message,
    })),
  };
}

/** Parses a baseline file's text; throws an Error with a readable message when it is not one. */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const baseline = data as Partial<Baseline> | null;
  if (!baseline || typeof baseline !== 'object' || !Array.isArray(baseline.findings)) {
    throw new Error('not a gocop baseline: it needs a "findings" list (write one with --write-baseline)');
  }
  if (baseline.version !== BASELINE_VERSION) throw new Error(`baseline version ${String(baseline.version)} is not supported; this gocop writes version ${BASELINE_VERSION}`);
  if (!baseline.findings.every((entry) => entry && typeof entry.fingerprint === 'string')) {
    throw new Error('every baseline finding needs a "fingerprint" string');
  }
  return baseline as Baseline;
}

/** The findings whose fingerprints the baseline does not list. */
export function filterByBaseline<T extends Diagnostic>(diagnostics: readonly T[], fingerprints: ReadonlyMap<Diagnostic, string>, baseline: Baseline): T[] {
  const known = new Set(baseline.findings.map((entry) => entry.fingerprint));
  return diagnostics.filter((diagnostic) => !known.has(fingerprints.get(diagnostic)!));
}
