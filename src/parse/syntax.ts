// Small, allocation-light helpers over tree-sitter-go syntax nodes: unwrapping parentheses, naming
// selector paths (`s.cfg.tls`), finding the enclosing function. Every helper touches only the nodes it
// needs; none walks a whole tree.
import type { SyntaxNode } from './parser.js';

export const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** Strips any number of enclosing parentheses from an expression. */
export function unparen(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.namedChild(0);
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The outermost of the parentheses enclosing an expression, or the expression itself: unparen's inverse. */
export function outermostParen(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent?.type === 'parenthesized_expression') current = current.parent;
  return current;
}

/** A condition without its parentheses and one leading `!`: the operand, and whether the `!` was there. */
export function unnegate(condition: SyntaxNode): { operand: SyntaxNode; negated: boolean } {
  const inner = unparen(condition);
  if (inner.type !== 'unary_expression' || inner.childForFieldName('operator')?.text !== '!') return { operand: inner, negated: false };
  return { operand: unparen(inner.childForFieldName('operand') ?? inner), negated: true };
}

/**
 * The dotted path of an identifier or a chain of field selections, such as `node` or `s.cfg.tls`;
 * null for anything else (calls, index expressions, literals). Parentheses are ignored.
 */
export function selectorPath(node: SyntaxNode, maxDepth = 8): string | null {
  const parts: string[] = [];
  let current: SyntaxNode | null = unparen(node);
  while (current) {
    if (current.type === 'identifier') {
      parts.push(current.text);
      break;
    }
    if (current.type !== 'selector_expression') return null;
    const field = current.childForFieldName('field');
    const operand = current.childForFieldName('operand');
    if (!field || !operand) return null;
    parts.push(field.text);
    if (parts.length > maxDepth) return null;
    current = unparen(operand);
  }
  if (parts.length === 0) return null;
  return parts.reverse().join('.');
}

/** The innermost function declaration, method declaration or func literal around a node. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | null {
  let current = node.parent;
  while (current) {
    if (FUNCTION_TYPES.has(current.type)) return current;
    current = current.parent;
  }
  return null;
}

/** True for the `nil` literal, through parentheses. */
export function isNil(node: SyntaxNode | null | undefined): boolean {
  return !!node && unparen(node).type === 'nil';
}

/** The callee of a call as a dotted path (`http.Get`, `s.queue.Add`), or null when it is not a path. */
export function calleePath(call: SyntaxNode): string | null {
  const fn = call.childForFieldName('function');
  return fn ? selectorPath(fn) : null;
}

/** The argument expressions of a call, without the parentheses and commas. */
export function callArguments(call: SyntaxNode): SyntaxNode[] {
  const list = call.childForFieldName('arguments');
  return list ? list.namedChildren.filter((child) => child.type !== 'comment') : [];
}

/** The expressions of an expression_list, or the node itself when it is a single expression. */
export function expressionListItems(node: SyntaxNode | null): SyntaxNode[] {
  if (!node) return [];
  if (node.type === 'expression_list') return node.namedChildren.filter((child) => child.type !== 'comment');
  return [node];
}

/** The body of a function or func literal, or null for a declaration without one. */
export function functionBody(fn: SyntaxNode): SyntaxNode | null {
  return fn.childForFieldName('body');
}

/** Decodes a Go string literal's value; null when it is not a plain string literal. */
export function stringLiteralValue(node: SyntaxNode): string | null {
  const inner = unparen(node);
  if (inner.type === 'raw_string_literal') return inner.text.slice(1, -1);
  if (inner.type !== 'interpreted_string_literal') return null;
  try {
    return JSON.parse(inner.text) as string;
  } catch {
    return inner.text.slice(1, -1);
  }
}

/** True when `node` lies inside `ancestor` (or is it). Compares byte ranges, so it costs no walk. */
export function contains(ancestor: SyntaxNode, node: SyntaxNode): boolean {
  return node.startIndex >= ancestor.startIndex && node.endIndex <= ancestor.endIndex;
}

/** The index of the first node of a document-ordered list that starts at or after `offset`. */
export function firstAtOrAfter(nodes: readonly SyntaxNode[], offset: number): number {
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (nodes[middle]!.startIndex < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The nodes of a document-ordered list that start in [start, end). */
export function nodesInRange(nodes: readonly SyntaxNode[], start: number, end: number): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  for (let index = firstAtOrAfter(nodes, start); index < nodes.length && nodes[index]!.startIndex < end; index++) found.push(nodes[index]!);
  return found;
}

/** The nodes of a document-ordered list that lie inside `node`, found by binary search. */
export function nodesWithin(nodes: readonly SyntaxNode[], node: SyntaxNode): SyntaxNode[] {
  const end = node.endIndex;
  return nodesInRange(nodes, node.startIndex, end).filter((inner) => inner.endIndex <= end);
}

/** `text` with every regular-expression metacharacter escaped, to match it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A cheap first test of a call by the text it starts with, before any child node is read: `head` is
 * tried at the start of the call (after blanks and opening parentheses, so a parenthesized callee
 * `(http.Get)(u)` needs a head that allows `)` before its `(`). A call with a comment in its first
 * characters always passes, since a comment can sit between the tokens a pattern expects.
 */
export function callStartsWith(call: SyntaxNode, head: RegExp): boolean {
  const text = call.text;
  const start = text.slice(0, 256);
  if (start.includes('/*') || start.includes('//')) return true;
  return head.test(start.replace(/^[\s(]+/, ''));
}

/**
 * A called name in source text: the identifier, or the last selector, written before `(`, through
 * closing parentheses (`(s.f)(x)`). Text-only summaries scan function bodies with it.
 */
export const CALLED_NAME = /([\p{L}_][\p{L}\p{N}_]*)[\s)]*\(/gu;

/**
 * The source of a pattern for Go comments and string or rune literals, which lexes text well enough to
 * tell code from comments without a tree: literals come along so that a `//` inside a string is not
 * taken for a comment. Callers add their own alternatives and flags.
 */
export const COMMENT_OR_LITERAL_SOURCE = String.raw`\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|` + '`[^`]*`' + String.raw`|'(?:[^'\\\n]|\\.)*'`;
