// Rules that exist only for tests, each registered only when its environment variable is set:
// GOCOP_TEST_THROWING_RULE=1 adds a rule that always throws (the LSP tests check that a failing rule
// becomes a window/logMessage while the file still gets the other rules' diagnostics), and
// GOCOP_TEST_IMPORTS_RULE=1 adds a rule that reads every imported package and reports its functions
// (the cache and LSP tests check that an edit to an imported package reaches its importers), and
// GOCOP_TEST_CRASHING_DIR=NAME adds a rule that kills the worker thread linting a directory of that
// name, with an exception no lint can catch (the reliability tests check that the other directories
// are still linted). None is ever defined otherwise.
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Severity } from '../diagnostic.js';
import { defineRule, type AnyRule, type RuleContext } from '../engine/rule.js';

/** The test-only rules made so far, by id: each is defined once per process. */
const defined = new Map<string, AnyRule>();

/** A test-only rule that does all its work at the end of each file. */
function fileEndRule(id: string, severity: Severity, summary: string, why: string, fileEnd: (context: RuleContext<Record<string, never>>) => void): AnyRule {
  let rule = defined.get(id);
  if (!rule) {
    rule = defineRule({
      id,
      severity,
      category: 'internal',
      docs: { summary: `Test only: ${summary}`, why, bad: 'package p\n', good: 'package p\n' },
      defaultOptions: {},
      create(context) {
        return { fileEnd: () => fileEnd(context) };
      },
    });
    defined.set(id, rule);
  }
  return rule;
}

/** The test-only rules enabled by the environment. */
export function testOnlyRules(): AnyRule[] {
  const rules: AnyRule[] = [];
  if (process.env.GOCOP_TEST_THROWING_RULE === '1') {
    rules.push(
      fileEndRule('test-throwing-rule', 'error', 'throws on every file.', 'Exercises the server error path.', () => {
        throw new Error('test-throwing-rule always fails');
      }),
    );
  }
  if (process.env.GOCOP_TEST_IMPORTS_RULE === '1') {
    rules.push(
      fileEndRule('test-imports-rule', 'info', 'names the functions of each imported package.', 'Exercises imported packages.', (context) => {
        for (const spec of context.pkg.imports.get(context.file)?.values() ?? []) {
          const imported = context.analyses.imported(context.file, spec.localName);
          if (!imported) continue;
          const funcs = [...imported.pkg.funcs.keys()].sort().join(', ');
          context.report({ node: spec.node, message: `${spec.path} declares ${funcs || 'no functions'}` });
        }
      }),
    );
  }
  const crashIn = process.env.GOCOP_TEST_CRASHING_DIR;
  // Only in a worker: in the main thread the exception would end the whole run.
  if (crashIn && !isMainThread) {
    rules.push(
      fileEndRule('test-crashing-rule', 'error', 'kills the worker thread on one directory.', 'Exercises a worker that dies.', (context) => {
        if (path.basename(path.dirname(context.file.path)) !== crashIn) return;
        // Thrown outside the lint, before its result is posted: the worker thread dies.
        setImmediate(() => {
          throw new Error(`test-crashing-rule killed the worker in ${crashIn}`);
        });
      }),
    );
  }
  return rules;
}
