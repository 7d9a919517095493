// Run settings: everything a lint run depends on, as plain data, so that worker threads and the result
// cache can rebuild or fingerprint a run exactly. `runOptionsFor` turns them into engine options.
import { allRules, findRule } from '../../rules/index.js';
import { createConfigResolver, type ConfigResolver } from '../config/index.js';
import type { AnyRule } from '../engine/rule.js';
import { testOnlyRules } from './test-rules.js';
import type { RunOptions } from '../engine/run.js';
import { displayPathFor } from '../engine/paths.js';
import { normalizeTags, targetFromEnvironment, type BuildTarget } from '../index/build-constraints.js';
import { environmentFromProcess } from '../index/resolve.js';

export interface RunSettings {
  /** The working directory: config discovery and displayed paths start here. */
  cwd: string;
  configFile?: string;
  noConfig?: boolean;
  /** Run only these rules (`--rules`); all by default. */
  ruleIds?: string[];
  maxFileBytes?: number;
  /** Files named explicitly (linted even when generated). */
  explicit?: string[];
  /** Texts that replace files on disk (stdin), as [absolute path, text] pairs. */
  overrides?: Array<[string, string]>;
  /** `--tests`: lint `_test.go` files or skip them, over the config's `tests`. */
  tests?: boolean;
  /** The platform and tags files must build for (`GOOS`, `GOARCH`, `--tags`); the host's by default. */
  build?: BuildTarget;
  /** The go command's variables that decide import resolution (GOROOT, GOPATH, GOMODCACHE, GO111MODULE, GOWORK); this process's when absent. */
  goEnvironment?: Record<string, string>;
}

/** The variables of `goEnvironment`, picked from an environment. */
export function goEnvironmentOf(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of ['GOROOT', 'GOPATH', 'GOMODCACHE', 'GO111MODULE', 'GOWORK']) {
    const value = env[name];
    if (value) picked[name] = value;
  }
  return picked;
}

/** The rules a run uses. Unknown ids are the caller's to reject before getting here. */
export function selectedRules(settings: RunSettings): AnyRule[] {
  if (!settings.ruleIds || settings.ruleIds.length === 0) return allRules;
  return settings.ruleIds.map((id) => findRule(id)).filter((rule): rule is AnyRule => !!rule);
}

/**
 * Engine options and the config resolver for a run. The config decides each directory's rules; when
 * `ruleIds` names rules, only those run, with the config's severity and options where it has them (a
 * named rule runs even where the config turns it off).
 */
export function runOptionsFor(settings: RunSettings): { options: RunOptions; resolver: ConfigResolver } {
  const resolver = createConfigResolver({ cwd: settings.cwd, configFile: settings.configFile, noConfig: settings.noConfig, rules: allRules, tests: settings.tests });
  const selected = settings.ruleIds && settings.ruleIds.length > 0 ? selectedRules(settings) : null;
  const enabled = (selected ?? allRules).map((rule) => ({ rule, severity: rule.severity, options: rule.defaultOptions }));
  // Empty unless GOCOP_TEST_THROWING_RULE=1: the failing rule of the reliability and LSP tests.
  const testRules = testOnlyRules().map((rule) => ({ rule, severity: rule.severity, options: rule.defaultOptions }));
  const rulesForDirectory = (dir: string) => [...configuredRulesFor(dir), ...testRules];
  const configuredRulesFor = (dir: string) => {
    const configured = resolver.rulesForDirectory(dir);
    if (!selected) return configured;
    const byId = new Map(configured.map((entry) => [entry.rule.id, entry]));
    return enabled.map((entry) => byId.get(entry.rule.id) ?? entry);
  };
  const options: RunOptions = {
    enabled,
    rulesForDirectory,
    maxFileBytes: settings.maxFileBytes,
    overrides: new Map(settings.overrides ?? []),
    explicit: new Set(settings.explicit ?? []),
    skipsTests: (dir) => !resolver.testsForDirectory(dir),
    displayPath: displayPathFor(settings.cwd),
    // The config at the working directory adds its build-tags to the run's target (imported packages are
    // read with them); each linted directory adds those of its own config.
    build: withTags(settings.build ?? targetFromEnvironment(), resolver.buildTagsForDirectory(settings.cwd)),
    buildForDirectory: (dir) => withTags(settings.build ?? targetFromEnvironment(), resolver.buildTagsForDirectory(dir)),
    resolverEnvironment: settings.goEnvironment ? environmentFromProcess({ PATH: process.env.PATH, ...settings.goEnvironment }) : undefined,
  };
  return { options, resolver };
}

function withTags(target: BuildTarget, tags: string[]): BuildTarget {
  return tags.length === 0 ? target : { ...target, tags: normalizeTags([...target.tags, ...tags]) };
}
