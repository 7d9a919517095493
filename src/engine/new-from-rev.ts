// `--new-from-rev REV`: keeps only findings on lines added or changed since REV, as `git diff REV`
// (working tree against REV, staged and unstaged changes alike) reports them, plus every line of
// untracked files. A finding counts as new when its own line or one of its related locations (the
// nil check, the end of the branch that lost its `return`) is changed; the two lines around a deletion
// count as changed, since deleting a guard changes what the code next to it means. Renames are
// followed, so a moved file's unchanged lines stay old. It shells out to git with an argument list
// (never a shell string) and turns every git failure into one plain message; an unknown revision in a
// shallow clone says to fetch more history.
import type { Diagnostic } from '../diagnostic.js';
import { findRepositoryRoot } from './baseline.js';
import { gitFailure, runGit as git } from './git.js';

export interface ChangedLines {
  /** The repository root, absolute with forward slashes. */
  root: string;
  /** True when `line` (1-based) of the file is new or changed since the revision. */
  isChanged(absoluteFile: string, line: number): boolean;
}

/** Reads `git diff` since `rev` for the repository holding `cwd`; throws an Error with a readable message. */
export function changedLinesSince(rev: string, cwd: string): ChangedLines {
  const root = findRepositoryRoot(cwd);
  if (!root) throw new Error(`--new-from-rev needs a git repository, and ${cwd} is not inside one`);
  if (rev.startsWith('-')) throw new Error(`--new-from-rev: ${rev} is not a revision`);
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    if (isShallow(root)) {
      throw new Error(
        `--new-from-rev: unknown revision ${rev}, and this is a shallow clone: fetch more history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)`,
      );
    }
    throw new Error(`--new-from-rev: unknown revision ${rev} (try a branch, a tag or a commit such as HEAD~1)`);
  }
  let diff: string;
  let untracked: string;
  try {
    diff = git(root, ['diff', '--no-color', '--no-ext-diff', '--unified=0', '-M', rev, '--']);
    untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  } catch (error) {
    throw new Error(`--new-from-rev: git diff failed: ${gitFailure(error)}`);
  }
  const changed = parseUnifiedDiff(diff);
  const wholeFiles = new Set(untracked.split('\0').filter(Boolean).map((file) => `${root}/${file}`));
  const byAbsolute = new Map<string, Set<number>>();
  for (const [file, lines] of changed) byAbsolute.set(`${root}/${file}`, lines);
  return {
    root,
    isChanged: (file, line) => wholeFiles.has(file) || (byAbsolute.get(file)?.has(line) ?? false),
  };
}

function isShallow(root: string): boolean {
  try {
    return git(root, ['rev-parse', '--is-shallow-repository']).trim() === 'true';
  } catch {
    return false;
  }
}

/**
 * The added or changed lines per file (new-side paths, relative to the repository root) of a unified
 * diff, with the lines just before and after each pure deletion.
 */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const changed = new Map<string, Set<number>>();
  let current: Set<number> | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = unquote(line.slice(4));
      if (target === '/dev/null') {
        current = null;
        continue;
      }
      const file = target.replace(/^b\//, '');
      current = changed.get(file) ?? new Set<number>();
      changed.set(file, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let offset = 0; offset < count; offset++) current.add(start + offset);
      // A pure deletion after new line `start`: the lines on either side of the gap.
      if (count === 0) {
        if (start > 0) current.add(start);
        current.add(start + 1);
      }
    }
  }
  return changed;
}

/** Undoes git's C-style quoting of unusual paths ("b/a\tb.go"). */
function unquote(text: string): string {
  const trimmed = text.replace(/\t$/, '');
  if (!trimmed.startsWith('"')) return trimmed;
  const escapes: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\' };
  const bytes: number[] = [];
  const body = trimmed.slice(1, -1);
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[index + 1]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(index + 1, index + 4), 8));
      index += 3;
    } else {
      bytes.push(...Buffer.from(escapes[next] ?? next, 'utf8'));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The findings on changed lines, or with a related location on one. */
export function filterByChangedLines<T extends Diagnostic>(diagnostics: readonly T[], changed: ChangedLines): T[] {
  return diagnostics.filter(
    (diagnostic) => changed.isChanged(diagnostic.file, diagnostic.range.line) || diagnostic.related.some((related) => changed.isChanged(related.file, related.range.line)),
  );
}
