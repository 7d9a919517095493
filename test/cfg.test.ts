// CFG builder tests: golden dumps of every top-level function in testdata/cfg/*.go, plus the
// properties a dump cannot show well (deep nesting, long conditions, func literals, syntax errors).
// Run with UPDATE_GOLDEN=1 to rewrite the .golden files, then read the diff before keeping it.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { parseGo, type SyntaxNode } from '../src/parse/parser.js';
import { calleePath } from '../src/parse/syntax.js';
import { buildCfg, CfgTooDeepError, type Cfg, type CfgOptions } from '../src/cfg/cfg.js';
import { dumpCfg } from '../src/cfg/dump.js';

const TESTDATA = fileURLToPath(new URL('../testdata/cfg', import.meta.url));
const NO_RETURN_CALLS = new Set(['os.Exit', 'log.Fatal', 'log.Fatalf']);
const options: CfgOptions = { isNoReturnCall: (call) => NO_RETURN_CALLS.has(calleePath(call) ?? '') };

function topLevelFunctions(text: string): SyntaxNode[] {
  return parseGo(text).rootNode.namedChildren.filter(
    (node) => node.type === 'function_declaration' || node.type === 'method_declaration',
  );
}

function cfgOf(text: string, extra: CfgOptions = {}): Cfg {
  const [fn] = topLevelFunctions(text);
  if (!fn) throw new Error('no function in test source');
  return buildCfg(fn, extra);
}

function blockTexts(cfg: Cfg): string[] {
  return cfg.blocks.flatMap((block) => block.nodes.map((node) => node.text));
}

describe('buildCfg golden dumps', () => {
  const inputs = readdirSync(TESTDATA).filter((name) => name.endsWith('.go'));
  for (const input of inputs) {
    it(input, () => {
      const text = readFileSync(join(TESTDATA, input), 'utf8');
      const dump = topLevelFunctions(text)
        .map((fn) => dumpCfg(buildCfg(fn, options)))
        .join('\n');
      const goldenPath = join(TESTDATA, input.replace(/\.go$/, '.golden'));
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(goldenPath)) {
        if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`missing ${goldenPath}; run with UPDATE_GOLDEN=1`);
        writeFileSync(goldenPath, dump);
      }
      expect(dump).toBe(readFileSync(goldenPath, 'utf8'));
    });
  }
});

