// Runs a lint over many directories with a pool of worker threads and the result cache. Directories are
// handed out one at a time, each worker taking a contiguous run of them (see runWorkers); results are merged in
// directory order and sorted, so the output is the same whatever the scheduling and `--jobs`.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { sortDiagnostics, type EngineError } from '../engine/engine.js';
import type { Diagnostic } from '../diagnostic.js';
import { createImportUniverse, groupByDirectory, lintTargetsAsync, type RunResult } from '../engine/run.js';
import { runOptionsFor, type RunSettings } from './settings.js';
import type { ResultCache } from '../engine/cache.js';
import { tuneForBatchRuns } from './tuning.js';

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
  // Neighbouring directories import each other (cmd/compile/internal/ssagen reads ssa), and a worker
  // parses a package once for both its lint and its importers (see ImportUniverse.share): so each
  // worker takes a contiguous run of directories, in directory order, of about the same size in
  // bytes. A worker whose run is done takes directories from the far end of the largest run left, so
  // no worker idles while work remains. Results are stored by index, so the order does not show.
  const queues = splitBySize(pending, count);
  return new Promise((resolve) => {
    let running = 0;
    const start = (slot: number) => {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { settings } });
      running++;
      let current: Job | undefined;
      const next = () => {
        current = takeJob(queues, slot);
        if (current) worker.postMessage({ id: current.index, targets: current.targets });
        else void worker.terminate();
      };
      worker.on('message', (message: { id: number; result?: RunResult; error?: string }) => {
        if (current) finish(current, message.result ?? failed(current, message.error ?? 'unknown error', display));
        next();
      });
      worker.on('error', (error) => {
        // The worker died: its directory gets an internal error, and a fresh worker carries on.
        if (current) finish(current, failed(current, error.message, display));
        current = undefined;
        if (queues.some((queue) => queue.jobs.length > 0)) start(slot);
      });
      worker.on('exit', () => {
        running--;
        if (running === 0) resolve();
      });
      next();
    };
    for (let slot = 0; slot < count; slot++) start(slot);
  });
}

/** One worker's run of directories, with the bytes of its targets left to lint. */
export interface JobQueue {
  jobs: Array<Job & { bytes: number }>;
  bytes: number;
}

/** Splits the jobs, in order, into `count` contiguous runs of about the same size in bytes. */
export function splitBySize(pending: Job[], count: number, sizeOf: (files: string[]) => number = bytesOf): JobQueue[] {
  const sized = pending.map((job) => ({ ...job, bytes: sizeOf(job.targets) }));
  const total = sized.reduce((sum, job) => sum + job.bytes, 0);
  const queues: JobQueue[] = Array.from({ length: count }, () => ({ jobs: [], bytes: 0 }));
  let slot = 0;
  let before = 0;
  for (const job of sized) {
    // A job goes to the run its middle byte falls in.
    while (slot < count - 1 && before + job.bytes / 2 > (total * (slot + 1)) / count) slot++;
    queues[slot].jobs.push(job);
    queues[slot].bytes += job.bytes;
    before += job.bytes;
  }
  return queues;
}

/** The next job for the worker in `slot`: the front of its own run, else the back of the largest run left. */
export function takeJob(queues: JobQueue[], slot: number): Job | undefined {
  let queue = queues[slot];
  let job = queue.jobs.shift();
  if (!job) {
    for (const candidate of queues) {
      if (candidate.jobs.length > 0 && (queue.jobs.length === 0 || candidate.bytes > queue.bytes)) queue = candidate;
    }
    job = queue.jobs.pop();
  }
  if (job) queue.bytes -= job.bytes;
  return job;
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
