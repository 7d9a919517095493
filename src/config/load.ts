// Reads and validates one `.gocop.yaml`. The file is plain YAML data: tags, aliases and several documents
// are refused, so a config can never run code or expand into something large. Every problem becomes a
// config error naming the file, the line and the column, with a "did you mean" where a name is close to
// a known one. Valid parts of a file with errors are still used; the run exits 2 all the same.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { EngineError } from '../engine/engine.js';
import type { AnyRule } from '../engine/rule.js';
import type { Severity } from '../diagnostic.js';
import { describeFsError } from '../engine/load.js';
import { didYouMean } from '../util/closest-match.js';

// The yaml package is some 70 modules. It loads when the first config file is read, so a run without
// one, and each lint worker of such a run, starts without it.
const require = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;

function yaml(): typeof Yaml {
  return (yamlModule ??= require('yaml') as typeof Yaml);
}

export type SeveritySetting = Severity | 'off';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
export const TOP_LEVEL_KEYS = ['rules', 'exclude', 'exclude-dirs', 'exclude-dirs-use-default', 'overrides', 'tests', 'build-tags'] as const;
const RULE_KEYS = ['severity', 'options'];
const OVERRIDE_KEYS = ['files', 'rules'];

export interface RuleSetting {
  severity?: SeveritySetting;
  /** Options given by the user, already checked against the rule's default options. */
  options?: Record<string, unknown>;
}

export interface ConfigOverride {
  /** Path globs relative to the config file's directory. */
  files: string[];
  rules: Map<string, RuleSetting>;
}

export interface ConfigFile {
  /** Absolute path with forward slashes. */
  path: string;
  /** The directory that globs are relative to. */
  dir: string;
  rules: Map<string, RuleSetting>;
  /** Path globs relative to `dir`; matching files are not linted (they are still read for context). */
  exclude: string[];
  /** Directory names, or path globs relative to `dir`, that recursive patterns (`./...`) do not enter. */
  excludeDirs: string[];
  /** False turns off the default directories recursive patterns skip (vendor, testdata, examples, ...). */
  excludeDirsUseDefault: boolean;
  overrides: ConfigOverride[];
  /** False to skip `_test.go` files for every rule (golangci-lint's `run.tests`); undefined when not set. */
  tests?: boolean;
  /** Build tags the files must build with (golangci-lint's `run.build-tags`), added to `--tags`. */
  buildTags: string[];
}

export interface ParsedConfig {
  config: ConfigFile;
  errors: EngineError[];
}

/** Reads and validates a config file; `displayPath` names it in messages. */
export function loadConfigFile(absolutePath: string, displayPath: string, rules: readonly AnyRule[]): ParsedConfig {
  let text: string;
  try {
    text = fs.readFileSync(absolutePath, 'utf8');
  } catch (error) {
    return {
      config: emptyConfig(absolutePath),
      errors: [{ kind: 'config', file: displayPath, message: `${displayPath}: cannot read the config file: ${describeFsError(error)}` }],
    };
  }
  return parseConfigText(text, absolutePath, displayPath, rules);
}

function emptyConfig(absolutePath: string): ConfigFile {
  return { path: absolutePath, dir: path.posix.dirname(absolutePath), rules: new Map(), exclude: [], excludeDirs: [], excludeDirsUseDefault: true, overrides: [], buildTags: [] };
}

