// Text edits for suggested fixes that add a field to a composite literal and the import its value
// needs. The edits keep gofmt's layout for the common shapes: a one-line literal gets `, Key: value`,
// a multi-line one gets a new line aligned with the run of keyed lines above it, and an import is put
// in sorted place in the standard-library group. Unusual layouts still get valid Go; gofmt tidies them.
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import type { TextEdit } from '../diagnostic.js';
import type { GoPackage } from '../index/package-index.js';
import { importNames } from '../analysis/struct-literals.js';

function lineStart(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

function indentationAt(text: string, index: number): string {
  const start = lineStart(text, index);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Edits that add `key: value` to a composite literal that lacks the key. */
export function addFieldEdits(file: SourceFile, literal: SyntaxNode, key: string, value: string): TextEdit[] {
  const body = literal.childForFieldName('body');
  if (!body) return [];
  const text = file.text;
  const elements = body.namedChildren.filter((child) => child.type !== 'comment');
  const closeIndex = body.endIndex - 1;
  if (body.startPosition.row === body.endPosition.row) {
    if (elements.length === 0) return [{ file: file.path, startIndex: body.startIndex + 1, endIndex: closeIndex, newText: `${key}: ${value}` }];
    const last = elements[elements.length - 1]!;
    const between = text.slice(last.endIndex, closeIndex);
    const newText = between.includes(',') ? ` ${key}: ${value}` : `, ${key}: ${value}`;
    return [{ file: file.path, startIndex: closeIndex, endIndex: closeIndex, newText }];
  }
  const closeLine = lineStart(text, closeIndex);
  const closeIndent = indentationAt(text, closeIndex);
  if (elements.length === 0) {
    return [{ file: file.path, startIndex: closeLine, endIndex: closeLine, newText: `${closeIndent}\t${key}: ${value},\n` }];
  }
  const last = elements[elements.length - 1]!;
  const indent = indentationAt(text, last.startIndex);
  // The run of one-line keyed elements on consecutive lines just above the insertion point shares a column.
  const run: SyntaxNode[] = [];
  let expectedRow = last.endPosition.row;
  for (let index = elements.length - 1; index >= 0; index--) {
    const element = elements[index]!;
    if (element.type !== 'keyed_element' || element.startPosition.row !== element.endPosition.row || element.endPosition.row !== expectedRow) break;
    run.push(element);
    expectedRow = element.startPosition.row - 1;
  }
  const keyOf = (element: SyntaxNode) => element.childForFieldName('key')?.text.trim() ?? '';
  const width = Math.max(key.length, ...run.map((element) => keyOf(element).length));
  const edits: TextEdit[] = [];
  for (const element of run) {
    const keyNode = element.childForFieldName('key');
    const valueNode = element.childForFieldName('value');
    if (!keyNode || !valueNode) continue;
    const colon = text.indexOf(':', keyNode.endIndex);
    if (colon < 0 || colon >= valueNode.startIndex) continue;
    const padding = ' '.repeat(width - keyOf(element).length + 1);
    if (text.slice(colon + 1, valueNode.startIndex) !== padding) {
      edits.push({ file: file.path, startIndex: colon + 1, endIndex: valueNode.startIndex, newText: padding });
    }
  }
  const padding = ' '.repeat((run.length > 0 ? width : key.length) - key.length + 1);
  edits.push({ file: file.path, startIndex: closeLine, endIndex: closeLine, newText: `${indent}${key}:${padding}${value},\n` });
  return edits;
}

/** An edit replacing a node's text. */
export function replaceNodeEdit(file: SourceFile, node: SyntaxNode, newText: string): TextEdit {
  return { file: file.path, startIndex: node.startIndex, endIndex: node.endIndex, newText };
}

function isStandardLibrary(importPath: string): boolean {
  return !importPath.split('/')[0]!.includes('.');
}

/**
 * Makes `code` (written with the default package name, like `30 * time.Second`) fit the file: rewrites
 * the qualifier to the file's name for the import, or adds the import when the file lacks it.
 */
export function withImport(pkg: GoPackage, file: SourceFile, importPath: string, code: string): { code: string; edits: TextEdit[] } {
  const defaultName = importPath.split('/').at(-1)!;
  const qualifier = new RegExp(`\\b${defaultName}\\.`, 'g');
  if (!qualifier.test(code)) return { code, edits: [] };
  const names = importNames(pkg, file, importPath);
  if (names.length > 0) return { code: names.includes(defaultName) ? code : code.replace(qualifier, `${names[0]}.`), edits: [] };
  return { code, edits: addImportEdits(file, importPath) };
}

/** Edits that add an import of `importPath` to a file that lacks it. */
export function addImportEdits(file: SourceFile, importPath: string): TextEdit[] {
  const root = file.tree.rootNode;
  const quoted = JSON.stringify(importPath);
  const declarations = root.namedChildren.filter((child) => child.type === 'import_declaration');
  if (declarations.length === 0) {
    const clause = root.namedChildren.find((child) => child.type === 'package_clause');
    if (!clause) return [];
    return [{ file: file.path, startIndex: clause.endIndex, endIndex: clause.endIndex, newText: `\n\nimport ${quoted}` }];
  }
  const declaration = declarations[0]!;
  const list = declaration.namedChildren.find((child) => child.type === 'import_spec_list');
  if (!list) {
    const spec = declaration.namedChildren.find((child) => child.type === 'import_spec');
    if (!spec) return [];
    const specPath = spec.childForFieldName('path')?.text.slice(1, -1) ?? '';
    const lines = specPath < importPath ? [spec.text, quoted] : [quoted, spec.text];
    return [{ file: file.path, startIndex: declaration.startIndex, endIndex: declaration.endIndex, newText: `import (\n\t${lines.join('\n\t')}\n)` }];
  }
  const specs = list.namedChildren.filter((child) => child.type === 'import_spec');
  const groups: SyntaxNode[][] = [];
  for (const spec of specs) {
    const group = groups.at(-1);
    const previous = group?.at(-1);
    if (group && previous && spec.startPosition.row === previous.endPosition.row + 1) group.push(spec);
    else groups.push([spec]);
  }
  const pathOf = (spec: SyntaxNode) => spec.childForFieldName('path')?.text.slice(1, -1) ?? '';
  const standard = groups.find((group) => group.every((spec) => isStandardLibrary(pathOf(spec))));
  if (!standard) {
    const open = list.startIndex + 1;
    return [{ file: file.path, startIndex: open, endIndex: open, newText: `\n\t${quoted}\n` }];
  }
  const indent = indentationAt(file.text, standard[0]!.startIndex);
  const after = standard.find((spec) => pathOf(spec) > importPath);
  if (after) {
    const at = lineStart(file.text, after.startIndex);
    return [{ file: file.path, startIndex: at, endIndex: at, newText: `${indent}${quoted}\n` }];
  }
  const last = standard.at(-1)!;
  return [{ file: file.path, startIndex: last.endIndex, endIndex: last.endIndex, newText: `\n${indent}${quoted}` }];
}
