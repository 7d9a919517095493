// The catalog of expensive primitives (shell-outs, netlink and interface listings, regexp and template
// compilation, file-system reads and walks, lookups, certificate parsing, sql.Open, json.Marshal) and
// its configuration by the rule's options (`extraFunctions`, `ignoreFunctions`, `includeTests`). It
// names what is expensive; which functions reach it is summary.ts's question.

import { defaultPackageName, type GoPackage } from '../../src/index/package-index.js';
import type { PackageAnalyses } from '../../src/analysis/context.js';

/** The rule whose options configure the catalog. */
export const EXPENSIVE_RULE_ID = 'expensive-call-in-loop';

export interface ExpensiveOptions {
  /** More expensive functions: `example.com/pkg.Func`, `pkg.Func`, `(*pkg.Type).Method`, or a same-package `Func`. */
  extraFunctions: string[];
  /** Catalog entries or functions to stop treating as expensive, in the same forms. */
  ignoreFunctions: string[];
  /** Report in _test.go files, and let test-file functions be expensive. */
  includeTests: boolean;
}

export const defaultExpensiveOptions: ExpensiveOptions = { extraFunctions: [], ignoreFunctions: [], includeTests: false };

export interface CatalogEntry {
  importPaths: string[];
  /** The receiver type name for methods (`Cmd` for `(*exec.Cmd).Output`); absent for package functions. */
  type?: string;
  names: string[];
  /** What the call does, as a verb phrase: `compiles a regular expression`. */
  what: string;
  /** The call returns only an error, so it is made for its side effects. */
  errorOnly?: boolean;
  /** The work is the call itself (a walk with a callback), so an unused result does not matter. */
  workWithoutResult?: boolean;
  /** Only these arguments need to stay unchanged for the work to be hoistable (a regexp's pattern). */
  hoistArgs?: number[];
  /** The arguments are values a call in the loop may fill in (a struct or map passed to a helper). */
  argumentsShared?: boolean;
  /** Calls in the loop that change what the primitive reads (a file write for a file read). */
  changedBy?: RegExp;
}

