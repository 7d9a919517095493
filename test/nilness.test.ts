// Tests the nil analysis' two filters (the text test, then the tree test of where each check's facts
// can flow): they may let through functions without findings, but must never drop one that has a
// finding, whatever the layout of the code around the checked path.
import { describe, expect, it } from 'vitest';
import { mayDereferenceCheckedPath, mayReachCheckedDereference } from '../rules/nil-deref-after-check/filter.js';
import { parseGo } from '../src/parse/parser.js';

describe('mayDereferenceCheckedPath', () => {
  it.each([
    ['if node == nil { return node.Name }'],
    ['if err != nil { return err.Error() }'],
    ['v, err := f()\nif err != nil { log(err) }\nreturn v.x'],
    ['if v, err := f(); err != nil { log(err) }\nreturn v.x'],
    ['if (s).cfg == nil { x := *(s).cfg }'],
    ['if (s . cfg) == nil { x := ( s.cfg ).tls }'],
    ['if nil == p { *p = 1 }'],
    ['if m == nil { m = map[string]int{} }\nm[k] = 1'],
    ['if fn == nil { fn() }'],
    ['if ünïcode == nil { return ünïcode.x }'],
    // A comment ending in a period just above the assignment once hid `pr` (corpus regression).
    ['// because we create one per perf event.\n\t\tpr, err := f()\n\t\tif err != nil { log(err) }\n\t\tpr.Close()'],
    ['x := 1 // see the event.\n\tif p == nil { p.x = 1 }'],
    // A selector split after its dot: the capture is cut to `cfg`, whose uses follow a dot.
    ['if s.\n\t\tcfg == nil { x := s.cfg.tls }'],
    ['if p == nil { for _, v := range p { use(v) } }'],
    ['v, ok := x.(*T)\nif !ok { log() }\nreturn v.x'],
    ['r.v, r.err = f()\nif r.err != nil { log() }\nreturn r.v.x'],
  ])('keeps %j', (text) => {
    expect(mayDereferenceCheckedPath(text)).toBe(true);
  });

  it.each([
    ['if err != nil { return err }'],
    ['v, err := f()\nif err != nil { return }\nreturn v'],
    ['if x == nil { return }'],
    ['if done == nil { done = make(chan struct{}) }\nclose(done)'],
    // Names that merely end like the checked one are not its dereferences.
    ['if e != nil { log(e) }\nthe.x(); size(n)'],
    ['if p == nil { log(p) }\n*pp = 1'],
  ])('drops %j', (text) => {
    expect(mayDereferenceCheckedPath(text)).toBe(false);
  });

  it('answers on long runs of words and identifiers, where a quadratic scan would hang the test', () => {
    const text = `${'x'.repeat(200_000)} == nil ${'a b c, '.repeat(30_000)}, err := f()`;
    expect(mayDereferenceCheckedPath(text)).toBe(false);
  });
});

