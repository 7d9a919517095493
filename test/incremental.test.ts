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
    // Edits that move functions down, add a function, type in a body near the top, change what a
    // callee returns and which locks a body takes; each lint carries over from the last.
    const edits = [
      (text: string) => `\n\n${text}`,
      (text: string) => insertBeforeFunction(text, 1, '// a comment\n\n'),
      (text: string) => insertBeforeFunction(text, 2, 'func added(p *int) int {\n\tif p == nil {\n\t\treturn *p\n\t}\n\treturn 0\n}\n\n'),
      (text: string) => text.replace(/return nil\b/, 'return nil // edited'),
      (text: string) => text.replace(/^func [^\n]*\{\n/m, (line) => `${line}\t// typed\n`),
      (text: string) => text.replace(/\n\t+[\w.]+\.R?Lock\(\)\n/, '\n'),
      (text: string) => text.replace(/return nil, /, 'return new(int), '),
      (text: string) => text.replace(/\n\t+defer [\w.]+\.R?Unlock\(\)\n/, '\n'),
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

describe('the language server, edit after edit', () => {
  // A package where functions depend on each other: a lock helper its callers' writes rely on, a
  // callee whose nil return its caller trusts, and a goroutine that writes the map the others range.
  const files: Record<string, string> = {
    'store.go': [
      'package scenario',
      '',
      'import "sync"',
      '',
      'type Node struct {',
      '\tName   string',
      '\tLabels map[string]string',
      '}',
      '',
      '// Store guards its nodes with mu.',
      'type Store struct {',
      '\tmu    sync.RWMutex',
      '\tnodes map[string]*Node',
      '}',
      '',
      'func fail(message string) {',
      '\tpanic(message)',
      '}',
      '',
      '// lock takes the lock for its callers.',
      'func (s *Store) lock() {',
      '\ts.mu.Lock()',
      '}',
      '',
      'func (s *Store) unlock() {',
      '\ts.mu.Unlock()',
      '}',
      '',
      '// Set writes under the lock its helper takes.',
      'func (s *Store) Set(name string, node *Node) {',
      '\ts.lock()',
      '\ts.nodes[name] = node',
      '\ts.unlock()',
      '}',
      '',
      '// Names ranges under the read lock.',
      'func (s *Store) Names() []string {',
      '\ts.mu.RLock()',
      '\tdefer s.mu.RUnlock()',
      '\tvar names []string',
      '\tfor name := range s.nodes {',
      '\t\tnames = append(names, name)',
      '\t}',
      '\treturn names',
      '}',
      '',
      '// Run writes from a goroutine.',
      'func (s *Store) Run() {',
      '\tgo func() {',
      '\t\ts.mu.Lock()',
      '\t\tdelete(s.nodes, "gone")',
      '\t\ts.mu.Unlock()',
      '\t}()',
      '}',
      '',
    ].join('\n'),
    'load.go': [
      'package scenario',
      '',
      'import "errors"',
      '',
      'func load(s *Store, name string) (*Node, error) {',
      '\tif node := s.nodes[name]; node != nil {',
      '\t\treturn node, nil',
      '\t}',
      '\treturn nil, errors.New("missing")',
      '}',
      '',
      '// Put writes under the lock a helper of another file takes.',
      'func (s *Store) Put(name string) {',
      '\ts.lock()',
      '\ts.nodes[name] = nil',
      '\ts.unlock()',
      '}',
      '',
      '// Clear writes under mu on every path that gets to the write, as long as fail stops.',
      'func (s *Store) Clear(some bool) {',
      '\tif some {',
      '\t\ts.mu.Lock()',
      '\t\tdefer s.mu.Unlock()',
      '\t} else {',
      '\t\tfail("clear all")',
      '\t}',
      '\ts.nodes["some"] = nil',
      '}',
      '',
      '// check trusts fail to stop it.',
      'func check(p *Node) string {',
      '\tif p == nil {',
      '\t\tfail("no node")',
      '\t}',
      '\treturn p.Name',
      '}',
      '',
      'func describe(s *Store, name string) string {',
      '\tnode, err := load(s, name)',
      '\tif err != nil {',
      '\t\tprintln(err.Error())',
      '\t}',
      '\treturn node.Name',
      '}',
      '',
    ].join('\n'),
  };

  it('publishes what a fresh lint of the same buffers finds, and carries over what it can', async () => {
    const { Linter } = await import('../server/linter.js');
    const { DocumentStore } = await import('../server/documents.js');
    const { RuleSelection, DEFAULT_SETTINGS } = await import('../server/settings.js');
    const { pathToFileURL } = await import('node:url');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-incremental-')).split(path.sep).join('/');
    try {
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(`${dir}/${name}`, text);
      const settings = { ...DEFAULT_SETTINGS };
      const documents = new DocumentStore(() => 'utf-16');
      const linter = new Linter(documents, {
        encoding: () => 'utf-16',
        settings: () => settings,
        workspaceRoot: () => dir,
        publish: () => {},
        refresh: () => {},
        pullMode: () => false,
        logError: (message) => {
          throw new Error(message);
        },
      });
      // Both files are open: edits go through the document store (tree.edit, incremental re-parse).
      const open = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, documents.open(pathToFileURL(`${dir}/${name}`).href, 1, text)!]));
      const texts = { ...files };
      let version = 1;
      const edit = (name: string, change: (text: string) => string) => {
        const before = texts[name]!;
        const after = change(before);
        expect(after).not.toBe(before);
        // The smallest range that turns one text into the other, as an editor would send it.
        let start = 0;
        while (start < before.length && start < after.length && before[start] === after[start]) start++;
        let end = 0;
        while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
        const position = (offset: number) => {
          const lines = before.slice(0, offset).split('\n');
          return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
        };
        const range = { start: position(start), end: position(before.length - end) };
        documents.change(open[name]!.uri, ++version, [{ range, text: after.slice(start, after.length - end) }]);
        texts[name] = after;
      };
      const strip = (findings: Array<{ ruleId: string; severity: string; message: string; file: string; range: unknown; related: unknown }>) =>
        findings.map(({ ruleId, severity, message, file, range, related }) => ({ ruleId, severity, message, file, range, related }));
      const incremental = () => {
        linter.schedule(dir, 1e9);
        linter.lintDirectory(dir, { publishNow: true });
        const byPath = Object.values(open).sort((a, b) => (a.path < b.path ? -1 : 1));
        return byPath.flatMap((document) => strip(linter.currentResult(document)!.findings));
      };
      const cold = () => {
        const selection = new RuleSelection(dir, settings);
        const sourceFiles = new Map(Object.entries(texts).map(([name, text]) => [`${dir}/${name}`, makeSourceFile(`${dir}/${name}`, text)]));
        const result = lintTargets([...sourceFiles.keys()], { enabled: selection.rulesForDirectory(dir), sourceFiles, explicit: new Set(sourceFiles.keys()) });
        return strip(selection.applyFileOverrides(result.diagnostics));
      };
      const counts: number[] = [];
      const step = () => {
        const found = incremental();
        expect(found).toEqual(cold());
        counts.push(found.length);
      };
      step();
      const reusedBefore = reuseCounts.reused;
      // Lines above everything, and a comment typed a character at a time into the first function.
      edit('store.go', (text) => `\n\n${text}`);
      step();
      edit('store.go', (text) => text.replace('func (s *Store) lock() {\n', 'func (s *Store) lock() {\n\t// x\n'));
      step();
      for (const typed of ['y', 'z']) {
        edit('store.go', (text) => text.replace(/\/\/ x\w*/, (comment) => `${comment}${typed}`));
        step();
      }
      // The helpers stop locking, then lock again: the writes of Set and of Put (in the other file)
      // lose and regain their lock.
      edit('store.go', (text) => text.replace('\t// xyz\n\ts.mu.Lock()\n', '\t// xyz\n'));
      step();
      edit('store.go', (text) => text.replace('unlock() {\n\ts.mu.Unlock()\n', 'unlock() {\n'));
      step();
      edit('store.go', (text) => text.replace('\t// xyz\n', '\t// xyz\n\ts.mu.Lock()\n'));
      step();
      edit('store.go', (text) => text.replace('unlock() {\n', 'unlock() {\n\ts.mu.Unlock()\n'));
      step();
      // fail returns after all, then stops again: check's CFG changes although check does not.
      edit('store.go', (text) => text.replace('\tpanic(message)', '\tprintln(message)'));
      step();
      edit('store.go', (text) => text.replace('\tprintln(message)', '\tpanic(message)'));
      step();
      // The callee returns a value with its error, then nil again.
      edit('load.go', (text) => text.replace('return nil, errors.New', 'return &Node{}, errors.New'));
      step();
      edit('load.go', (text) => text.replace('return &Node{}, errors.New', 'return nil, errors.New'));
      step();
      // The range loses its read lock; a function is added at the top; a declaration changes.
      edit('store.go', (text) => text.replace('\ts.mu.RLock()\n\tdefer s.mu.RUnlock()\n\tvar names', '\tvar names'));
      step();
      edit('store.go', (text) => text.replace('// lock takes', 'func first(p *Node) string {\n\tif p == nil {\n\t\treturn p.Name\n\t}\n\treturn ""\n}\n\n// lock takes'));
      step();
      edit('store.go', (text) => text.replace('\tName   string\n', '\tName   string\n\tID     int\n'));
      step();
      // The findings changed along the way, and unchanged functions were carried over.
      expect(new Set(counts).size).toBeGreaterThan(2);
      expect(reuseCounts.reused).toBeGreaterThan(reusedBefore);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