export const NETLINK = ['github.com/vishvananda/netlink'];
export const NETWORK_CHANGES = /\b(Route|Link|Addr|Neigh)(Add|Del|Replace|Append|Set\w*)\(|\bexec\.Command/;
export const FILE_CHANGES = /\b(WriteFile|Create|CreateTemp|OpenFile|Remove|RemoveAll|Rename|Mkdir|MkdirAll|MkdirTemp|Symlink|Link|Chmod|Chown|Truncate|Copy)\(|\.Write(String)?\(|\bexec\.Command/;
export const COMMAND_CHANGES = /\.(Run|Start)\(\)/;
export const TEMPLATE = ['text/template', 'html/template'];

export const CATALOG: CatalogEntry[] = [
  { importPaths: ['os/exec'], type: 'Cmd', names: ['Output', 'CombinedOutput'], what: 'runs an external command', changedBy: COMMAND_CHANGES },
  { importPaths: ['os/exec'], type: 'Cmd', names: ['Run'], what: 'runs an external command', errorOnly: true },
  { importPaths: NETLINK, names: ['RouteList', 'RouteListFiltered', 'RouteGet', 'RouteGetWithOptions'], what: 'lists netlink routes', changedBy: NETWORK_CHANGES },
  { importPaths: NETLINK, type: 'Handle', names: ['RouteList', 'RouteListFiltered', 'RouteGet', 'RouteGetWithOptions'], what: 'lists netlink routes', changedBy: NETWORK_CHANGES },
  { importPaths: NETLINK, names: ['LinkList', 'LinkByName', 'LinkByIndex', 'LinkByAlias'], what: 'lists netlink links', changedBy: NETWORK_CHANGES },
  { importPaths: NETLINK, type: 'Handle', names: ['LinkList', 'LinkByName', 'LinkByIndex', 'LinkByAlias'], what: 'lists netlink links', changedBy: NETWORK_CHANGES },
  { importPaths: NETLINK, names: ['AddrList'], what: 'lists netlink addresses', changedBy: NETWORK_CHANGES },
  { importPaths: NETLINK, type: 'Handle', names: ['AddrList'], what: 'lists netlink addresses', changedBy: NETWORK_CHANGES },
  { importPaths: NETLINK, names: ['NeighList', 'NeighListExecute'], what: 'lists netlink neighbours', changedBy: NETWORK_CHANGES },
  { importPaths: NETLINK, type: 'Handle', names: ['NeighList', 'NeighListExecute'], what: 'lists netlink neighbours', changedBy: NETWORK_CHANGES },
  { importPaths: ['net'], names: ['Interfaces', 'InterfaceAddrs', 'InterfaceByName', 'InterfaceByIndex'], what: "lists the host's network interfaces", changedBy: NETWORK_CHANGES },
  { importPaths: ['net'], type: 'Interface', names: ['Addrs', 'MulticastAddrs'], what: 'lists interface addresses', changedBy: NETWORK_CHANGES },
  { importPaths: ['regexp'], names: ['Compile', 'MustCompile', 'CompilePOSIX', 'MustCompilePOSIX'], what: 'compiles a regular expression' },
  { importPaths: ['regexp'], names: ['Match', 'MatchString', 'MatchReader'], what: 'compiles its pattern on every call', hoistArgs: [0] },
  { importPaths: TEMPLATE, type: 'Template', names: ['Parse', 'ParseFiles', 'ParseGlob', 'ParseFS'], what: 'parses a template' },
  { importPaths: TEMPLATE, names: ['ParseFiles', 'ParseGlob', 'ParseFS'], what: 'parses a template' },
  { importPaths: ['os'], names: ['ReadFile', 'ReadDir'], what: 'reads the file system', changedBy: FILE_CHANGES },
  { importPaths: ['io/ioutil'], names: ['ReadFile', 'ReadDir'], what: 'reads the file system', changedBy: FILE_CHANGES },
  { importPaths: ['path/filepath'], names: ['Glob'], what: 'reads the file system', changedBy: FILE_CHANGES },
  { importPaths: ['path/filepath'], names: ['Walk', 'WalkDir'], what: 'walks a directory tree', workWithoutResult: true, changedBy: FILE_CHANGES },
  { importPaths: ['time'], names: ['LoadLocation'], what: 'loads a time zone from disk' },
  { importPaths: ['os/user'], names: ['Current', 'Lookup', 'LookupId', 'LookupGroup', 'LookupGroupId'], what: 'looks up a user' },
  {
    importPaths: ['net'],
    names: ['LookupHost', 'LookupIP', 'LookupAddr', 'LookupCNAME', 'LookupMX', 'LookupNS', 'LookupSRV', 'LookupTXT', 'LookupPort', 'ResolveTCPAddr', 'ResolveUDPAddr', 'ResolveIPAddr'],
    what: 'does a DNS lookup',
  },
  {
    importPaths: ['net'],
    type: 'Resolver',
    names: ['LookupHost', 'LookupIP', 'LookupIPAddr', 'LookupNetIP', 'LookupAddr', 'LookupCNAME', 'LookupMX', 'LookupNS', 'LookupSRV', 'LookupTXT', 'LookupPort'],
    what: 'does a DNS lookup',
  },
  {
    importPaths: ['crypto/x509'],
    names: ['ParseCertificate', 'ParseCertificates', 'ParseCertificateRequest', 'ParsePKCS1PrivateKey', 'ParsePKCS8PrivateKey', 'ParseECPrivateKey', 'ParsePKIXPublicKey', 'ParseCRL', 'ParseRevocationList', 'SystemCertPool'],
    what: 'parses certificates',
  },
  { importPaths: ['crypto/tls'], names: ['LoadX509KeyPair', 'X509KeyPair'], what: 'loads a TLS key pair' },
  { importPaths: ['database/sql'], names: ['Open'], what: 'opens a database connection pool' },
  { importPaths: ['encoding/json'], names: ['Marshal', 'MarshalIndent'], what: 'marshals JSON', argumentsShared: true },
];

/** What creating an `http.Transport` costs; the literal is matched apart from calls. */
export const TRANSPORT_WHAT = 'creates an http.Transport, a new connection pool';

/** Constructors whose result type the catalog's method entries need: `exec.Command(...)` is a `*exec.Cmd`. */
export const CONSTRUCTORS: Record<string, Record<string, string>> = {
  'os/exec': { Command: 'Cmd', CommandContext: 'Cmd' },
  net: { InterfaceByName: 'Interface', InterfaceByIndex: 'Interface' },
  'text/template': { New: 'Template', Must: 'Template' },
  'html/template': { New: 'Template', Must: 'Template' },
};
export const TEMPLATE_CHAIN = new Set(['New', 'Funcs', 'Option', 'Delims', 'Lookup']);

export interface FunctionSpec {
  /** Import path, package name, or '' for the linted package. */
  path: string;
  type: string | null;
  name: string;
  text: string;
}

/** Parses `example.com/pkg.Func`, `pkg.Func`, `(*pkg.Type).Method`, `pkg.Type.Method` or `Func`. */
export function parseFunctionSpec(text: string): FunctionSpec | null {
  const spec = text.trim();
  const method = /^\(\*?(.+)\.([A-Za-z_]\w*)\)\.([A-Za-z_]\w*)$/.exec(spec);
  if (method) return { path: method[1]!, type: method[2]!, name: method[3]!, text: spec };
  const slash = spec.lastIndexOf('/');
  const head = spec.slice(0, slash + 1);
  const parts = spec.slice(slash + 1).split('.');
  if (parts.some((part) => !/^[A-Za-z_][\w-]*$/.test(part))) return null;
  if (parts.length === 1) return slash < 0 ? { path: '', type: null, name: parts[0]!, text: spec } : null;
  if (parts.length === 2) return { path: head + parts[0], type: null, name: parts[1]!, text: spec };
  if (parts.length === 3) return { path: head + parts[0], type: parts[1]!, name: parts[2]!, text: spec };
  return null;
}

export function specMatchesImport(spec: FunctionSpec, importPath: string): boolean {
  if (spec.path === '') return false;
  return spec.path === importPath || (!spec.path.includes('/') && defaultPackageName(importPath) === spec.path);
}

/** True when `spec` names something of the linted package itself. */
export function specMatchesPackage(spec: FunctionSpec, pkg: GoPackage): boolean {
  return spec.path === '' || spec.path === pkg.name || pkg.dir.endsWith(`/${spec.path}`);
}

/** The options of the expensive-call-in-loop rule, defaulted. */
export function expensiveOptionsOf(analyses: PackageAnalyses): ExpensiveOptions {
  const given = (analyses.ruleOptions.get(EXPENSIVE_RULE_ID) ?? {}) as Partial<ExpensiveOptions>;
  return { ...defaultExpensiveOptions, ...given };
}

/** The catalog as configured for this package: entries, extras, and ignored names. */
export interface Configured {
  options: ExpensiveOptions;
  catalog: CatalogEntry[];
  extras: FunctionSpec[];
  ignored: FunctionSpec[];
  transportIgnored: boolean;
}

export function configure(analyses: PackageAnalyses): Configured {
  const options = expensiveOptionsOf(analyses);
  const extras = options.extraFunctions.map(parseFunctionSpec).filter((spec): spec is FunctionSpec => spec !== null);
  const ignored = options.ignoreFunctions.map(parseFunctionSpec).filter((spec): spec is FunctionSpec => spec !== null);
  const catalog = CATALOG.map((entry) => ({
    ...entry,
    names: entry.names.filter((name) => !ignored.some((spec) => spec.name === name && (spec.type ?? undefined) === entry.type && entry.importPaths.some((path) => specMatchesImport(spec, path)))),
  })).filter((entry) => entry.names.length > 0);
  const transportIgnored = ignored.some((spec) => spec.name === 'Transport' && specMatchesImport(spec, 'net/http'));
  return { options, catalog, extras, ignored, transportIgnored };
}
