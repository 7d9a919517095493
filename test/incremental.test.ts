// Tests the reuse of findings across lints of the same package (the language server's mode): after
// any edit, an incremental lint must report exactly what a fresh lint of the same text reports, and
// it must really reuse the findings of functions the edit cannot affect.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { makeSourceFile, type SourceFile } from '../src/parse/source.js';
import { createImportUniverse, lintTargets } from '../src/engine/run.js';
import { reuseCounts } from '../rules/nil-deref-after-check/reuse.js';

const TESTDATA = path.resolve(__dirname, '../testdata/src');
const enabled = allRules.map((rule) => ({ rule, severity: rule.severity, options: rule.defaultOptions }));

/** The imported packages of every incremental lint, as the language server keeps one set per session. */
const universe = createImportUniverse({ enabled });

/** Lints one in-memory package (file path to text) and returns its findings. */
function lint(texts: Map<string, string>, incremental: boolean) {
  const sourceFiles = new Map<string, SourceFile>([...texts].map(([file, text]) => [file, makeSourceFile(file, text)]));
  const result = lintTargets([...texts.keys()], { enabled, sourceFiles, incremental, imports: incremental ? universe : undefined });
  return { diagnostics: result.diagnostics, errors: result.errors };
}

/** Inserts `insert` before the `occurrence`-th line starting with `func ` (cycling), or at the end. */
function insertBeforeFunction(text: string, occurrence: number, insert: string): string {
  const starts = [...text.matchAll(/^func /gm)].map((match) => match.index!);
  if (starts.length === 0) return `${text}${insert}`;
  const at = starts[occurrence % starts.length]!;
  return `${text.slice(0, at)}${insert}${text.slice(at)}`;
}

