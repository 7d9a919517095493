// retry-without-backoff: retries that do not wait. Two shapes. (1) A work-queue worker (a function
// that takes items with `X.Get()` and marks them `X.Done(...)`), or a `handleErr(err, key)` helper it
// calls, puts a failed key back with `X.Add(key)` (or `X.AddAfter(key, d)` with a constant d under a
// second) on a path reached only on error; `X.Forget(key)` right before `X.AddRateLimited(key)`; a
// worker that rate-limits failures but never calls Forget on success. (2) A `for` loop whose error path
// goes back to the same call while a success path leaves the loop, with nothing in the loop that waits.
// Loops over items that skip failures, reads until EOF, EINTR and name-collision retries, and loops
// whose call changes from one iteration to the next are not retries and stay quiet.
import { defineRule } from '../../src/engine/rule.js';
import type { Options } from './options.js';
import { checkWorkers } from './workers.js';
import { checkLoop } from './loops.js';

export const retryWithoutBackoff = defineRule<Options>({
  id: 'retry-without-backoff',
  severity: 'warning',
  category: 'reliability',
  docs: {
    summary:
      'Reports work-queue workers that re-queue a failed key at once (`queue.Add` on the error path), and `for` loops ' +
      'that retry a failing call with no delay between attempts.',
    why:
      'A controller that puts a failed key straight back with `queue.Add` makes a permanently failing object bounce ' +
      'through the queue thousands of times a second: it takes every worker and floods the API server it calls. ' +
      "client-go's `AddRateLimited` waits `baseDelay * 2^failures` (capped) per key, and `Forget` on success resets the " +
      'count; calling `Forget` right before `AddRateLimited`, or never calling it, defeats that. A `for` loop that ' +
      'retries on error without sleeping does the same to whatever it calls: when the API server restarts, every ' +
      'client hammers it the moment it comes back. Wait between attempts with exponential backoff and jitter ' +
      '(`wait.ExponentialBackoff`, `time.Sleep` with a growing delay, a `select` on `ctx.Done()` and a timer).',
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
  },
});
