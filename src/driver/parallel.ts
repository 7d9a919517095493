// Runs a lint over many directories with a pool of worker threads and the result cache. Workers take
// directories from a board in shared memory, each a contiguous run of them (see job-board.ts); results are
// merged in directory order and sorted, so the output is the same whatever the scheduling and `--jobs`.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { sortDiagnostics, type EngineError } from '../engine/engine.js';
import type { Diagnostic } from '../diagnostic.js';
import { createImportUniverse, groupByDirectory, lintTargetsAsync, type RunResult } from '../engine/run.js';
import { runOptionsFor, type RunSettings } from './settings.js';
import type { ResultCache } from '../engine/cache.js';
import { tuneForBatchRuns, tuneForWorkers } from './tuning.js';
import { JobBoard } from './job-board.js';
import type { WorkerAssignment } from './worker.js';

export interface ParallelOptions {
  /** Worker threads; 1 lints in this thread. */
  jobs: number;
  cache?: ResultCache | null;
  onProgress?: (done: number, total: number) => void;
}

/** Below this many files to lint, workers cost more than they save. */
export const MIN_FILES_FOR_WORKERS = 40;

export interface Job {
  index: number;
  dir: string;
  targets: string[];
  cacheKey: string | null;
}

/** Lints the targets (absolute, forward slashes) with the given settings. */
export async function lintInParallel(targets: string[], settings: RunSettings, parallel: ParallelOptions): Promise<RunResult> {
  tuneForBatchRuns();
  const byDirectory = groupByDirectory(targets);
  const { options, resolver } = runOptionsFor(settings);
  const results: RunResult[] = new Array(byDirectory.size);
  const pending: Job[] = [];
  let done = 0;
  const total = targets.length;
  const contextKey = JSON.stringify({ ...settings, overrides: undefined });
  [...byDirectory].forEach(([dir, dirTargets], index) => {
    let cacheKey: string | null = null;
    if (parallel.cache) {
      cacheKey = parallel.cache.keyFor(dir, `${contextKey}\0${resolver.keyForDirectory(dir)}\0${dirTargets.join('\0')}`, options.overrides ?? new Map());
      const cached = cacheKey ? parallel.cache.get(cacheKey) : null;
      if (cached) {
        results[index] = cached;
        done += dirTargets.length;
        return;
      }
    }
    pending.push({ index, dir, targets: dirTargets, cacheKey });
  });
  parallel.onProgress?.(done, total);

  const finish = (job: Job, result: RunResult) => {
    results[job.index] = result;
    if (job.cacheKey && parallel.cache && !result.errors.some((error) => error.kind === 'internal')) parallel.cache.set(job.cacheKey, result);
    done += job.targets.length;
    parallel.onProgress?.(done, total);
  };

  // A worker costs a few hundred milliseconds to start (it loads every rule), so small runs, such as a
  // pre-commit hook on a handful of files, stay in this thread.
  const pendingFiles = pending.reduce((sum, job) => sum + job.targets.length, 0);
  const jobs = pendingFiles < MIN_FILES_FOR_WORKERS ? 1 : Math.max(1, Math.min(parallel.jobs, pending.length));
  if (jobs <= 1) {
    options.imports = createImportUniverse(options, options.displayPath);
    for (const job of pending) finish(job, await lintTargetsAsync(job.targets, options));
  } else {
    await runWorkers(pending, settings, jobs, finish, options.displayPath ?? ((file) => file));
  }
  return mergeResults(results);
}

function runWorkers(pending: Job[], settings: RunSettings, count: number, finish: (job: Job, result: RunResult) => void, display: (file: string) => string): Promise<void> {
  // The workers start first: loading the rules takes them a while, during which this thread measures
  // the directories and sets up the shared board (job-board.ts) they take directories from. Each posts
  // back one result per directory; results are stored by index, so the order they arrive in does not show.
  tuneForWorkers(count);
  const workers: Worker[] = [];
  const startWorker = () => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { settings } });
    workers.push(worker);
    return worker;
  };
  for (let lane = 0; lane < count; lane++) startWorker();
  const board = JobBoard.split(pending.map((job) => bytesOf(job.targets)), count);
  const jobs = pending.map((job) => job.targets);
  const finished = new Array<boolean>(pending.length).fill(false);
  let unfinished = pending.length;
  let lastFailure = 'the worker stopped';
  return new Promise((resolve) => {
    // The run is over with the last result: a worker that ran out of directories tears its thread
    // down (some 40 ms on the standard library) without holding up the report.
    const complete = (index: number, result: RunResult) => {
      if (finished[index]) return;
      finished[index] = true;
      finish(pending[index], result);
      if (--unfinished === 0) {
        for (const worker of workers) worker.unref();
        resolve();
      }
    };
    let running = 0;
    const run = (lane: number, worker: Worker) => {
      const assignment: WorkerAssignment = { board: board.memory, jobs, lane };
      worker.postMessage(assignment);
      running++;
      let failure: string | undefined;
      worker.on('message', (message: { index: number; result?: RunResult; error?: string }) => {
        complete(message.index, message.result ?? failed(pending[message.index], message.error ?? 'unknown error', display));
      });
      worker.on('error', (error) => {
        failure = error.message;
      });
      worker.on('exit', () => {
        // Messages posted before the worker stopped have been delivered by now. A worker that died
        // costs only the directory it had taken, and a fresh worker carries on with its run; one that
        // died before taking any (it could not start) is not replaced, and the other lanes take its
        // run. A worker that ran out of jobs has none taken.
        running--;
        const current = board.release(lane);
        if (failure !== undefined) lastFailure = failure;
        if (current >= 0 && !finished[current]) complete(current, failed(pending[current], lastFailure, display));
        if (current >= 0 && board.hasJobs()) run(lane, startWorker());
        // Left over only when every worker failed to start.
        if (running === 0) pending.forEach((job, index) => complete(index, failed(job, lastFailure, display)));
      });
    };
    workers.forEach((worker, lane) => run(lane, worker));
  });
}

function bytesOf(files: string[]): number {
  let total = 0;
  for (const file of files) {
    try {
      total += fs.statSync(file).size;
    } catch {
      // Unreadable files are reported by the lint itself.
    }
  }
  return total;
}

function failed(job: Job, message: string, display: (file: string) => string): RunResult {
  const dir = display(job.dir);
  const error: EngineError = { kind: 'internal', file: dir, message: `${dir}: internal error in a lint worker: ${message}` };
  return { diagnostics: [], errors: [error], filesLinted: 0 } as unknown as RunResult;
}

/** Concatenates per-directory results in order; arrays of findings are sorted. */
export function mergeResults(results: RunResult[]): RunResult {
  const merged: Record<string, unknown> = { diagnostics: [], errors: [], filesLinted: 0 };
  for (const result of results) {
    if (!result) continue;
    for (const [key, value] of Object.entries(result)) {
      if (Array.isArray(value)) ((merged[key] ??= []) as unknown[]).push(...value);
      else if (typeof value === 'number') merged[key] = ((merged[key] as number | undefined) ?? 0) + value;
    }
  }
  for (const [key, value] of Object.entries(merged)) {
    if (Array.isArray(value) && value.length > 0 && isDiagnostic(value[0])) merged[key] = sortDiagnostics(value as Diagnostic[]);
  }
  return merged as unknown as RunResult;
}

function isDiagnostic(value: unknown): value is Diagnostic {
  return typeof value === 'object' && value !== null && 'ruleId' in value && 'range' in value;
}
