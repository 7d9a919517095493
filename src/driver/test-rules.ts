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
import { defineRule, type AnyRule } from '../engine/rule.js';

let throwingRule: AnyRule | undefined;
let importsRule: AnyRule | undefined;
let crashingRule: AnyRule | undefined;

/** The test-only rules enabled by the environment. */
export function testOnlyRules(): AnyRule[] {
  const rules: AnyRule[] = [];
  if (process.env.GOCOP_TEST_THROWING_RULE === '1') {
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
    rules.push(throwingRule);
  }
  if (process.env.GOCOP_TEST_IMPORTS_RULE === '1') {
    importsRule ??= defineRule({
      id: 'test-imports-rule',
      severity: 'info',
      category: 'internal',
      docs: { summary: 'Test only: names the functions of each imported package.', why: 'Exercises imported packages.', bad: 'package p\n', good: 'package p\n' },
      defaultOptions: {},
      create(context) {
        return {
          fileEnd() {
            for (const spec of context.pkg.imports.get(context.file)?.values() ?? []) {
              const imported = context.analyses.imported(context.file, spec.localName);
              if (!imported) continue;
              const funcs = [...imported.pkg.funcs.keys()].sort().join(', ');
              context.report({ node: spec.node, message: `${spec.path} declares ${funcs || 'no functions'}` });
            }
          },
        };
      },
    });
    rules.push(importsRule);
  }
  const crashIn = process.env.GOCOP_TEST_CRASHING_DIR;
  // Only in a worker: in the main thread the exception would end the whole run.
  if (crashIn && !isMainThread) {
    crashingRule ??= defineRule({
      id: 'test-crashing-rule',
      severity: 'error',
      category: 'internal',
      docs: { summary: 'Test only: kills the worker thread on one directory.', why: 'Exercises a worker that dies.', bad: 'package p\n', good: 'package p\n' },
      defaultOptions: {},
      create(context) {
        return {
          fileEnd() {
            if (path.basename(path.dirname(context.file.path)) !== crashIn) return;
            // Thrown outside the lint, before its result is posted: the worker thread dies.
            setImmediate(() => {
              throw new Error(`test-crashing-rule killed the worker in ${crashIn}`);
            });
          },
        };
      },
    });
    rules.push(crashingRule);
  }
  return rules;
}
