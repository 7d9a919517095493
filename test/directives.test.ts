// Suppression comments: every directive form, what each covers, the reason requirement, golangci-lint's
// nolint forms, and unused-directive reporting. A test rule flags every call to boom().
import { describe, expect, it } from 'vitest';
import '../rules/index.js';
import { lintPackage } from '../src/engine/engine.js';
import { defineRule, type AnyRule } from '../src/engine/rule.js';
import { fileDirectives } from '../src/engine/directives.js';
import { groupPackages } from '../src/index/package-index.js';
import { makeSourceFile } from '../src/parse/source.js';
import { invalidDirective } from '../rules/invalid-directive/invalid-directive.js';
import { runCli, temporaryDirectory, writeFiles } from './support/cli.js';

const flagBoom = defineRule({
  id: 'test-flag-boom',
  severity: 'warning',
  category: 'correctness',
  docs: { summary: 'Flags boom().', why: 'Tests.', bad: 'package p\n', good: 'package p\n' },
  defaultOptions: {},
  nodeTypes: ['call_expression'],
  create(context) {
    return {
      call_expression(call) {
        if (call.childForFieldName('function')?.text === 'boom') context.report({ node: call, message: 'boom called' });
      },
    };
  },
});
const flagBang = defineRule({
  id: 'test-flag-bang',
  severity: 'warning',
  category: 'correctness',
  docs: { summary: 'Flags bang().', why: 'Tests.', bad: 'package p\n', good: 'package p\n' },
  defaultOptions: {},
  nodeTypes: ['call_expression'],
  create(context) {
    return {
      call_expression(call) {
        if (call.childForFieldName('function')?.text === 'bang') context.report({ node: call, message: 'bang called' });
      },
    };
  },
});

function lint(body: string, rules: AnyRule[] = [flagBoom, flagBang, invalidDirective]) {
  const file = makeSourceFile('/p/p.go', `package p\n\n${body}`);
  const [pkg] = groupPackages([file]);
  return lintPackage(pkg!, rules.map((rule) => ({ rule, severity: rule.severity, options: rule.defaultOptions })));
}

/** `line: rule` for the findings, lines counted from the body's first line. */
function findings(result: { diagnostics: Array<{ ruleId: string; range: { line: number } }> }): string[] {
  return result.diagnostics.map((diagnostic) => `${diagnostic.range.line - 2}: ${diagnostic.ruleId}`);
}

describe('//gocop:ignore', () => {
  it('covers the statement on its own line when trailing', () => {
    const result = lint('func f() {\n\tboom() //gocop:ignore test-flag-boom the test harness expects it\n\tboom()\n}\n');
    expect(findings(result)).toEqual(['3: test-flag-boom']);
    expect(result.suppressed).toHaveLength(1);
    expect(result.suppressed[0]!.suppression).toEqual({ kind: 'ignore', reason: 'the test harness expects it', file: '/p/p.go', line: 4 });
  });

  it('covers the whole statement on the line below, across lines', () => {
    const result = lint(
      'func f(items []int) {\n\t//gocop:ignore test-flag-boom each item is tiny, measured in #123\n\tfor range items {\n\t\tboom()\n\t\tboom()\n\t}\n\tboom()\n}\n',
    );
    expect(findings(result)).toEqual(['7: test-flag-boom']);
    expect(result.suppressed).toHaveLength(2);
  });

  it('covers a multi-line statement when trailing its last line', () => {
    const result = lint('func f() {\n\tx := wrap(boom(),\n\t\t1) //gocop:ignore test-flag-boom wrapped on purpose\n\t_ = x\n}\n');
    expect(findings(result)).toEqual([]);
  });

  it('skips stacked comment lines to reach the statement', () => {
    const result = lint('func f() {\n\t//gocop:ignore test-flag-boom retried by the caller\n\t// and this comment explains more\n\tboom()\n}\n');
    expect(findings(result)).toEqual([]);
  });

  it('covers only the rules it names, and several of them', () => {
    expect(findings(lint('func f() {\n\tboom(bang()) //gocop:ignore test-flag-bang bang is idempotent\n}\n'))).toEqual(['2: test-flag-boom']);
    expect(findings(lint('func f() {\n\tboom(bang()) //gocop:ignore test-flag-bang,test-flag-boom both are idempotent\n}\n'))).toEqual([]);
  });

  it('does not reach past a blank line or into the next statement', () => {
    expect(findings(lint('func f() {\n\t//gocop:ignore test-flag-boom not this one\n\n\tboom()\n}\n'))).toEqual(['4: test-flag-boom']);
    expect(findings(lint('func f() {\n\t//gocop:ignore test-flag-boom only the first\n\tboom()\n\tboom()\n}\n'))).toEqual(['4: test-flag-boom']);
  });

  it('on a function declaration covers the function', () => {
    expect(findings(lint('//gocop:ignore test-flag-boom the whole helper is test-only\nfunc f() {\n\tboom()\n\tboom()\n}\n\nfunc g() { boom() }\n'))).toEqual([
      '7: test-flag-boom',
    ]);
  });

  it('is not a directive inside a string or a block comment', () => {
    const result = lint('func f() {\n\tboom("//gocop:ignore test-flag-boom in a string")\n\t/* //gocop:ignore test-flag-boom in a block */ boom()\n}\n');
    expect(findings(result)).toEqual(['2: test-flag-boom', '3: test-flag-boom']);
  });
});

