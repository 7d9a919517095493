// A lint worker thread: rebuilds the run from plain settings while the main thread sets up the shared
// job board (job-board.ts), then takes directories from the board until none is left, and posts back
// each one's result (unresolved imports and the imported packages each one read included). Imported
// packages are read once per worker, for all its directories. With nothing left to take, the thread ends.
import { parentPort, workerData } from 'node:worker_threads';
import { createImportUniverse, lintTargetsAsync } from '../engine/run.js';
import { runOptionsFor, type RunSettings } from './settings.js';
import { JobBoard, type BoardMemory } from './job-board.js';

/** The one message a worker gets: the board, the targets of every job on it by number, and its lane. */
export interface WorkerAssignment {
  board: BoardMemory;
  jobs: string[][];
  lane: number;
}

const { options } = runOptionsFor((workerData as { settings: RunSettings }).settings);
options.imports = createImportUniverse(options, options.displayPath);
const { board: memory, jobs, lane } = await new Promise<WorkerAssignment>((resolve) => parentPort!.once('message', resolve));
const board = new JobBoard(memory);

for (let index = board.take(lane); index >= 0; index = board.take(lane)) {
  try {
    parentPort!.postMessage({ index, result: await lintTargetsAsync(jobs[index], options) });
  } catch (error) {
    parentPort!.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
  }
}
