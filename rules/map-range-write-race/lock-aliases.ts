// Which lock a lock expression names, beyond its path. A struct that embeds a sync mutex, at any depth
// of embedding, is locked through that one mutex whether it is written `p.Lock()`, `p.guard.Lock()`
// or `p.guard.Mutex.Lock()`: all are `guard.Mutex`, after the struct that declares the embedded
// field. A field that only ever holds the address of another lock (`cursor{mu: &t.mu}`,
// `c.mu = &t.mu`) is that lock, and so is the `L` of a `sync.NewCond(&s.mu)`. An alias counts only
// when every assignment of the field found in the package agrees. It reports nothing by itself.
import type { SyntaxNode } from '../../src/parse/parser.js';
import { enclosingFunction, expressionListItems, unparen } from '../../src/parse/syntax.js';
import { searchEmbedded, type GoPackage } from '../../src/index/package-index.js';
import { defineAnalysis, type PackageAnalyses } from '../../src/analysis/context.js';
import { FileParts } from '../../src/analysis/carry-over.js';
import type { SourceFile } from '../../src/parse/source.js';
import { normalisePath } from './paths.js';

const SYNC_MUTEX = /^\*?sync\.(RW)?Mutex$/;
const LOCK_FIELD_TYPE = /^\*sync\.(RW)?Mutex$|^sync\.Locker$/;

/** The key of the sync mutex a struct embeds (itself or through embedded structs): `guard.Mutex`; null when it embeds none. */
export function embeddedMutexKey(pkg: GoPackage, typeName: string): string | null {
  return searchEmbedded(pkg, typeName, (name, info) => {
    const field = info?.fields.find((candidate) => candidate.embedded && SYNC_MUTEX.test(candidate.typeText.replace(/\s+/g, '')));
    return field ? `${name}.${field.name.replace(/^.*\./, '')}` : null;
  });
}

/** Lock keys that stand for another lock (`cursor.mu` → `Table.mu`, `T.cond.L` → `T.mu`). */
export const lockAliases = defineAnalysis('lock-aliases', (analyses): ReadonlyMap<string, string> => {
  const pkg = analyses.pkg;
  const lockFields = new Set<string>();
  for (const type of pkg.types.values()) {
    if (type.kind !== 'struct') continue;
    for (const field of type.fields) if (!field.embedded && LOCK_FIELD_TYPE.test(field.typeText.replace(/\s+/g, ''))) lockFields.add(`${type.name}.${field.name}`);
  }
  const found = new Map<string, string | null>();
  const note = (field: string, target: string | null): void => {
    const known = found.get(field);
    if (known === undefined) found.set(field, target);
    else if (known !== target) found.set(field, null);
  };
  const mayAlias = lockFields.size > 0;
  for (const file of pkg.files) {
    if (file.isTest) continue;
    for (const [field, target] of notesIn.get(analyses, file, '', () => notesOf(analyses, file, lockFields, mayAlias))) note(field, target);
  }
  const aliases = new Map<string, string>();
  for (const [key, target] of found) if (target && target !== key) aliases.set(key, target);
  return aliases;
});

/** Per file, what its assignments and literals store in lock fields, in order (they rest on its text and the declarations). */
const notesIn = new FileParts<Array<[string, string | null]>>();

/** The lock fields a file assigns, with the lock each assignment names (null for anything else), in order. */
function notesOf(analyses: PackageAnalyses, file: SourceFile, lockFields: ReadonlySet<string>, mayAlias: boolean): Array<[string, string | null]> {
  const pkg = analyses.pkg;
  const notes: Array<[string, string | null]> = [];
  const note = (field: string, target: string | null): void => {
    notes.push([field, target]);
  };
  const text = file.text;
  const conditions = text.includes('NewCond(');
  if (!conditions && !(mayAlias && text.includes('&'))) return notes;
  const buckets = analyses.nodesOfTypes(file, ['assignment_statement', 'composite_literal']);
  for (const statement of buckets.get('assignment_statement')!) {
    // Only `x.f = &y.mu`, `x.f = y.mu` and `x.c = sync.NewCond(...)` can alias a lock.
    const right = expressionListItems(statement.childForFieldName('right'));
    if (!right.some((value) => mayHoldLock(value, conditions))) continue;
    const left = expressionListItems(statement.childForFieldName('left'));
    if (left.length !== right.length) continue;
    const fnNode = enclosingFunction(statement);
    if (!fnNode) continue;
    left.forEach((target, index) => {
      if (target.type !== 'selector_expression' || !mayHoldLock(right[index]!, conditions)) return;
      const path = normalisePath(analyses, fnNode, target);
      if (path) record(analyses, fnNode, path.key, right[index]!, lockFields, note);
    });
  }
  for (const literal of buckets.get('composite_literal')!) {
    const typeName = literal.childForFieldName('type')?.text;
    const info = typeName ? pkg.types.get(typeName) : undefined;
    if (!info || info.kind !== 'struct') continue;
    if (!conditions && !info.fields.some((field) => lockFields.has(`${info.name}.${field.name}`))) continue;
    const fnNode = enclosingFunction(literal);
    const elements = literal.childForFieldName('body')?.namedChildren ?? [];
    const positional = elements.every((element) => element.type === 'literal_element');
    elements.forEach((element, index) => {
      let field: string | undefined;
      let value: SyntaxNode | null = null;
      if (element.type === 'keyed_element') {
        field = inner(element.namedChild(0))?.text;
        value = inner(element.namedChild(1));
      } else if (positional && element.type === 'literal_element') {
        field = info.fields[index]?.name;
        value = inner(element);
      }
      if (field && value && fnNode) record(analyses, fnNode, `${info.name}.${field}`, value, lockFields, note);
    });
  }
  return notes;
}

/** A value that may be a lock's address, a lock pointer, or a new condition. */
function mayHoldLock(value: SyntaxNode, conditions: boolean): boolean {
  const type = value.type;
  if (type === 'unary_expression' || type === 'selector_expression') return true;
  return conditions && type === 'call_expression' && value.text.includes('NewCond');
}

function inner(node: SyntaxNode | null): SyntaxNode | null {
  return node?.type === 'literal_element' ? node.namedChild(0) : node;
}

/** Notes what the lock field `key` (or the `L` of a condition stored at `key`) is assigned. */
function record(
  analyses: PackageAnalyses,
  fnNode: SyntaxNode,
  key: string,
  value: SyntaxNode,
  lockFields: ReadonlySet<string>,
  note: (field: string, target: string | null) => void,
): void {
  const bare = unparen(value);
  if (bare.type === 'call_expression' && /NewCond$/.test(bare.childForFieldName('function')?.text ?? '')) {
    const argument = bare.childForFieldName('arguments')?.namedChild(0);
    const target = argument ? addressedPath(analyses, fnNode, argument) : null;
    if (target) note(`${key}.L`, target);
    return;
  }
  if (!lockFields.has(key)) return;
  note(key, addressedPath(analyses, fnNode, bare));
}

/** The key of `x.mu` in `&x.mu`, or of a value already holding a lock pointer (`t.mu` of type *sync.Mutex). */
function addressedPath(analyses: PackageAnalyses, fnNode: SyntaxNode, value: SyntaxNode): string | null {
  let bare = unparen(value);
  if (bare.type === 'unary_expression' && bare.childForFieldName('operator')?.text === '&') bare = unparen(bare.childForFieldName('operand') ?? bare);
  else if (bare.type !== 'selector_expression') return null;
  return normalisePath(analyses, fnNode, bare)?.key ?? null;
}
