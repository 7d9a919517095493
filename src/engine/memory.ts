// Keeps memory flat on long runs. tree-sitter trees live in native memory that V8 does not see, so V8
// has no reason to run a major collection while its own heap is small, and the native trees of
// finished packages pile up behind wrappers it has not collected. Between directories, when the
// process has grown past a threshold, this asks V8 for a full collection; the trees' finalizers then
// run on the next event-loop turn.
import v8 from 'node:v8';
import vm from 'node:vm';

/** No collection is forced below this resident size. */
export const COLLECT_ABOVE_BYTES = 400 * 1024 * 1024;
/** At most one forced collection per this many milliseconds, so big runs pay a few percent at most. */
export const MIN_COLLECTION_INTERVAL_MS = 1500;

let collect: (() => void) | null | undefined;
let lastCollection = 0;

function garbageCollector(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * Runs a full garbage collection when the process is over the threshold and none ran recently.
 * Called between directories; the trees' finalizers then run on the next event-loop turn.
 */
export function relieveMemoryPressure(): void {
  const now = Date.now();
  if (now - lastCollection < MIN_COLLECTION_INTERVAL_MS) return;
  if (process.memoryUsage.rss() <= COLLECT_ABOVE_BYTES) return;
  const gc = garbageCollector();
  if (!gc) return;
  gc();
  lastCollection = Date.now();
}
