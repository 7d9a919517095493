// The rule registry: every rule gocop ships, in the order `--list-rules` prints them.
import type { AnyRule } from '../src/engine/rule.js';
import { syntaxError } from './syntax-error/syntax-error.js';
import { nilDerefAfterCheck } from './nil-deref-after-check/nil-deref-after-check.js';
import { httpClientNoTimeout } from './http-client-no-timeout/http-client-no-timeout.js';
import { httpServerNoTimeout } from './http-server-no-timeout/http-server-no-timeout.js';
import { invalidDirective } from './invalid-directive/invalid-directive.js';
import { mapRangeWriteRace } from './map-range-write-race/map-range-write-race.js';
import { expensiveCallInLoop } from './expensive-call-in-loop/expensive-call-in-loop.js';
import { cacheObjectMutation } from './cache-object-mutation/cache-object-mutation.js';
import { retryWithoutBackoff } from './retry-without-backoff/retry-without-backoff.js';

export const allRules: AnyRule[] = [syntaxError, nilDerefAfterCheck, invalidDirective, httpClientNoTimeout, httpServerNoTimeout, mapRangeWriteRace, expensiveCallInLoop, retryWithoutBackoff, cacheObjectMutation];

/** Finds a rule by id. */
export function findRule(id: string): AnyRule | undefined {
  return allRules.find((rule) => rule.id === id);
}
