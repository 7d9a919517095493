// Tests the nil analysis' text prefilter: it may let through functions without findings, but must
// never drop one that has a finding, whatever the layout of the code around the checked path.
import { describe, expect, it } from 'vitest';
import { mayDereferenceCheckedPath } from '../src/analysis/nilness.js';

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
  ])('keeps %j', (text) => {
    expect(mayDereferenceCheckedPath(text)).toBe(true);
  });

  it.each([
    ['if err != nil { return err }'],
    ['v, err := f()\nif err != nil { return }\nreturn v'],
    ['if x == nil { return }'],
    ['if done == nil { done = make(chan struct{}) }\nclose(done)'],
  ])('drops %j', (text) => {
    expect(mayDereferenceCheckedPath(text)).toBe(false);
  });

  it('answers on long runs of words and identifiers, where a quadratic scan would hang the test', () => {
    const text = `${'x'.repeat(200_000)} == nil ${'a b c, '.repeat(30_000)}, err := f()`;
    expect(mayDereferenceCheckedPath(text)).toBe(false);
  });
});
