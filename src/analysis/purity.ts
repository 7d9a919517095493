// Calls that change nothing their caller can see: builtins that only compute, package functions that
// never write through the pointers they are given (formatting, logging, errors, conversions, paths), and
// logging calls. The nil, expensive-call and retry rules ask here, so they agree on what a harmless call
// is. By itself it reports nothing. Calls are known by import path and name only, without types: a method
// counts as logging by its name or its receiver's name, which a type with a mutating `Info` would fool.
import type { SyntaxNode } from '../parse/parser.js';
import type { SourceFile } from '../parse/source.js';
import { unparen } from '../parse/syntax.js';
import { importPathOf, type GoPackage } from '../index/package-index.js';

/** Builtins whose result depends only on their arguments and that write nothing: len, cap, min, conversions. */
export const PURE_BUILTINS: ReadonlySet<string> = new Set([
  'len', 'cap', 'min', 'max', 'complex', 'real', 'imag',
  'string', 'byte', 'rune', 'bool', 'int', 'int8', 'int16', 'int32', 'int64',
  'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'float32', 'float64', 'complex64', 'complex128',
]);

/** Packages whose functions never write through the pointers they are given. */
export const NON_WRITING_PACKAGES: ReadonlySet<string> = new Set([
  'fmt', 'log', 'log/slog', 'errors', 'strings', 'strconv', 'bytes', 'time', 'math', 'unicode', 'unicode/utf8',
  'path', 'path/filepath', 'k8s.io/klog', 'k8s.io/klog/v2', 'github.com/golang/glog', 'github.com/sirupsen/logrus',
  'go.uber.org/zap', 'github.com/pkg/errors',
]);

/** Logging packages: every call into them logs (or builds a logger). */
const LOGGING_PACKAGES: ReadonlySet<string> = new Set([
  'log', 'log/slog', 'k8s.io/klog', 'k8s.io/klog/v2', 'github.com/golang/glog', 'github.com/sirupsen/logrus',
  'go.uber.org/zap', 'k8s.io/apimachinery/pkg/util/runtime',
]);

/** Method names of loggers, formatters and event recorders, which change none of the values they print. */
export const LOGGING_METHOD =
  /^(Debug|Info|Warn|Warning|Error|Print|Log|Trace|Notice|Fatal|Panic|Skip)(f|ln|w|S|Depth)?$|^(V|WithField|WithFields|WithError|Errorf|Sprintf|HandleError|Eventf|Event)$/;

/** Receivers named as loggers: `log.`, `c.logger.`, `klog.V(2).`. */
const LOGGER_RECEIVER = /(^|\.)(log|klog|glog|logger|Logger|logrus|zap|utilruntime)(\.|$|\()/;

/** The import path a selector's operand names in `file`, or null for anything but a package name. */
function packageOf(target: SyntaxNode, pkg: GoPackage, file: SourceFile): string | null {
  const operand = target.childForFieldName('operand');
  if (!operand) return null;
  const bare = unparen(operand);
  return bare.type === 'identifier' ? importPathOf(pkg, file, bare.text) : null;
}

/** True when a call into another package writes nothing through its arguments. */
export function isNonWritingPackageCall(target: SyntaxNode, pkg: GoPackage, file: SourceFile): boolean {
  if (target.type !== 'selector_expression') return false;
  const importPath = packageOf(target, pkg, file);
  return importPath !== null && NON_WRITING_PACKAGES.has(importPath);
}

/** True when a call logs: into a logging package, on a receiver named as a logger, or by a logging method name. */
export function isLoggingCall(call: SyntaxNode, pkg: GoPackage, file: SourceFile): boolean {
  const callee = call.childForFieldName('function');
  const target = callee ? unparen(callee) : null;
  if (target?.type !== 'selector_expression') return false;
  const name = target.childForFieldName('field')?.text ?? '';
  const importPath = packageOf(target, pkg, file);
  if (importPath !== null) return LOGGING_PACKAGES.has(importPath) || (NON_WRITING_PACKAGES.has(importPath) && LOGGING_METHOD.test(name));
  const operand = target.childForFieldName('operand');
  return (!!operand && LOGGER_RECEIVER.test(operand.text)) || LOGGING_METHOD.test(name);
}