describe('mayReachCheckedDereference', () => {
  /**
   * Runs the tree test on the one function of `body`. `fatal` is the only name that may not return, and
   * `fail(...)`, `panic(...)` and `t.Fatalf(...)` are the statements that surely end a path.
   */
  const reaches = (body: string): boolean => {
    const tree = parseGo(`package p\n\nfunc f() {\n${body}\n}\n`);
    const fn = tree.rootNode.namedChildren.find((node) => node.type === 'function_declaration')!;
    const block = fn.childForFieldName('body')!;
    return mayReachCheckedDereference(fn, block, block.text, {
      mayNotReturn: (name) => name === 'fatal' || name === 'fail',
      stops: (statement) => /^(fail|panic|t\.Fatalf)\(/.test(statement.text),
    });
  };

  it.each([
    ['inside the nil branch', 'if p == nil { use(p.x) }'],
    ['after a nil branch that falls through', 'if p == nil { log() }\np.x = 1'],
    ['in the else of a non-nil test', 'if p != nil { use() } else { p.x = 1 }'],
    ['after a non-nil body that returns', 'if p != nil { return }\np.x = 1'],
    ['after a non-nil body that calls something that may not return', 'if p != nil { fatal() }\np.x = 1'],
    ['after a nil branch that calls something that may not return, then goes on', 'if p == nil { fatal(); log() }\np.x = 1'],
    ['after a non-nil body with a loop that has no condition', 'if p != nil { for { work() } }\np.x = 1'],
    ['inside a compound condition', 'if p == nil && p.ok { use() }'],
    ['in the body of `p == nil || ...`', 'if p == nil || p.bad { use(p.x) }'],
    ['earlier in a loop, reached around it', 'for i := 0; i < n; i++ {\n use(p.x)\n if p == nil { log() }\n}'],
    ['in a for post statement after a continue', 'for ; ; p = p.next {\n if p == nil { continue }\n}'],
    ['after a nil branch that breaks', 'for {\n if p == nil { break }\n}\np.x = 1'],
    ['anywhere, with a goto', 'if p == nil { goto end }\nend:\np.x = 1'],
    ['for an error-contract target after a logging error branch', 'v, err := g()\nif err != nil { log(err) }\nuse(v.x)'],
    ['for an error-contract target when `err == nil` has no else', 'v, err := g()\nif err == nil { fatal() }\nuse(v.x)'],
    ['inside an error branch', 'v, err := g()\nif err != nil { use(v.x); return }'],
    ['after a nil check in a switch case', 'switch {\ncase p == nil:\n log()\n}\np.x = 1'],
    ['in the body of a negated non-nil test', 'if !(p != nil) { p.x = 1 }'],
    ['after a loop that runs while the path is not nil', 'for p != nil { p = p.next }\nuse(p.x)'],
    ['after `err == nil` with no else that falls through', 'v, err := g()\nif err == nil { log() }\nuse(v.x)'],
    ['after an errors.Is branch that falls through', 'v, err := g()\nif errors.Is(err, io.EOF) { log() }\nuse(v.x)'],
    ['after a type switch on the error', 'v, err := g()\nswitch err.(type) {\ncase nil:\ndefault:\n log()\n}\nuse(v.x)'],
    ['after a test of a copy of the error', 'v, err := g()\ne := err\nif e != nil { log() }\nuse(v.x)'],
    ['after a test of ok that falls through', 'v, ok := x.(*T)\nif !ok { log() }\nuse(v.x)'],
    ['when ranging with a value in the nil branch', 'if p == nil { for _, v := range p { use(v) } }'],
  ])('keeps a dereference %s', (_name, body) => {
    expect(reaches(body)).toBe(true);
  });

  it.each([
    ['after a nil branch that returns', 'if p == nil { return }\np.x = 1'],
    ['after a nil branch that ends in t.Fatal', 'if p == nil { t.Fatalf("no p") }\np.x = 1'],
    ['after a nil branch that ends in a call that never returns', 'if p == nil { log(); fail("no p") }\np.x = 1'],
    ['after a nil branch that assigns the path', 'if p == nil { p = def() }\np.x = 1'],
    ['inside a non-nil body that falls through', 'if p != nil { p.x = 1 }'],
    ['after `p != nil && ...` with no else', 'if p != nil && p.ok { use() }\np.x = 1'],
    ['after an error branch that returns', 'v, err := g()\nif err != nil { return }\nuse(v.x)'],
    ['in a loop whose nil branch continues', 'for _, q := range qs {\n if p == nil { continue }\n use(p.x, q)\n}'],
    ['after a check that is a value, not a branch condition', 'ok := p == nil\nuse(ok, p.x)\nreturn p != nil && p.ok'],
    ['after a check under a `!` that covers an `&&`', 'if !(ready && p == nil) { use(p.x) }'],
    ['after a test of ok that returns', 'v, ok := x.(*T)\nif !ok { return }\nuse(v.x)'],
  ])('drops a function whose only dereference is %s', (_name, body) => {
    expect(reaches(body)).toBe(false);
  });
});
