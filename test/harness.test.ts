// Tests the analysistest-style harness itself, with a tiny rule that reports calls to panic and offers
// to replace them with println.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineRule } from '../src/engine/rule.js';
import { unparen } from '../src/parse/syntax.js';
import { checkAnnotatedPackage, parseWants } from './support/harness.js';

const panicRule = defineRule({
  id: 'test-panic-call',
  severity: 'warning',
  category: 'internal',
  docs: { summary: 'test rule', why: 'test', bad: 'package p\nfunc f() { panic(1) }\n', good: 'package p\n' },
  defaultOptions: {},
  create(context) {
    return {
      call_expression(call) {
        const callee = call.childForFieldName('function');
        if (!callee || unparen(callee).text !== 'panic') return;
        context.report({
          node: call,
          message: 'call to panic',
          fixes: [{ message: 'use println', edits: [{ file: context.file.path, startIndex: callee.startIndex, endIndex: callee.endIndex, newText: 'println' }] }],
        });
      },
    };
  },
});

const fixture = (name: string) => path.resolve(__dirname, '../testdata/harness', name);

describe('harness', () => {
  it('parses want annotations with offsets and several patterns', () => {
    const wants = parseWants('f.go', 'x // want "a" `b`\n// want +2 "c"\n');
    expect(wants.map((want) => [want.line, want.pattern.source])).toEqual([
      [1, 'a'],
      [1, 'b'],
      [4, 'c'],
    ]);
  });

  it('passes a package whose wants all match', () => {
    expect(checkAnnotatedPackage(fixture('passing'), panicRule)).toEqual([]);
  });

  it('catches an unmet want and an unexpected diagnostic, naming file and line', () => {
    const problems = checkAnnotatedPackage(fixture('failing'), panicRule);
    expect(problems).toHaveLength(2);
    expect(problems.some((problem) => /failing\/f\.go:5: no diagnostic matching \/call to panic\//.test(problem))).toBe(true);
    expect(problems.some((problem) => /failing\/f\.go:9: unexpected diagnostic: call to panic/.test(problem))).toBe(true);
  });

  it('checks suggested fixes against .golden files', () => {
    expect(checkAnnotatedPackage(fixture('fixes'), panicRule)).toEqual([]);
  });
});
