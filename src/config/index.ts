// Configuration: finds the `.gocop.yaml` that applies to each directory, and turns it into the rules,
// severities and options the engine runs with. Discovery walks from a directory up to the repository
// root (the directory holding .git), and the first `.gocop.yaml` or `.gocop.yml` found wins; files are
// not merged. `--config FILE` uses one file for everything and `--no-config` uses the defaults.
//
// Options apply to whole packages, because the engine analyses a package at once: an override whose
// globs match any file of a directory lends its options to that directory's package. Severities apply
// per file, after the run (`applyFileOverrides`). Loading never throws: problems land in `errors`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type Picomatch from 'picomatch';
import type { EnabledRule, EngineError } from '../engine/engine.js';
import { displayPathFor, toPosix } from '../engine/paths.js';
import type { AnyRule } from '../engine/rule.js';
import type { Diagnostic, Severity } from '../diagnostic.js';
import { loadConfigFile, type ConfigFile, type RuleSetting, type SeveritySetting } from './load.js';

export type { ConfigFile, RuleSetting, SeveritySetting } from './load.js';

export const CONFIG_FILE_NAMES = ['.gocop.yaml', '.gocop.yml'];

/**
 * Directories recursive patterns skip unless the config sets `exclude-dirs-use-default: false`: the
 * ones golangci-lint skips by default. Directories named `.…` or `_…` and node_modules are always
 * skipped, as the go tool does.
 */
export const DEFAULT_EXCLUDE_DIRS = ['vendor', 'third_party', 'testdata', 'examples', 'Godeps', 'builtin'];

/** Why a recursive pattern does not enter a directory, or null when it does. */
export type DirectorySkip = 'hidden' | 'default' | 'config' | null;

export interface ConfigOptions {
  cwd: string;
  configFile?: string;
  noConfig?: boolean;
  /** The rules to configure: the caller's registry (config never imports it). */
  rules: readonly AnyRule[];
  /** Lint `_test.go` files (true) or skip them (false) whatever the config says (`--tests`). */
  tests?: boolean;
}

/** The settings that apply to one file, as `gocop print-config FILE` shows them. */
export interface FileConfig {
  /** The config file used (absolute), or null for the defaults. */
  configFile: string | null;
  excluded: boolean;
  rules: Array<{ id: string; severity: SeveritySetting; options: object }>;
}

export interface ConfigResolver {
  /** Rules enabled for the package in `dir` with severities and options (defaults merged with config). */
  rulesForDirectory(dir: string): EnabledRule[];
  /** Per-file override pass: adjusts severity or drops diagnostics per the file's overrides. */
  applyFileOverrides(diagnostics: Diagnostic[]): Diagnostic[];
  isExcluded(absoluteFile: string): boolean;
  /** Whether `./...` enters a directory met while walking (the config of its parent decides). */
  skipsDirectory(absoluteDir: string): DirectorySkip;
  /** False when `_test.go` files in a directory are skipped (`tests: false` or `--tests=false`). */
  testsForDirectory(dir: string): boolean;
  /** The config's `build-tags` for a directory (added to `--tags`). */
  buildTagsForDirectory(dir: string): string[];
  /** Problems found loading config files (kind 'config'); a run with any of these exits 2. */
  errors: EngineError[];
  /** A stable string identifying the effective config for a directory (for caches). */
  keyForDirectory(dir: string): string;
  /** The config file that applies to a directory (absolute), or null. */
  configFileForDirectory(dir: string): string | null;
  /** The effective settings for one file. */
  configForFile(absoluteFile: string): FileConfig;
}

interface CompiledConfig {
  file: ConfigFile;
  isExcluded: (relative: string) => boolean;
  isExcludedDirectory: (relative: string) => boolean;
  overrideMatchers: Array<(relative: string) => boolean>;
}

// picomatch loads with the first config that has globs: the defaults have none.
const require = createRequire(import.meta.url);