describe('incremental lint', () => {
  // Every rule's test packages: whichever rule reuses findings, none may change.
  const packages = fs
    .readdirSync(TESTDATA)
    .flatMap((rule) => fs.readdirSync(path.join(TESTDATA, rule)).map((name) => path.join(TESTDATA, rule, name)))
    .filter((dir) => fs.statSync(dir).isDirectory() && fs.readdirSync(dir).some((name) => name.endsWith('.go')));

  it.each(packages.map((dir) => [path.relative(TESTDATA, dir), dir]))('matches a fresh lint after edits in %s', (_name, dir) => {
    const texts = new Map(
      fs
        .readdirSync(dir)
        .filter((name) => name.endsWith('.go'))
        .map((name) => [`/virtual/${path.relative(TESTDATA, dir)}/${name}`, fs.readFileSync(path.join(dir, name), 'utf8')] as const),
    );
    expect(lint(texts, true)).toEqual(lint(texts, false));
    // Edits that move functions down, add a function and change a body; each lint reuses the last.
    const edits = [
      (text: string) => `\n\n${text}`,
      (text: string) => insertBeforeFunction(text, 1, '// a comment\n\n'),
      (text: string) => insertBeforeFunction(text, 2, 'func added(p *int) int {\n\tif p == nil {\n\t\treturn *p\n\t}\n\treturn 0\n}\n\n'),
      (text: string) => text.replace(/return nil\b/, 'return nil // edited'),
    ];
    for (const [index, edit] of edits.entries()) {
      const file = [...texts.keys()][index % texts.size]!;
      texts.set(file, edit(texts.get(file)!));
      expect(lint(texts, true)).toEqual(lint(texts, false));
    }
  });

  it('re-checks a caller when a callee it names changes, and reuses unaffected functions', () => {
    const texts = new Map([
      [
        '/virtual/dep/use.go',
        'package dep\n\nimport "log"\n\ntype T struct{ Name string }\n\nfunc use() string {\n\tt, err := load()\n\tif err != nil {\n\t\tlog.Print(err)\n\t}\n\treturn t.Name\n}\n\nfunc other(p *T) string {\n\tif p == nil {\n\t\treturn p.Name\n\t}\n\treturn ""\n}\n',
      ],
      ['/virtual/dep/load.go', 'package dep\n\nimport "errors"\n\nfunc load() (*T, error) {\n\treturn nil, errors.New("gone")\n}\n'],
    ]);
    const messages = (incremental: boolean) => lint(texts, incremental).diagnostics.map((diagnostic) => `${diagnostic.range.line}: ${diagnostic.message.slice(0, 20)}`);
    expect(messages(true)).toEqual(['12: t may be nil here be', '17: p is nil here (check']);

    // load now returns a value with its error: use() is fine, and only use() is checked again.
    texts.set('/virtual/dep/load.go', 'package dep\n\nimport "errors"\n\nfunc load() (*T, error) {\n\treturn &T{}, errors.New("gone")\n}\n');
    const counts = () => [reuseCounts.reused, reuseCounts.checked];
    const [hits, misses] = counts();
    expect(messages(true)).toEqual(['17: p is nil here (check']);
    // use() asked about load, whose summary changed, and load itself changed; other() is reused.
    expect([reuseCounts.reused - hits, reuseCounts.checked - misses]).toEqual([1, 2]);
    expect(messages(false)).toEqual(['17: p is nil here (check']);

    // Blank lines between functions change no declaration: everything is reused, moved down.
    texts.set('/virtual/dep/use.go', texts.get('/virtual/dep/use.go')!.replace('\n\nfunc other', '\n\n\n\nfunc other'));
    const [hitsBefore, missesBefore] = counts();
    expect(messages(true)).toEqual(['19: p is nil here (check']);
    expect([reuseCounts.reused - hitsBefore, reuseCounts.checked - missesBefore]).toEqual([3, 0]);
    expect(lint(texts, true).diagnostics[0]!.message).toContain('checked at line 18');
    expect(messages(false)).toEqual(['19: p is nil here (check']);
  });

  it('moves the findings of functions below an edit at the top of a file, and recomputes the edited function', () => {
    const file = '/virtual/shift/shift.go';
    const original = [
      'package shift',
      '',
      'type T struct{ Name string }',
      '',
      'func first(p *T) string {',
      '\tif p == nil {',
      '\t\treturn p.Name',
      '\t}',
      '\treturn ""',
      '}',
      '',
      'func second(q *T) string {',
      '\tif q == nil {',
      '\t\treturn q.Name',
      '\t}',
      '\treturn ""',
      '}',
      '',
    ].join('\n');
    const texts = new Map([[file, original]]);
    const findings = () => lint(texts, true).diagnostics.map((diagnostic) => `${diagnostic.range.line}: ${diagnostic.message}`);
    expect(findings()).toEqual([expect.stringMatching(/^7: p is nil here .*line 6/), expect.stringMatching(/^14: q is nil here .*line 13/)]);
    const cache = {
      get hits() {
        return reuseCounts.reused;
      },
      get misses() {
        return reuseCounts.checked;
      },
    };

    // Lines typed into the first function: it is checked again, and the second is reused two lines down.
    texts.set(file, original.replace('func first(p *T) string {\n', 'func first(p *T) string {\n\tprintln("a")\n\tprintln("b")\n'));
    let [hits, misses] = [cache.hits, cache.misses];
    expect(findings()).toEqual([expect.stringMatching(/^9: p is nil here .*line 8/), expect.stringMatching(/^16: q is nil here .*line 15/)]);
    expect([cache.hits - hits, cache.misses - misses]).toEqual([1, 1]);
    expect(lint(texts, true)).toEqual(lint(texts, false));

    // The first function's finding goes away when its check does; the second is reused, moved back up.
    texts.set(file, original.replace('\t\treturn p.Name', '\t\treturn "none"'));
    [hits, misses] = [cache.hits, cache.misses];
    expect(findings()).toEqual([expect.stringMatching(/^14: q is nil here .*line 13/)]);
    expect([cache.hits - hits, cache.misses - misses]).toEqual([1, 1]);
    expect(lint(texts, true)).toEqual(lint(texts, false));

    // Blank lines at the very top move everything and recompute nothing.
    texts.set(file, `\n\n\n${texts.get(file)!}`);
    [hits, misses] = [cache.hits, cache.misses];
    expect(findings()).toEqual([expect.stringMatching(/^17: q is nil here .*line 16/)]);
    expect([cache.hits - hits, cache.misses - misses]).toEqual([2, 0]);
    expect(lint(texts, true)).toEqual(lint(texts, false));
  });
});