/** Validates config text. */
export function parseConfigText(text: string, absolutePath: string, displayPath: string, rules: readonly AnyRule[]): ParsedConfig {
  const config = emptyConfig(absolutePath);
  const errors: EngineError[] = [];
  const lineCounter = new (yaml().LineCounter)();
  const documents = yaml().parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: 'core', merge: false });
  const at = (offset: number | undefined, message: string) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    errors.push({ kind: 'config', file: displayPath, message: `${displayPath}:${Math.max(line, 1)}:${Math.max(col, 1)}: ${message}` });
  };
  const atNode = (node: unknown, message: string) => at((node as Node | null)?.range?.[0], message);

  const doc = documents[0];
  if (!doc) return { config, errors };
  if (documents.some((document) => document.errors.length > 0)) {
    for (const document of documents) for (const error of document.errors) at(error.pos[0], `invalid YAML: ${firstLine(error.message)}`);
    return { config, errors };
  }
  if (documents.length > 1) at(documents[1]!.range[0], 'the config holds more than one YAML document; keep one');
  const root = doc.contents;
  if (root === null || (yaml().isScalar(root) && root.value === null)) return { config, errors };
  // A tag's node range starts at its value; point at the tag itself, the `!` before it on its line.
  const atTag = (node: unknown, message: string) => {
    const start = (node as Node).range?.[0] ?? 0;
    let bang = text.lastIndexOf('!', start);
    while (bang > 0 && text[bang - 1] === '!') bang--;
    at(bang > text.lastIndexOf('\n', start - 1) ? bang : start, message);
  };
  if (!checkPlain(root, atNode, atTag)) return { config, errors };
  if (!yaml().isMap(root)) {
    atNode(root, `the config must be a map with the keys ${TOP_LEVEL_KEYS.join(', ')}`);
    return { config, errors };
  }

  const ruleById = new Map(rules.map((rule) => [rule.id, rule]));
  for (const pair of root.items) {
    const key = keyOf(pair.key);
    const value = pair.value as Node | null;
    if (key === 'rules') {
      readRules(value, pair.key, ruleById, config.rules, atNode);
    } else if (key === 'exclude') {
      const globs = readGlobs(value, pair.key, '"exclude"', atNode);
      if (globs) config.exclude.push(...globs);
    } else if (key === 'exclude-dirs') {
      const globs = readGlobs(value, pair.key, '"exclude-dirs"', atNode);
      if (globs) config.excludeDirs.push(...globs);
    } else if (key === 'exclude-dirs-use-default') {
      if (yaml().isScalar(value) && typeof value.value === 'boolean') config.excludeDirsUseDefault = value.value;
      else atNode(value ?? pair.key, '"exclude-dirs-use-default" must be true or false');
    } else if (key === 'overrides') {
      readOverrides(value, pair.key, ruleById, config.overrides, atNode);
    } else if (key === 'build-tags') {
      config.buildTags.push(...readTags(value, pair.key, atNode));
    } else if (key === 'tests') {
      const given = yaml().isScalar(value) ? value.value : undefined;
      if (typeof given === 'boolean') config.tests = given;
      else atNode(value ?? pair.key, '"tests" must be true (lint _test.go files, the default) or false (skip them)');
    } else {
      atNode(pair.key, `unknown key "${key}"${didYouMean(key, TOP_LEVEL_KEYS)}; the config takes ${TOP_LEVEL_KEYS.join(', ')}`);
    }
  }
  return { config, errors };
}

type Reporter = (node: unknown, message: string) => void;

/** Refuses tags and aliases anywhere in the tree; true when none were found. */
function checkPlain(node: unknown, report: Reporter, reportTag: Reporter): boolean {
  if (yaml().isAlias(node)) {
    report(node, 'YAML aliases are not allowed in gocop config; write the value out');
    return false;
  }
  let plain = true;
  const tag = (node as { tag?: string } | null)?.tag;
  if (tag) {
    reportTag(node, `YAML tags such as ${tag} are not allowed in gocop config; it is plain data`);
    plain = false;
  }
  if (yaml().isMap(node)) {
    for (const pair of node.items) {
      plain = checkPlain(pair.key, report, reportTag) && plain;
      plain = checkPlain(pair.value, report, reportTag) && plain;
    }
  } else if (yaml().isSeq(node)) {
    for (const item of node.items) plain = checkPlain(item, report, reportTag) && plain;
  }
  return plain;
}