/** Matches a relative path, or any directory above it, against globs (slash-less globs match base names). */
function globMatcher(globs: string[]): (relative: string) => boolean {
  if (globs.length === 0) return () => false;
  const cleaned = globs.map((glob) => glob.replace(/^\.\//, '').replace(/\/$/, ''));
  const anchored = cleaned.filter((glob) => glob.includes('/'));
  const baseNames = cleaned.filter((glob) => !glob.includes('/'));
  const picomatch = require('picomatch') as typeof Picomatch;
  const testPath = anchored.length > 0 ? picomatch(anchored, { dot: true }) : () => false;
  const testName = baseNames.length > 0 ? picomatch(baseNames, { dot: true }) : () => false;
  const test = (candidate: string) => testPath(candidate) || testName(candidate.slice(candidate.lastIndexOf('/') + 1));
  return (relative) => {
    if (relative.startsWith('../') || path.posix.isAbsolute(relative)) return false;
    if (test(relative)) return true;
    for (let slash = relative.lastIndexOf('/'); slash > 0; slash = relative.lastIndexOf('/', slash - 1)) {
      if (test(relative.slice(0, slash))) return true;
    }
    return false;
  };
}

function compile(file: ConfigFile): CompiledConfig {
  return { file, isExcluded: globMatcher(file.exclude), isExcludedDirectory: globMatcher(file.excludeDirs), overrideMatchers: file.overrides.map((override) => globMatcher(override.files)) };
}

/** Creates a resolver; config files are read lazily, once each, and discovery is cached per directory. */
export function createConfigResolver(options: ConfigOptions): ConfigResolver {
  const rules = options.rules;
  const cwd = toPosix(path.resolve(options.cwd));
  const errors: EngineError[] = [];
  const loaded = new Map<string, CompiledConfig>();
  const discovered = new Map<string, string | null>();
  const directoryRules = new Map<string, EnabledRule[]>();
  const goFilesByDirectory = new Map<string, string[]>();
  const display = displayPathFor(cwd);

  const load = (absolute: string): CompiledConfig => {
    let compiled = loaded.get(absolute);
    if (!compiled) {
      const parsed = loadConfigFile(absolute, display(absolute), rules);
      errors.push(...parsed.errors);
      compiled = compile(parsed.config);
      loaded.set(absolute, compiled);
    }
    return compiled;
  };

  let explicit: string | null = null;
  if (options.configFile && !options.noConfig) {
    explicit = toPosix(path.resolve(cwd, options.configFile));
    load(explicit);
  }

  const discover = (dir: string): string | null => {
    const visited: string[] = [];
    let found: string | null = null;
    for (let current = dir; ; ) {
      const cached = discovered.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(current);
      const candidate = CONFIG_FILE_NAMES.map((name) => `${current === '/' ? '' : current}/${name}`).find(isFile);
      if (candidate) {
        found = candidate;
        break;
      }
      const parent = path.posix.dirname(current);
      if (parent === current || fs.existsSync(`${current}/.git`)) break;
      current = parent;
    }
    for (const visitedDir of visited) discovered.set(visitedDir, found);
    return found;
  };

  const configFileForDirectory = (dir: string): string | null => {
    if (options.noConfig) return null;
    if (explicit) return explicit;
    return discover(toPosix(path.resolve(cwd, dir)));
  };
  const configFor = (dir: string): CompiledConfig | null => {
    const file = configFileForDirectory(dir);
    return file ? load(file) : null;
  };
  const relativeTo = (config: CompiledConfig, absolute: string) => path.posix.relative(config.file.dir, absolute);
  /** Whether test files are linted: the command line decides, then the config, then the default (yes). */
  const testsFor = (config: CompiledConfig | null): boolean => options.tests ?? config?.file.tests ?? true;

  const goFiles = (dir: string): string[] => {
    let files = goFilesByDirectory.get(dir);
    if (!files) {
      try {
        files = fs.readdirSync(dir).filter((name) => name.endsWith('.go')).map((name) => `${dir}/${name}`);
      } catch {
        files = [];
      }
      goFilesByDirectory.set(dir, files);
    }
    return files;
  };

  const rulesForDirectory = (rawDir: string): EnabledRule[] => {
    const dir = toPosix(path.resolve(cwd, rawDir));
    const cached = directoryRules.get(dir);
    if (cached) return cached;
    const config = configFor(dir);
    const matching = config
      ? config.file.overrides.filter((_, index) => goFiles(dir).some((file) => config.overrideMatchers[index]!(relativeTo(config, file))))
      : [];
    const enabled: EnabledRule[] = [];
    for (const rule of rules) {
      const base = config?.file.rules.get(rule.id);
      let severity: SeveritySetting = base?.severity ?? rule.severity;
      let severityFromConfig = !!base?.severity;
      let options: object = { ...rule.defaultOptions, ...base?.options };
      for (const override of matching) {
        const setting = override.rules.get(rule.id);
        if (!setting) continue;
        options = { ...options, ...setting.options };
        if (severity === 'off' && setting.severity && setting.severity !== 'off') {
          severity = setting.severity;
          severityFromConfig = true;
        }
      }
      if (severity !== 'off') enabled.push(severityFromConfig ? { rule, severity, options, severityFromConfig } : { rule, severity, options });
    }
    directoryRules.set(dir, enabled);
    return enabled;
  };

  /** The severity a file's settings give a rule: undefined means "as the engine reported it". */
  const fileSeverity = (config: CompiledConfig, absoluteFile: string, ruleId: string): SeveritySetting | undefined => {
    let severity: SeveritySetting | undefined = config.file.rules.get(ruleId)?.severity;
    const relative = relativeTo(config, absoluteFile);
    config.file.overrides.forEach((override, index) => {
      const setting: RuleSetting | undefined = override.rules.get(ruleId);
      if (setting?.severity && config.overrideMatchers[index]!(relative)) severity = setting.severity;
    });
    return severity;
  };

  return {
    errors,
    rulesForDirectory,
    configFileForDirectory,
    applyFileOverrides(diagnostics) {
      const kept: Diagnostic[] = [];
      for (const diagnostic of diagnostics) {
        const config = configFor(path.posix.dirname(diagnostic.file));
        const mentioned = config?.file.overrides.some((override) => override.rules.get(diagnostic.ruleId)?.severity);
        if (!config || !mentioned) {
          // No override touches the rule: the engine ran it with the directory's settings, or because
          // --rules named it, and its findings stand as reported.
          kept.push(diagnostic);
          continue;
        }
        const severity = fileSeverity(config, diagnostic.file, diagnostic.ruleId);
        if (severity === 'off') continue;
        const overridden = config.file.overrides.some(
          (override, index) => override.rules.get(diagnostic.ruleId)?.severity && config.overrideMatchers[index]!(relativeTo(config, diagnostic.file)),
        );
        kept.push(overridden && severity && severity !== diagnostic.severity ? { ...diagnostic, severity: severity as Severity } : diagnostic);
      }
      return kept;
    },
    isExcluded(absoluteFile) {
      const file = toPosix(path.resolve(cwd, absoluteFile));
      const config = configFor(path.posix.dirname(file));
      if (file.endsWith('_test.go') && !testsFor(config)) return true;
      return config ? config.isExcluded(relativeTo(config, file)) : false;
    },
    skipsDirectory(absoluteDir) {
      const dir = toPosix(path.resolve(cwd, absoluteDir));
      const name = path.posix.basename(dir);
      if (name.startsWith('.') || name.startsWith('_') || name === 'node_modules') return 'hidden';
      const config = configFor(path.posix.dirname(dir));
      if (config && config.isExcludedDirectory(relativeTo(config, dir))) return 'config';
      if ((config?.file.excludeDirsUseDefault ?? true) && DEFAULT_EXCLUDE_DIRS.includes(name)) return 'default';
      return null;
    },
    testsForDirectory(dir) {
      return testsFor(configFor(toPosix(path.resolve(cwd, dir))));
    },
    buildTagsForDirectory(dir) {
      return configFor(toPosix(path.resolve(cwd, dir)))?.file.buildTags ?? [];
    },
    keyForDirectory(dir) {
      const absolute = toPosix(path.resolve(cwd, dir));
      const config = configFor(absolute);
      const effective = {
        config: config?.file.path ?? null,
        rules: rulesForDirectory(absolute).map((entry) => [entry.rule.id, entry.severity, entry.options, !!entry.severityFromConfig]),
        exclude: config?.file.exclude ?? [],
        tests: testsFor(config),
        buildTags: config?.file.buildTags ?? [],
        overrides: config?.file.overrides.map((override) => [override.files, [...override.rules]]) ?? [],
      };
      return crypto.createHash('sha256').update(JSON.stringify(effective)).digest('hex').slice(0, 16);
    },
    configForFile(absoluteFile) {
      const file = toPosix(path.resolve(cwd, absoluteFile));
      const dir = path.posix.dirname(file);
      const config = configFor(dir);
      const packageRules = new Map(rulesForDirectory(dir).map((entry) => [entry.rule.id, entry]));
      return {
        configFile: config?.file.path ?? null,
        excluded: (file.endsWith('_test.go') && !testsFor(config)) || (config ? config.isExcluded(relativeTo(config, file)) : false),
        rules: rules.map((rule) => {
          const entry = packageRules.get(rule.id);
          const fromFile = config ? fileSeverity(config, file, rule.id) : undefined;
          const severity: SeveritySetting = fromFile ?? entry?.severity ?? 'off';
          return { id: rule.id, severity, options: entry?.options ?? { ...rule.defaultOptions } };
        }),
      };
    },
  };
}

function isFile(candidate: string): boolean {
  try {
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
}
