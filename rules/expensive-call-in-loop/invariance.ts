// What a loop changes, for judging whether a call in it is loop-invariant: the names it binds, the paths
// it stores to, the receivers of the methods it calls and the values it passes to calls that may write
// them; and which calls are pure (their result depends only on their arguments). It judges from syntax
// and the shared purity lists; whether a loop is hot, and what to report, are the rule's.

import type { SyntaxNode } from '../../src/parse/parser.js';
import type { SourceFile } from '../../src/parse/source.js';
import { selectorPath, unparen } from '../../src/parse/syntax.js';
import { importPathOf, type GoPackage } from '../../src/index/package-index.js';
import { isNonWritingPackageCall, LOGGING_METHOD, PURE_BUILTINS } from '../../src/analysis/purity.js';

/** Package functions whose result depends only on their arguments. */
const PURE_FUNCTIONS: Record<string, RegExp> = {
  fmt: /^(Sprintf|Sprint|Sprintln|Errorf)$/,
  strings: /^[A-Z]/,
  bytes: /^(Join|ToLower|ToUpper|TrimSpace|Trim|TrimPrefix|TrimSuffix|Repeat|Replace|ReplaceAll)$/,
  strconv: /^[A-Z]/,
  'path/filepath': /^(Join|Base|Dir|Clean|Ext|Abs|Rel|FromSlash|ToSlash)$/,
  path: /^(Join|Base|Dir|Clean|Ext)$/,
  regexp: /^QuoteMeta$/,
  net: /^(JoinHostPort|ParseIP|ParseCIDR)$/,
  'os/exec': /^(Command|CommandContext)$/,
  'text/template': /^(New|Must)$/,
  'html/template': /^(New|Must)$/,
};
/** Method names that read without changing their receiver, so calling them in the loop keeps it invariant. */
const READ_ONLY_METHOD = /^(Get|get|Is|is|Has|has|Len|String|Lookup|Contains|Equal|Error|Name|Key|Value|Copy|DeepCopy|Clone|List|Load)/;

/** Methods that read without changing their receiver: getters and predicates by name, and logging. */
function isReadOnlyMethod(name: string): boolean {
  return READ_ONLY_METHOD.test(name) || LOGGING_METHOD.test(name);
}

interface WeakUse {
  path: string;
  callId: number;
  calleeText: string;
}

/** What a loop changes: names it (re)binds, paths it stores to, and receivers of the methods it calls. */
export interface LoopWrites {
  names: Set<string>;
  paths: string[];
  receivers: WeakUse[];
  /** Values passed as arguments to calls that are not known to be pure. */
  arguments: WeakUse[];
  /** How many times each name is bound or assigned in the loop. */
  bindings: Map<string, number>;
}

export function overlaps(path: string, written: string): boolean {
  return path === written || path.startsWith(`${written}.`) || written.startsWith(`${path}.`);
}

/** Everything a loop writes, from its header and body. */
export function collectWrites(loop: SyntaxNode, pkg: GoPackage, file: SourceFile): LoopWrites {
  const writes: LoopWrites = { names: new Set(), paths: [], receivers: [], arguments: [], bindings: new Map() };
  const bind = (name: string) => {
    if (name === '_') return;
    writes.names.add(name);
    writes.bindings.set(name, (writes.bindings.get(name) ?? 0) + 1);
  };
  const store = (target: SyntaxNode | null | undefined, rebinds: boolean) => {
    if (!target) return;
    const expr = unparen(target);
    if (expr.type === 'identifier') {
      if (rebinds) bind(expr.text);
      else writes.paths.push(expr.text);
      return;
    }
    if (expr.type === 'selector_expression') {
      const path = selectorPath(expr);
      if (path) writes.paths.push(path);
      else store(expr.childForFieldName('operand'), false);
      return;
    }
    if (expr.type === 'index_expression' || expr.type === 'slice_expression') {
      store(expr.childForFieldName('operand'), false);
      return;
    }
    if (expr.type === 'unary_expression') store(expr.childForFieldName('operand'), false);
  };
  const kinds = [
    'short_var_declaration',
    'assignment_statement',
    'inc_statement',
    'dec_statement',
    'var_spec',
    'range_clause',
    'receive_statement',
    'type_switch_statement',
    'parameter_declaration',
    'unary_expression',
    'call_expression',
  ];
  for (const node of loop.descendantsOfType(kinds)) {
    switch (node.type) {
      case 'short_var_declaration':
      case 'assignment_statement':
      case 'range_clause':
      case 'receive_statement':
        for (const target of node.childForFieldName('left')?.namedChildren ?? []) store(target, true);
        break;
      case 'inc_statement':
      case 'dec_statement':
        store(node.namedChild(0), true);
        break;
      case 'var_spec':
      case 'parameter_declaration':
        for (const name of node.childrenForFieldName('name')) bind(name.text);
        break;
      case 'type_switch_statement':
        for (const alias of node.childForFieldName('alias')?.namedChildren ?? []) bind(alias.text);
        break;
      case 'unary_expression':
        if (node.childForFieldName('operator')?.text === '&') store(node.childForFieldName('operand'), false);
        break;
      case 'call_expression': {
        const callee = node.childForFieldName('function');
        const target = callee ? unparen(callee) : null;
        if (target?.type === 'identifier' && /^(delete|clear|copy)$/.test(target.text)) {
          store(node.childForFieldName('arguments')?.namedChild(0), false);
          break;
        }
        if (!isReadOnlyCall(target, pkg, file)) {
          for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
            const path = selectorPath(arg);
            if (path) writes.arguments.push({ path, callId: node.id, calleeText: target?.text ?? '' });
          }
        }
        if (target?.type !== 'selector_expression') break;
        const operand = unparen(target.childForFieldName('operand')!);
        if (operand.type === 'identifier' && importPathOf(pkg, file, operand.text)) break;
        const method = target.childForFieldName('field')?.text ?? '';
        if (isReadOnlyMethod(method)) break;
        const path = selectorPath(operand);
        if (path) writes.receivers.push({ path, callId: node.id, calleeText: target.text });
        break;
      }
      default:
        break;
    }
  }
  return writes;
}

function isReadOnlyCall(target: SyntaxNode | null, pkg: GoPackage, file: SourceFile): boolean {
  if (!target) return false;
  if (target.type === 'identifier') return PURE_BUILTINS.has(target.text) || target.text === 'append';
  if (target.type !== 'selector_expression') return false;
  const operand = unparen(target.childForFieldName('operand')!);
  if (operand.type === 'identifier' && importPathOf(pkg, file, operand.text)) return isNonWritingPackageCall(target, pkg, file);
  return isReadOnlyMethod(target.childForFieldName('field')?.text ?? '');
}

/** Conversions, len and cap, and package functions whose result depends only on their arguments. */
export function isPureCall(call: SyntaxNode, pkg: GoPackage, file: SourceFile): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return false;
  const target = unparen(callee);
  if (target.type === 'identifier') return PURE_BUILTINS.has(target.text) || pkg.types.has(target.text);
  if (target.type === 'selector_expression') {
    const operand = unparen(target.childForFieldName('operand')!);
    if (operand.type !== 'identifier') return false;
    const importPath = importPathOf(pkg, file, operand.text);
    const name = target.childForFieldName('field')?.text ?? '';
    return !!importPath && !!PURE_FUNCTIONS[importPath]?.test(name);
  }
  return target.type !== 'func_literal' && target.type !== 'index_expression' && target.type !== 'call_expression';
}
