// Which rules run on a directory: the project's .gocop.yaml, through the same config resolver as the
// CLI, then the client's `gocop` settings on top of it.
import path from 'node:path';
import { allRules } from '../rules/index.js';
import type { Diagnostic, Severity } from '../src/diagnostic.js';
import type { EnabledRule, EngineError } from '../src/engine/engine.js';
import { createConfigResolver, type ConfigResolver } from '../src/config/index.js';
import { testOnlyRules } from '../src/driver/test-rules.js';

/** The client settings under the `gocop` section. */
export interface GocopSettings {
  /** False turns gocop off: no diagnostics are published. */
  enable: boolean;
  /** Quiet time after an edit before the package is linted, in milliseconds. */
  debounceMs: number;
  /** A config file to use instead of the nearest .gocop.yaml (relative to the workspace folder). */
  configFile?: string;
  /** Per-rule overrides applied after the config file: `off` or a severity. */
  rules: Record<string, 'off' | Severity>;
  /** Lint `_test.go` files (true) or leave them alone (false), over the config's `tests`, like `--tests`. */
  tests?: boolean;
}

export const DEFAULT_SETTINGS: GocopSettings = { enable: true, debounceMs: 150, rules: {} };

/** Reads settings sent by a client over `base`, ignoring values of the wrong type. */
export function parseSettings(raw: unknown, base: GocopSettings = DEFAULT_SETTINGS): GocopSettings {
  const settings: GocopSettings = { ...base, rules: { ...base.rules } };
  if (!raw || typeof raw !== 'object') return settings;
  const value = raw as Record<string, unknown>;
  if (typeof value.enable === 'boolean') settings.enable = value.enable;
  if (typeof value.debounceMs === 'number' && Number.isFinite(value.debounceMs) && value.debounceMs >= 0) settings.debounceMs = value.debounceMs;
  if (typeof value.configFile === 'string' && value.configFile !== '') settings.configFile = value.configFile;
  if (typeof value.tests === 'boolean') settings.tests = value.tests;
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, level] of Object.entries(value.rules as Record<string, unknown>)) {
      if (level === 'off' || level === 'error' || level === 'warning' || level === 'info') settings.rules[id] = level;
    }
  }
  return settings;
}

/** The rules, config and settings that apply to files under one root (a workspace folder). */
export class RuleSelection {
  private readonly resolver: ConfigResolver | null;
  private readonly failure: EngineError[];

  constructor(
    readonly root: string,
    private readonly settings: GocopSettings,
  ) {
    let resolver: ConfigResolver | null = null;
    let failure: EngineError[] = [];
    try {
      const configFile = settings.configFile ? path.resolve(root, settings.configFile) : undefined;
      resolver = createConfigResolver({ cwd: root, configFile, rules: allRules, tests: settings.tests });
    } catch (error) {
      failure = [{ kind: 'config', message: `cannot load the config: ${error instanceof Error ? error.message : String(error)}` }];
    }
    this.resolver = resolver;
    this.failure = failure;
  }

  /** Problems met loading config files so far (they are read lazily, as directories are linted). */
  get errors(): EngineError[] {
    return this.resolver ? this.resolver.errors : this.failure;
  }

  /** The enabled rules for files in a directory. */
  rulesForDirectory(dir: string): EnabledRule[] {
    const base = this.resolver ? this.resolver.rulesForDirectory(dir) : allRules.map((rule) => ({ rule, severity: rule.severity, options: rule.defaultOptions }));
    const withTestRules = [...base, ...testOnlyRules().map((rule) => ({ rule, severity: rule.severity, options: rule.defaultOptions }))];
    const selected: EnabledRule[] = [];
    for (const entry of withTestRules) {
      const level = this.settings.rules[entry.rule.id];
      if (level === 'off') continue;
      selected.push(level ? { ...entry, severity: level, severityFromConfig: true } : entry);
    }
    // A rule the config turned off, turned back on by a client setting.
    for (const [id, level] of Object.entries(this.settings.rules)) {
      if (level === 'off' || selected.some((entry) => entry.rule.id === id)) continue;
      const rule = allRules.find((candidate) => candidate.id === id);
      if (rule) selected.push({ rule, severity: level, options: rule.defaultOptions, severityFromConfig: true });
    }
    return selected;
  }

  isExcluded(file: string): boolean {
    return this.resolver?.isExcluded(file) ?? false;
  }

  applyFileOverrides(diagnostics: Diagnostic[]): Diagnostic[] {
    return this.resolver ? this.resolver.applyFileOverrides(diagnostics) : diagnostics;
  }
}
