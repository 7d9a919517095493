// A lint worker thread: rebuilds the run from plain settings, then lints the directories the main
// thread sends it, one message each, and posts back the results (unresolved imports and the imported
// packages each one read included). Imported packages are read once per worker, for all its directories.
import { parentPort, workerData } from 'node:worker_threads';
import { createImportUniverse, lintTargetsAsync } from '../engine/run.js';
import { runOptionsFor, type RunSettings } from './settings.js';

interface LintRequest {
  id: number;
  targets: string[];
}

const { options } = runOptionsFor((workerData as { settings: RunSettings }).settings);
options.imports = createImportUniverse(options, options.displayPath);

parentPort!.on('message', (request: LintRequest) => {
  lintTargetsAsync(request.targets, options).then(
    (result) => parentPort!.postMessage({ id: request.id, result }),
    (error: unknown) => parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