describe('//gocop:file-ignore', () => {
  it('covers the whole file for the rules it names', () => {
    const result = lint('//gocop:file-ignore test-flag-boom generated by the fixture tool\n\nfunc f() {\n\tboom()\n\tbang()\n}\n\nfunc g() { boom() }\n');
    expect(findings(result)).toEqual(['5: test-flag-bang']);
    expect(result.suppressed.map((diagnostic) => diagnostic.suppression.kind)).toEqual(['file-ignore', 'file-ignore']);
  });
});

describe('malformed gocop directives', () => {
  it('reports a missing reason and suppresses nothing', () => {
    const result = lint('func f() {\n\t//gocop:ignore test-flag-boom\n\tboom()\n}\n');
    expect(result.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      '//gocop:ignore test-flag-boom needs a reason after the rule ids, saying why the finding is wrong or accepted; without one it suppresses nothing',
      'boom called',
    ]);
  });

  it('reports missing rule ids', () => {
    expect(lint('//gocop:file-ignore\n').diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      '//gocop:file-ignore needs the rule ids to suppress and a reason: //gocop:file-ignore <id>[,<id>] <reason>',
    ]);
  });

  it('reports an unknown rule id with a suggestion, and still applies the known ones', () => {
    const result = lint('func f() {\n\tboom(bang()) //gocop:ignore test-flag-bom,test-flag-bang both are idempotent\n}\n');
    expect(result.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'boom called',
      'unknown rule "test-flag-bom" in //gocop:ignore (did you mean test-flag-boom?); it suppresses nothing (gocop --list-rules shows the ids)',
    ]);
  });

  it('reports an unknown verb with a suggestion', () => {
    expect(lint('func f() {\n\tboom() //gocop:ingore test-flag-boom reason\n}\n').diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'boom called',
      'unknown directive //gocop:ingore (did you mean //gocop:ignore?); use //gocop:ignore or //gocop:file-ignore',
    ]);
  });

  it('reports a space after the slashes', () => {
    expect(lint('func f() {\n\tboom() // gocop:ignore test-flag-boom reason\n}\n').diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'boom called',
      'write //gocop:ignore with no space after //, as Go directives are written; as it stands it suppresses nothing',
    ]);
  });

  it('never suppresses invalid-directive findings', () => {
    expect(findings(lint('//gocop:file-ignore invalid-directive,test-flag-boom noisy\n\n//gocop:ignore test-flag-boom\nfunc f() {}\n'))).toEqual([
      '3: invalid-directive',
    ]);
  });
});

