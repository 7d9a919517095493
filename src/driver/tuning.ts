// V8 settings for batch runs. A lint calls hundreds of small analysis functions a few thousand times
// each, per package. With V8's default budget, TurboFan optimizes them early, on thin type feedback,
// and again after each deoptimization: on the Go standard library that is about 5 s of compilation on
// background threads. With one worker that work hides on an idle core; with a worker per core it
// competes with the lint itself (2 workers: 16.7 s by default, 13.5 s with the larger budget, the same
// one-worker time). The budget is process-wide and read when functions tier up, so setting it before
// the workers start covers them too.
import v8 from 'node:v8';

/** Bytecode a function must run (roughly) before V8 considers optimizing it; Node 20's V8 defaults to 66 KB. */
export const INTERRUPT_BUDGET_BYTES = 1024 * 1024;

let tuned = false;

/** Applies the batch settings once per process. */
export function tuneForBatchRuns(): void {
  if (tuned) return;
  tuned = true;
  try {
    v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET_BYTES}`);
  } catch {
    // An engine without the flag simply runs with its defaults.
  }
}
