// `gocop --fix` and `gocop --fix --diff`: applies the suggested fixes of the reported findings, the
// same choice of fixes the editor's fix-all makes (src/fix/apply.ts), and writes each changed file
// atomically with its permissions kept, or, with --diff, prints one unified diff and writes nothing.
import fs from 'node:fs';
import type { Diagnostic } from '../diagnostic.js';
import type { TextSource } from '../engine/baseline.js';
import type { EngineError } from '../engine/engine.js';
import { writeFileAtomic } from '../engine/paths.js';
import { applyEdits, chooseFixes, editsByFile } from '../fix/apply.js';
import { unifiedDiff } from '../fix/diff.js';

export interface FixOutcome {
  /** The findings whose fix was applied (or would be, with --diff). */
  fixed: Diagnostic[];
  /** The files changed (absolute), in order. */
  files: string[];
  /** The unified diff of every change (empty unless asked for with write: false). */
  diff: string;
  errors: EngineError[];
}

export interface FixOptions {
  /** Write the files (true), or only describe the changes as a diff (false). */
  write: boolean;
  /** The path a file has in the diff (relative to the repository root, as `git apply` wants). */
  displayPath: (absolute: string) => string;
}

export function applyFixes(findings: readonly Diagnostic[], readText: TextSource, options: FixOptions): FixOutcome {
  const chosen = chooseFixes(findings);
  const outcome: FixOutcome = { fixed: chosen.fixed, files: [], diff: '', errors: [] };
  for (const [file, edits] of editsByFile(chosen.edits)) {
    const before = readText(file);
    const shown = options.displayPath(file);
    if (before === null) {
      outcome.errors.push({ kind: 'read', file: shown, message: `${shown}: cannot read the file to fix it` });
      continue;
    }
    const after = applyEdits(before, edits);
    if (after === before) continue;
    outcome.files.push(file);
    if (!options.write) {
      outcome.diff += unifiedDiff(shown, before, after);
      continue;
    }
    const problem = writeFileAtomic(file, after, modeOf(file));
    if (problem) outcome.errors.push({ kind: 'usage', file: shown, message: `${shown}: cannot write the fixes: ${problem}` });
  }
  return outcome;
}

function modeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}