describe('//nolint', () => {
  it('honours bare //nolint, //nolint:all, //nolint:gocop and //nolint:<id>', () => {
    expect(findings(lint('func f() {\n\tboom(bang()) //nolint\n}\n'))).toEqual([]);
    expect(findings(lint('func f() {\n\tboom(bang()) //nolint:all\n}\n'))).toEqual([]);
    expect(findings(lint('func f() {\n\tboom(bang()) //nolint:errcheck,gocop // both idempotent\n}\n'))).toEqual([]);
    expect(findings(lint('func f() {\n\tboom(bang()) //nolint:test-flag-boom\n}\n'))).toEqual(['2: test-flag-bang']);
    const result = lint('func f() {\n\t//nolint:test-flag-boom // retried by the caller\n\tboom()\n}\n');
    expect(result.suppressed[0]!.suppression).toMatchObject({ kind: 'nolint', reason: 'retried by the caller' });
  });

  it('leaves other linters alone and ignores prose', () => {
    expect(findings(lint('func f() {\n\tboom() //nolint:errcheck\n}\n'))).toEqual(['2: test-flag-boom']);
    expect(findings(lint('func f() {\n\tboom() // nolint\n}\n'))).toEqual(['2: test-flag-boom']);
    expect(findings(lint('func f() {\n\tboom() //nolintfoo\n}\n'))).toEqual(['2: test-flag-boom']);
  });
});

describe('unused directives', () => {
  it('reports ignore, file-ignore and nolint:<id> directives that suppress nothing', () => {
    const result = lint(
      '//gocop:file-ignore test-flag-bang generated\n\nfunc f() {\n\t//gocop:ignore test-flag-boom,test-flag-bang was flaky\n\tboom()\n\tx() //nolint:test-flag-boom\n\ty() //nolint:gocop\n\tz() //nolint\n}\n',
    );
    expect(result.unusedDirectives.map((diagnostic) => `${diagnostic.range.line - 2}: ${diagnostic.message}`)).toEqual([
      '1: //gocop:file-ignore test-flag-bang suppresses nothing: there is no test-flag-bang finding in this file; remove the directive',
      '4: //gocop:ignore test-flag-bang suppresses nothing: there is no test-flag-bang finding on this statement; remove the id',
      '6: //nolint test-flag-boom suppresses nothing: there is no test-flag-boom finding on this statement; remove the directive',
      '7: //nolint:gocop suppresses no gocop finding on this statement; remove it',
    ]);
    expect(result.unusedDirectives.every((diagnostic) => diagnostic.ruleId === 'invalid-directive')).toBe(true);
  });

  it('does not call a directive unused when its rule did not run', () => {
    expect(lint('func f() {\n\tboom() //gocop:ignore test-flag-boom expected\n}\n', [flagBang]).unusedDirectives).toEqual([]);
  });

  it('is reported on the command line only with --report-unused-directives', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'p.go': 'package p\n\nfunc f() {\n\t_ = 1 //gocop:ignore syntax-error the parser is fine here\n}\n' });
    expect((await runCli(['./...'], root)).code).toBe(0);
    const reported = await runCli(['--report-unused-directives', './...'], root);
    expect(reported.code).toBe(1);
    expect(reported.stdout).toContain('p.go:4:8: warning: //gocop:ignore syntax-error suppresses nothing');
  });
});

describe('suppressions on the command line', () => {
  it('shows suppressed findings with their reason under --include-suppressed', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'p.go': 'package p\n\nfunc f() {\n\t//gocop:ignore syntax-error fixture for the parser tests\n\treturn 1 +\n}\n' });
    expect((await runCli(['./...'], root)).code).toBe(0);
    const shown = await runCli(['--include-suppressed', './...'], root);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^p\.go:\d+:\d+: suppressed by \/\/gocop:ignore \(fixture for the parser tests\): syntax error/);
  });

  it('parses each file once', () => {
    const file = makeSourceFile('/q/q.go', 'package q\n\n//gocop:file-ignore test-flag-boom generated\n');
    expect(fileDirectives(file)).toBe(fileDirectives(file));
  });
});