function keyOf(node: unknown): string {
  return yaml().isScalar(node) ? String(node.value) : String(node);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/\.$/, '');
}

function readRules(value: Node | null, keyNode: unknown, ruleById: Map<string, AnyRule>, into: Map<string, RuleSetting>, report: Reporter): void {
  if (value === null || (yaml().isScalar(value) && value.value === null)) return;
  if (!yaml().isMap(value)) {
    report(value ?? keyNode, '"rules" must be a map from rule id to a severity (off, info, warning, error) or to {severity, options}');
    return;
  }
  for (const pair of (value as YAMLMap).items) {
    const id = keyOf(pair.key);
    const rule = ruleById.get(id);
    if (!rule) {
      report(pair.key, `unknown rule "${id}"${didYouMean(id, ruleById.keys())}; run gocop --list-rules to see them`);
      continue;
    }
    const setting = readRuleSetting(pair.value as Node | null, pair.key, rule, report);
    if (setting) into.set(id, setting);
  }
}

function readRuleSetting(value: Node | null, keyNode: unknown, rule: AnyRule, report: Reporter): RuleSetting | null {
  if (yaml().isScalar(value)) {
    const severity = readSeverity(value, rule.id, report);
    return severity ? { severity } : null;
  }
  if (!yaml().isMap(value)) {
    report(value ?? keyNode, `rule ${rule.id} takes a severity (off, info, warning, error) or a map with severity and options`);
    return null;
  }
  const setting: RuleSetting = {};
  for (const pair of value.items) {
    const key = keyOf(pair.key);
    const item = pair.value as Node | null;
    if (key === 'severity') {
      const severity = yaml().isScalar(item) ? readSeverity(item, rule.id, report) : null;
      if (!yaml().isScalar(item)) report(item ?? pair.key, `the severity of rule ${rule.id} must be one of ${SEVERITY_SETTINGS.join(', ')}`);
      if (severity) setting.severity = severity;
    } else if (key === 'options') {
      const options = readOptions(item, pair.key, rule, report);
      if (options) setting.options = options;
    } else {
      report(pair.key, `unknown key "${key}" in rule ${rule.id}${didYouMean(key, RULE_KEYS)}; a rule takes severity and options`);
    }
  }
  return setting;
}

function readSeverity(node: Node, ruleId: string, report: Reporter): SeveritySetting | null {
  const raw = (node as { value?: unknown }).value;
  // YAML 1.1 habits: `off` and `false` both mean off.
  const text = raw === false ? 'off' : String(raw);
  if ((SEVERITY_SETTINGS as readonly string[]).includes(text)) return text as SeveritySetting;
  report(node, `invalid severity "${text}" for rule ${ruleId}${didYouMean(text, SEVERITY_SETTINGS)}; use off, info, warning or error`);
  return null;
}

/** What a default option value says about the values a user may give. */
export function optionType(value: unknown): string {
  if (Array.isArray(value)) {
    const kinds = new Set(value.map((item) => optionType(item)));
    return kinds.size === 1 ? `list of ${[...kinds][0]}s` : 'list';
  }
  if (value === null || value === undefined) return 'any';
  if (typeof value === 'object') return 'map';
  return typeof value;
}

function matchesType(expected: string, value: unknown): boolean {
  if (expected === 'any') return true;
  if (expected === 'list') return Array.isArray(value);
  if (expected.startsWith('list of ')) {
    const element = expected.slice('list of '.length, -1);
    return Array.isArray(value) && value.every((item) => matchesType(element, item));
  }
  if (expected === 'map') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === expected;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `a ${typeof value}`;
}

