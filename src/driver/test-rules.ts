// A rule that always throws, registered only when GOCOP_TEST_THROWING_RULE=1 is set in the server's
// environment. The LSP tests use it to check that a failing rule becomes a window/logMessage while the
// file still gets the other rules' diagnostics. It is never defined otherwise.
import { defineRule, type AnyRule } from '../engine/rule.js';

let throwingRule: AnyRule | undefined;

/** The test-only rules enabled by the environment. */
export function testOnlyRules(): AnyRule[] {
  if (process.env.GOCOP_TEST_THROWING_RULE !== '1') return [];
  throwingRule ??= defineRule({
    id: 'test-throwing-rule',
    severity: 'error',
    category: 'internal',
    docs: { summary: 'Test only: throws on every file.', why: 'Exercises the server error path.', bad: 'package p\n', good: 'package p\n' },
    defaultOptions: {},
    create() {
      return {
        fileEnd() {
          throw new Error('test-throwing-rule always fails');
        },
      };
    },
  });
  return [throwingRule];
}
