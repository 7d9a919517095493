// retry-without-backoff: retries that do not wait. Two shapes. (1) Work queues (workers.ts): a worker,
// or a function it hands the key to (an error handler, a sync handler, through func-valued fields),
// puts a failed key back with `X.Add(key)` or an `X.AddAfter(key, d)` whose delay is short and does not
// grow; a NumRequeues limit such re-queues never reach; Forget right before AddRateLimited; no Forget on
// success. (2) Loops (loops.ts): a `for` loop whose error path goes back to the same call without
// waiting while success leaves it or waits, an outer loop that starts a list of endpoints over at once,
// and an accept loop that goes straight back to a failing Accept; and (helpers.ts) calls of a retry
// helper of another package whose loop retries the function it is given that way. Loops that make
// progress each pass, repair what failed, or bound each attempt with a deadline are not retries and
// stay quiet; a wait inside a helper of another package counts when its source is on disk.
import { defineRule } from '../../src/engine/rule.js';
import type { Options } from './options.js';
import { checkWorkers } from './workers.js';
import { checkLoop } from './loops.js';
import { checkRetryHelpers } from './helpers.js';

export const retryWithoutBackoff = defineRule<Options>({
  id: 'retry-without-backoff',
  severity: 'warning',
  category: 'reliability',
  docs: {
    summary:
      'Reports work-queue workers and sync handlers that re-queue a failed key at once (`queue.Add`, or a short fixed ' +
      '`AddAfter`, on the error path), retry limits that such re-queues never reach, and `for` loops that retry a ' +
      'failing call with no delay between attempts.',
    why:
      'A controller that puts a failed key straight back with `queue.Add` makes a permanently failing object bounce ' +
      'through the queue thousands of times a second: it takes every worker and floods the API server it calls. ' +
      "client-go's `AddRateLimited` waits `baseDelay * 2^failures` (capped) per key, and `Forget` on success resets the " +
      'count; calling `Forget` right before `AddRateLimited`, or never calling it, defeats that. `NumRequeues` counts ' +
      'only `AddRateLimited`, so a retry limit in front of `Add` or `AddAfter` never trips. The same goes for a sync ' +
      'handler that re-adds its own key and returns nil: the worker cannot see the failure. A `for` loop that ' +
      'retries on error without sleeping does the same to whatever it calls: when the API server restarts, every ' +
      'client hammers it the moment it comes back. Wait between attempts with exponential backoff and jitter ' +
      '(`wait.ExponentialBackoff`, `time.Sleep` with a growing delay, a `select` on `ctx.Done()` and a timer). A wait ' +
      'that only the success path reaches (the sleep at the end of a polling round, a watch) does not pace the error ' +
      'path that `continue`s past it, and a `select` with a `default` case waits for nothing. Helpers and queue ' +
      'types of other packages are followed when their source is on disk (the same module, `vendor/`, the module ' +
      'cache, GOPATH): a shared `Requeue(queue, key)` that adds at once is reported where the worker calls it on ' +
      'error, one that rate-limits is fine, a queue wrapper whose `Add` backs off is fine, a retry helper ' +
      '(`retry.Do(fn)`) whose loop retries `fn` at once is reported at each call, and a function of another ' +
      'package that sleeps paces a loop whatever its name.',
    bad: [
      'package p',
      '',
      'func register(call func() error) {',
      '\tfor {',
      '\t\tif err := call(); err != nil {',
      '\t\t\tcontinue',
      '\t\t}',
      '\t\tbreak',
      '\t}',
      '}',
      '',
    ].join('\n'),
    good: [
      'package p',
      '',
      'import "time"',
      '',
      'func register(call func() error) {',
      '\tdelay := 100 * time.Millisecond',
      '\tfor {',
      '\t\tif err := call(); err != nil {',
      '\t\t\ttime.Sleep(delay)',
      '\t\t\tdelay *= 2',
      '\t\t\tcontinue',
      '\t\t}',
      '\t\tbreak',
      '\t}',
      '}',
      '',
    ].join('\n'),
    options:
      '- `smallAttemptBound` (default 10): a retry loop bounded by a constant number of attempts no larger than this is ' +
      'still reported, at severity info instead of warning.',
  },
  defaultOptions: { smallAttemptBound: 10 },
  create(context) {
    return {
      for_statement(loop) {
        checkLoop(context, loop);
      },
    };
  },
  checkPackage(context) {
    checkWorkers(context);
    checkRetryHelpers(context);
  },
});