function readOptions(value: Node | null, keyNode: unknown, rule: AnyRule, report: Reporter): Record<string, unknown> | null {
  if (value === null || (yaml().isScalar(value) && value.value === null)) return null;
  if (!yaml().isMap(value)) {
    report(value, `the options of rule ${rule.id} must be a map`);
    return null;
  }
  const defaults = rule.defaultOptions as Record<string, unknown>;
  const known = Object.keys(defaults);
  const options: Record<string, unknown> = {};
  for (const pair of value.items) {
    const key = keyOf(pair.key);
    if (!Object.hasOwn(defaults, key)) {
      const listing = known.length > 0 ? `; its options are ${known.join(', ')}` : `; rule ${rule.id} takes no options`;
      report(pair.key, `unknown option "${key}" for rule ${rule.id}${didYouMean(key, known)}${listing}`);
      continue;
    }
    const item = pair.value as Node | null;
    const given = item === null ? null : (item as { toJSON(): unknown }).toJSON();
    const expected = optionType(defaults[key]);
    if (!matchesType(expected, given)) {
      report(item ?? pair.key, `option "${key}" of rule ${rule.id} must be a ${expected}, not ${describeValue(given)}`);
      continue;
    }
    options[key] = given;
  }
  void keyNode;
  return options;
}

function readGlobs(value: Node | null, keyNode: unknown, what: string, report: Reporter): string[] | null {
  if (value === null || (yaml().isScalar(value) && value.value === null)) return [];
  if (yaml().isScalar(value) && typeof value.value === 'string') return [value.value];
  if (!yaml().isSeq(value) || !value.items.every((item) => yaml().isScalar(item) && typeof item.value === 'string')) {
    report(value ?? keyNode, `${what} must be a list of path globs (strings), relative to the config file`);
    return null;
  }
  return value.items.map((item) => String((item as { value: unknown }).value));
}

/** Build tags: a list of names, or one string of names separated by commas or spaces (as `go build -tags`). */
function readTags(value: Node | null, keyNode: unknown, report: Reporter): string[] {
  if (value === null || (yaml().isScalar(value) && value.value === null)) return [];
  const items = yaml().isScalar(value) ? [value] : yaml().isSeq(value) ? value.items : null;
  if (!items || !items.every((item) => yaml().isScalar(item) && typeof item.value === 'string')) {
    report(value ?? keyNode, '"build-tags" must be a list of build tags (strings)');
    return [];
  }
  const tags = items.flatMap((item) => String((item as { value: unknown }).value).split(/[\s,]+/)).filter(Boolean);
  const bad = tags.find((tag) => !/^[A-Za-z0-9_.]+$/.test(tag));
  if (bad !== undefined) {
    report(value, `"build-tags" takes tag names (letters, digits, _ and .), not ${JSON.stringify(bad)}`);
    return [];
  }
  return tags;
}

function readOverrides(value: Node | null, keyNode: unknown, ruleById: Map<string, AnyRule>, into: ConfigOverride[], report: Reporter): void {
  if (value === null || (yaml().isScalar(value) && value.value === null)) return;
  if (!yaml().isSeq(value)) {
    report(value ?? keyNode, '"overrides" must be a list of entries, each with files and rules');
    return;
  }
  for (const entry of value.items) {
    if (!yaml().isMap(entry)) {
      report(entry, 'each override must be a map with files (path globs) and rules');
      continue;
    }
    const override: ConfigOverride = { files: [], rules: new Map() };
    let hasFiles = false;
    for (const pair of entry.items) {
      const key = keyOf(pair.key);
      if (key === 'files') {
        const globs = readGlobs(pair.value as Node | null, pair.key, 'the files of an override', report);
        if (globs) override.files.push(...globs);
        hasFiles = true;
      } else if (key === 'rules') {
        readRules(pair.value as Node | null, pair.key, ruleById, override.rules, report);
      } else {
        report(pair.key, `unknown key "${key}" in an override${didYouMean(key, OVERRIDE_KEYS)}; an override takes files and rules`);
      }
    }
    if (!hasFiles) report(entry, 'an override needs files: a list of path globs it applies to');
    else into.push(override);
  }
}