describe('buildCfg structure', () => {
  it('gives every block its index as id, with entry and exit first', () => {
    const cfg = cfgOf('package p\nfunc f(x bool) { if x { a() } else { b() } }\n');
    expect(cfg.entry.id).toBe(0);
    expect(cfg.exit.id).toBe(1);
    cfg.blocks.forEach((block, index) => expect(block.id).toBe(index));
    for (const block of cfg.blocks) {
      for (const edge of block.succs) {
        expect(edge.from).toBe(block);
        expect(edge.to.preds).toContain(edge);
      }
      for (const edge of block.preds) expect(edge.from.succs).toContain(edge);
    }
  });

  it('puts atomic conditions on true and false edges without parentheses', () => {
    const cfg = cfgOf('package p\nfunc f(x *T) { if (x != nil) && ((x.ok)) { use(x) } }\n');
    const conditions = cfg.blocks.flatMap((block) => block.succs.filter((edge) => edge.cond).map((edge) => `${edge.kind} ${edge.cond!.text}`));
    expect(conditions).toEqual(['true x != nil', 'false x != nil', 'true x.ok', 'false x.ok']);
  });

  it('puts case values on case edges, and a type case condition only when it lists one type', () => {
    const expression = cfgOf('package p\nfunc f(x int) { switch x { case 1, 2: a(); default: b() } }\n');
    const head = expression.blocks.find((block) => block.label === 'switch.head')!;
    expect(head.succs.map((edge) => [edge.kind, edge.cond?.type, edge.cond?.text])).toEqual([
      ['case', 'expression_list', '1, 2'],
      ['default', undefined, undefined],
    ]);
    const typed = cfgOf('package p\nfunc f(v any) { switch t := v.(type) { case nil: a(); case int, string: b(t) } }\n');
    const typeHead = typed.blocks.find((block) => block.label === 'switch.head')!;
    expect(typeHead.nodes.map((node) => node.text)).toEqual(['v']);
    expect(typeHead.succs.map((edge) => [edge.kind, edge.cond?.text])).toEqual([
      ['case', 'nil'],
      ['case', undefined],
      ['default', undefined],
    ]);
  });

  it('reads && and || through comments and ignores them inside atomic conditions', () => {
    const cfg = cfgOf('package p\nfunc f(a, b bool) { if a /* c */ && b { x() }; if g("&&", a || b) { y() } }\n');
    const tests = cfg.blocks.flatMap((block) => block.succs.filter((edge) => edge.kind === 'true').map((edge) => edge.cond!.text));
    expect(tests).toEqual(['a', 'b', 'g("&&", a || b)']);
  });

  it('lists defer statements in source order and keeps them in their blocks', () => {
    const cfg = cfgOf('package p\nfunc f(ok bool) { defer a(); if ok { defer b() }; c() }\n');
    expect(cfg.defers.map((node) => node.text)).toEqual(['defer a()', 'defer b()']);
    expect(cfg.entry.nodes.map((node) => node.text)).toContain('defer a()');
  });

  it('does not enter func literal bodies', () => {
    const text = 'package p\nfunc f() {\n\tg := func() int { inner(); return 1 }\n\tgo func() { panic("x") }()\n\tdefer func() { for {} }()\n\tafter()\n}\n';
    const cfg = cfgOf(text);
    expect(cfg.blocks.map((block) => block.label)).toEqual(['entry', 'exit']);
    expect(cfg.entry.succs.map((edge) => edge.kind)).toEqual(['normal']);
    expect(blockTexts(cfg).some((node) => node.startsWith('inner') || node.startsWith('return'))).toBe(false);
    expect(blockTexts(cfg)).toContain('after()');
  });

  it('builds a func literal on its own', () => {
    const [fn] = topLevelFunctions('package p\nfunc f() { g := func(x int) int { if x > 0 { return x }; return 0 }; g(1) }\n');
    const literal = fn!.descendantsOfType('func_literal')[0]!;
    const cfg = buildCfg(literal);
    expect(dumpCfg(cfg).split('\n')[0]).toBe('func literal@2');
    expect(cfg.exit.preds.map((edge) => edge.kind)).toEqual(['return', 'return']);
  });

  it('throws CfgTooDeepError, not RangeError, for 5,000 nested ifs', () => {
    const depth = 5000;
    const text = `package p\nfunc f(x bool) {\n${'if x {\n'.repeat(depth)}y()\n${'}\n'.repeat(depth)}}\n`;
    const fn = topLevelFunctions(text)[0]!;
    expect(() => buildCfg(fn)).toThrow(CfgTooDeepError);
    expect(() => buildCfg(fn)).toThrow('function nests statements more than 2000 levels deep');
  });

  it('builds 2,000 nested ifs', () => {
    const depth = 2000;
    const text = `package p\nfunc f(x bool) {\n${'if x {\n'.repeat(depth)}y()\n${'}\n'.repeat(depth)}}\n`;
    const cfg = cfgOf(text);
    expect(cfg.exit.preds).toHaveLength(1);
    expect(blockTexts(cfg)).toContain('y()');
  });

  it('follows a 5,000-link else-if chain without nesting', () => {
    const links = Array.from({ length: 5000 }, (_, index) => `if x == ${index} { a() } else `).join('');
    const cfg = cfgOf(`package p\nfunc f(x int) {\n${links}{ b() }\n}\n`);
    expect(cfg.blocks.filter((block) => block.label === 'if.done')).toHaveLength(1);
  });

  it('splits 10,000-term || and && chains without recursion', () => {
    const terms = Array.from({ length: 10000 }, (_, index) => `a${index}`);
    for (const condition of [terms.join(' || '), terms.join(' && '), `${terms.join(' || (')}${')'.repeat(terms.length - 1)}`]) {
      const cfg = cfgOf(`package p\nfunc f() {\nif ${condition} {\nyes()\n}\n}\n`);
      const tests = cfg.blocks.filter((block) => block.succs.some((edge) => edge.kind === 'true'));
      expect(tests).toHaveLength(10000);
      const then = cfg.blocks.find((block) => block.label === 'if.then')!;
      const done = cfg.blocks.find((block) => block.label === 'if.done')!;
      const isOr = condition.includes('||');
      expect(then.preds).toHaveLength(isOr ? 10000 : 1);
      expect(done.preds).toHaveLength(isOr ? 2 : 10001);
    }
  });

  it('tolerates syntax errors', () => {
    const sources = [
      'package p\nfunc f() {\n\tif x ( {\n\ty()\n\tfor i := range {\n\t}\n}\n',
      'package p\nfunc f() {\n\tswitch x {\n\tcase :\n\t\tbreak Nowhere\n\t}\n\tgoto missing\n\tfor ; ; {\n\t}\n}\n',
      'package p\nfunc f() {\n\tx := 1 +* )\n\ty()\n\tif { }\n\treturn\n}\n',
      'package p\nfunc f() {\n\tselect { case <-: }\n\tcontinue\n\tfallthrough\n\tL:\n}\n',
    ];
    for (const source of sources) {
      const fn = parseGo(source).rootNode.descendantsOfType('function_declaration')[0]!;
      expect(() => dumpCfg(buildCfg(fn))).not.toThrow();
    }
  });
});
