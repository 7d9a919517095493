// V8 settings for batch runs. A lint calls hundreds of small analysis functions a few thousand times
// each, per package. With V8's default budget, TurboFan optimizes them early, on thin type feedback,
// and again after each deoptimization: on the Go standard library that is about 5 s of compilation on
// background threads. With one worker that work hides on an idle core; with a worker per core it
// competes with the lint itself (2 workers: 16.7 s by default, 13.5 s with the larger budget, the same
// one-worker time). The budget is process-wide and read when functions tier up, so setting it before
// the workers start covers them too.
import os from 'node:os';
import v8 from 'node:v8';

/** Bytecode a function must run (roughly) before V8 considers optimizing it; Node 20's V8 defaults to 66 KB. */
export const INTERRUPT_BUDGET_BYTES = 1024 * 1024;

let tuned = false;

/** Applies the batch settings once per process. */
export function tuneForBatchRuns(): void {
  if (tuned) return;
  tuned = true;
  setFlag(`--interrupt-budget=${INTERRUPT_BUDGET_BYTES}`);
}

/**
 * Settings for a run with `workers` worker threads. A scavenge (V8's young-generation collection) hands
 * parts of its work to helper threads, which pays off only when a core is idle; with a worker per core
 * there is none, and the helpers preempt the other workers. So such runs scavenge in one thread. The
 * flag is read at each scavenge, so it covers the workers started after this call.
 */
export function tuneForWorkers(workers: number): void {
  if (workers >= os.availableParallelism()) setFlag('--no-parallel-scavenge');
}

function setFlag(flag: string): void {
  try {
    v8.setFlagsFromString(flag);
  } catch {
    // An engine without the flag simply runs with its defaults.
  }
}
