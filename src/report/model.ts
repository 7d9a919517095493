// What a reporter receives: the findings, gocop's own errors, and how paths are shown.
import type { Diagnostic } from '../diagnostic.js';
import type { EngineError } from '../engine/engine.js';

export interface Report {
  diagnostics: Diagnostic[];
  errors: EngineError[];
  filesLinted: number;
  /** Turns an absolute path into the path shown to the user (relative to the working directory). */
  displayPath(absolutePath: string): string;
}
