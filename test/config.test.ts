// Config loading, validation messages (file:line:col and "did you mean"), discovery, per-directory rules,
// per-file overrides, exclusion, cache keys, print-config and the JSON Schema for editors.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allRules } from '../rules/index.js';
import { createConfigResolver } from '../src/config/index.js';
import { parseConfigText } from '../src/config/load.js';
import { configJsonSchema, renderConfigSchema } from '../src/config/schema.js';
import { defineRule } from '../src/engine/rule.js';
import type { Diagnostic } from '../src/diagnostic.js';
import { runCli, temporaryDirectory, writeFiles } from './support/cli.js';

const timeoutRule = defineRule({
  id: 'test-timeout-rule',
  severity: 'warning',
  category: 'reliability',
  docs: { summary: 'A test rule with options.', why: 'Tests.', bad: 'package p\n', good: 'package p\n' },
  defaultOptions: { timeout: '30s', maxDepth: 3, ignoreTests: true, exemptions: ['net/http.Get'] },
});
const plainRule = defineRule({
  id: 'test-plain-rule',
  severity: 'error',
  category: 'correctness',
  docs: { summary: 'A test rule without options.', why: 'Tests.', bad: 'package p\n', good: 'package p\n' },
  defaultOptions: {},
});
const rules = [timeoutRule, plainRule];

/** The config error messages for a config text, without the file name. */
function problems(text: string): string[] {
  return parseConfigText(text, '/repo/.gocop.yaml', '.gocop.yaml', rules).errors.map((error) => error.message.replace(/^\.gocop\.yaml:/, ''));
}

function diagnostic(file: string, ruleId: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic {
  return { ruleId, severity, message: 'm', file, range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, related: [], fixes: [] };
}

describe('config validation', () => {
  it('accepts a complete, valid config', () => {
    const text = [
      'rules:',
      '  test-plain-rule: off',
      '  test-timeout-rule:',
      '    severity: error',
      '    options:',
      '      timeout: 10s',
      '      exemptions: [os.ReadFile]',
      'exclude:',
      '  - gen/**',
      'overrides:',
      '  - files: ["**/*_test.go"]',
      '    rules:',
      '      test-timeout-rule: info',
      '',
    ].join('\n');
    const parsed = parseConfigText(text, '/repo/.gocop.yaml', '.gocop.yaml', rules);
    expect(parsed.errors).toEqual([]);
    expect(parsed.config.rules.get('test-plain-rule')).toEqual({ severity: 'off' });
    expect(parsed.config.rules.get('test-timeout-rule')).toEqual({ severity: 'error', options: { timeout: '10s', exemptions: ['os.ReadFile'] } });
    expect(parsed.config.exclude).toEqual(['gen/**']);
    expect(parsed.config.overrides).toHaveLength(1);
  });

  it('accepts an empty file and a file of comments', () => {
    expect(problems('')).toEqual([]);
    expect(problems('# nothing configured yet\n')).toEqual([]);
  });

  it('names an unknown top-level key with a suggestion', () => {
    expect(problems('rule:\n  test-plain-rule: off\n')).toEqual(['1:1: unknown key "rule" (did you mean "rules"?); the config takes rules, exclude, exclude-dirs, exclude-dirs-use-default, overrides, tests, build-tags']);
    expect(problems('colour: red\n')).toEqual(['1:1: unknown key "colour"; the config takes rules, exclude, exclude-dirs, exclude-dirs-use-default, overrides, tests, build-tags']);
  });

  it('names an unknown rule id with a suggestion', () => {
    expect(problems('rules:\n  test-plain-rul: off\n')).toEqual([
      '2:3: unknown rule "test-plain-rul" (did you mean "test-plain-rule"?); run gocop --list-rules to see them',
    ]);
  });

  it('rejects an invalid severity, suggesting the right one', () => {
    expect(problems('rules:\n  test-plain-rule: warn\n')).toEqual([
      '2:20: invalid severity "warn" for rule test-plain-rule (did you mean "warning"?); use off, info, warning or error',
    ]);
    expect(problems('rules:\n  test-plain-rule:\n    severity: fatal\n')).toEqual([
      '3:15: invalid severity "fatal" for rule test-plain-rule; use off, info, warning or error',
    ]);
  });

  it('rejects a severity that is not a word', () => {
    expect(problems('rules:\n  test-plain-rule:\n    severity: [error]\n')).toEqual([
      '3:15: the severity of rule test-plain-rule must be one of off, info, warning, error',
    ]);
  });

  it('takes YAML false as off', () => {
    const parsed = parseConfigText('rules:\n  test-plain-rule: false\n', '/repo/.gocop.yaml', '.gocop.yaml', rules);
    expect(parsed.config.rules.get('test-plain-rule')).toEqual({ severity: 'off' });
  });

  it('names an unknown key in a rule setting', () => {
    expect(problems('rules:\n  test-timeout-rule:\n    option: {}\n')).toEqual([
      '3:5: unknown key "option" in rule test-timeout-rule (did you mean "options"?); a rule takes severity and options',
    ]);
  });

  it('rejects a rule setting that is a list', () => {
    expect(problems('rules:\n  test-plain-rule: [error]\n')).toEqual([
      '2:20: rule test-plain-rule takes a severity (off, info, warning, error) or a map with severity and options',
    ]);
  });

  it('names an unknown option with a suggestion and the known options', () => {
    expect(problems('rules:\n  test-timeout-rule:\n    options:\n      timout: 5s\n')).toEqual([
      '4:7: unknown option "timout" for rule test-timeout-rule (did you mean "timeout"?); its options are timeout, maxDepth, ignoreTests, exemptions',
    ]);
    expect(problems('rules:\n  test-plain-rule:\n    options:\n      depth: 2\n')).toEqual([
      '4:7: unknown option "depth" for rule test-plain-rule; rule test-plain-rule takes no options',
    ]);
  });

  it('names the expected type of a mistyped option', () => {
    expect(problems('rules:\n  test-timeout-rule:\n    options:\n      maxDepth: deep\n      ignoreTests: 1\n      exemptions: os.ReadFile\n')).toEqual([
      '4:17: option "maxDepth" of rule test-timeout-rule must be a number, not a string',
      '5:20: option "ignoreTests" of rule test-timeout-rule must be a boolean, not a number',
      '6:19: option "exemptions" of rule test-timeout-rule must be a list of strings, not a string',
    ]);
    expect(problems('rules:\n  test-timeout-rule:\n    options: [1]\n')).toEqual(['3:14: the options of rule test-timeout-rule must be a map']);
  });

  it('rejects rules that are not a map', () => {
    expect(problems('rules: [test-plain-rule]\n')).toEqual([
      '1:8: "rules" must be a map from rule id to a severity (off, info, warning, error) or to {severity, options}',
    ]);
  });

  it('takes tests as a boolean and nothing else', () => {
    expect(parseConfigText('tests: false\n', '/repo/.gocop.yaml', '.gocop.yaml', rules).config.tests).toBe(false);
    expect(parseConfigText('rules: {}\n', '/repo/.gocop.yaml', '.gocop.yaml', rules).config.tests).toBeUndefined();
    expect(problems('tests: no\n')).toEqual(['1:8: "tests" must be true (lint _test.go files, the default) or false (skip them)']);
  });

  it('takes build-tags as a list or a comma-separated string of tag names', () => {
    expect(parseConfigText('build-tags: [integration, e2e]\n', '/repo/.gocop.yaml', '.gocop.yaml', rules).config.buildTags).toEqual(['integration', 'e2e']);
    expect(parseConfigText('build-tags: "a,b c"\n', '/repo/.gocop.yaml', '.gocop.yaml', rules).config.buildTags).toEqual(['a', 'b', 'c']);
    expect(problems('build-tags: {a: 1}\n')).toEqual(['1:13: "build-tags" must be a list of build tags (strings)']);
    expect(problems('build-tags: ["!linux"]\n')).toEqual(['1:13: "build-tags" takes tag names (letters, digits, _ and .), not "!linux"']);
  });

  it('rejects exclude that is not a list of globs', () => {
    expect(problems('exclude:\n  gen: true\n')).toEqual(['2:3: "exclude" must be a list of path globs (strings), relative to the config file']);
    expect(problems('exclude: gen/**\n')).toEqual([]);
  });

  it('checks overrides', () => {
    expect(problems('overrides:\n  files: [a.go]\n')).toEqual(['2:3: "overrides" must be a list of entries, each with files and rules']);
    expect(problems('overrides:\n  - a.go\n')).toEqual(['2:5: each override must be a map with files (path globs) and rules']);
    expect(problems('overrides:\n  - rules:\n      test-plain-rule: off\n')).toEqual(['2:5: an override needs files: a list of path globs it applies to']);
    expect(problems('overrides:\n  - files: [a.go]\n    rule: {}\n')).toEqual([
      '3:5: unknown key "rule" in an override (did you mean "rules"?); an override takes files and rules',
    ]);
    expect(problems('overrides:\n  - files: [a.go]\n    rules:\n      test-plain-rul: off\n')).toEqual([
      '4:7: unknown rule "test-plain-rul" (did you mean "test-plain-rule"?); run gocop --list-rules to see them',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const [message] = problems('rules:\n  test-plain-rule: [off\n');
    expect(message).toMatch(/^\d+:\d+: invalid YAML: /);
    expect(problems('rules:\n  test-plain-rule: off\n  test-plain-rule: error\n')[0]).toMatch(/^3:3: invalid YAML: .*unique/i);
  });

  it('refuses YAML tags, so config cannot construct objects or run code', () => {
    expect(problems('rules: !!js/function "function () { process.exit(1) }"\n')).toEqual([
      '1:8: YAML tags such as tag:yaml.org,2002:js/function are not allowed in gocop config; it is plain data',
    ]);
    expect(problems('exclude: !custom [a]\n')[0]).toMatch(/^1:10: YAML tags such as !custom are not allowed/);
  });

  it('refuses aliases, so config cannot expand into a billion laughs', () => {
    expect(problems('exclude: &globs [a, b]\noverrides:\n  - files: *globs\n')).toEqual([
      '3:12: YAML aliases are not allowed in gocop config; write the value out',
    ]);
  });

  it('refuses several documents', () => {
    expect(problems('rules: {}\n---\nrules: {}\n')).toEqual(['2:1: the config holds more than one YAML document; keep one']);
  });

  it('reports a config file that cannot be read', () => {
    const dir = temporaryDirectory();
    const resolver = createConfigResolver({ cwd: dir, configFile: 'missing.yaml', rules });
    expect(resolver.errors.map((error) => error.message)).toEqual(['missing.yaml: cannot read the config file: no such file or directory']);
    expect(resolver.errors[0]!.kind).toBe('config');
  });
});

describe('config discovery and resolution', () => {
  function repository(): string {
    const root = temporaryDirectory();
    fs.mkdirSync(path.join(root, '.git'));
    writeFiles(root, {
      '.gocop.yaml': 'rules:\n  test-plain-rule: off\n',
      'a/a.go': 'package a\n',
      'a/b/b.go': 'package b\n',
      'c/.gocop.yml': 'rules:\n  test-timeout-rule: error\n',
      'c/c.go': 'package c\n',
    });
    return root;
  }

  it('uses the nearest config upward from each directory', () => {
    const root = repository();
    const resolver = createConfigResolver({ cwd: root, rules });
    expect(resolver.configFileForDirectory(`${root}/a/b`)).toBe(`${root}/.gocop.yaml`);
    expect(resolver.configFileForDirectory(`${root}/c`)).toBe(`${root}/c/.gocop.yml`);
    expect(resolver.rulesForDirectory(`${root}/a/b`).map((entry) => entry.rule.id)).toEqual(['test-timeout-rule']);
    const inC = resolver.rulesForDirectory(`${root}/c`);
    expect(inC.map((entry) => [entry.rule.id, entry.severity])).toEqual([
      ['test-timeout-rule', 'error'],
      ['test-plain-rule', 'error'],
    ]);
    expect(resolver.errors).toEqual([]);
  });

  it('stops at the repository root', () => {
    const outer = temporaryDirectory();
    writeFiles(outer, { '.gocop.yaml': 'rules:\n  test-plain-rule: off\n', 'repo/p/p.go': 'package p\n' });
    fs.mkdirSync(path.join(outer, 'repo/.git'));
    const resolver = createConfigResolver({ cwd: outer, rules });
    expect(resolver.configFileForDirectory(`${outer}/repo/p`)).toBeNull();
    expect(resolver.rulesForDirectory(`${outer}/repo/p`).map((entry) => entry.rule.id)).toEqual(['test-timeout-rule', 'test-plain-rule']);
  });

  it('uses --config for every directory and --no-config for none', () => {
    const root = repository();
    writeFiles(root, { 'ci.yaml': 'rules:\n  test-timeout-rule: off\n' });
    const explicit = createConfigResolver({ cwd: root, configFile: 'ci.yaml', rules });
    expect(explicit.configFileForDirectory(`${root}/c`)).toBe(`${root}/ci.yaml`);
    expect(explicit.rulesForDirectory(`${root}/c`).map((entry) => entry.rule.id)).toEqual(['test-plain-rule']);
    const none = createConfigResolver({ cwd: root, noConfig: true, rules });
    expect(none.configFileForDirectory(`${root}/c`)).toBeNull();
    expect(none.rulesForDirectory(`${root}/c`).map((entry) => entry.rule.id)).toEqual(['test-timeout-rule', 'test-plain-rule']);
  });

  it('merges options shallowly over the defaults', () => {
    const root = temporaryDirectory();
    writeFiles(root, { '.gocop.yaml': 'rules:\n  test-timeout-rule:\n    options:\n      maxDepth: 5\n', 'p/p.go': 'package p\n' });
    const [entry] = createConfigResolver({ cwd: root, rules }).rulesForDirectory(`${root}/p`);
    expect(entry!.options).toEqual({ timeout: '30s', maxDepth: 5, ignoreTests: true, exemptions: ['net/http.Get'] });
    expect(entry!.severity).toBe('warning');
  });

  it('applies override severities per file and override options per package', () => {
    const root = temporaryDirectory();
    writeFiles(root, {
      '.gocop.yaml': [
        'rules:',
        '  test-plain-rule: off',
        'overrides:',
        '  - files: ["**/*_test.go"]',
        '    rules:',
        '      test-timeout-rule: off',
        '  - files: [legacy/**]',
        '    rules:',
        '      test-plain-rule: warning',
        '      test-timeout-rule:',
        '        options: {maxDepth: 1}',
        '',
      ].join('\n'),
      'p/p.go': 'package p\n',
      'p/p_test.go': 'package p\n',
      'legacy/old.go': 'package legacy\n',
    });
    const resolver = createConfigResolver({ cwd: root, rules });
    expect(resolver.rulesForDirectory(`${root}/p`).map((entry) => entry.rule.id)).toEqual(['test-timeout-rule']);
    const legacy = resolver.rulesForDirectory(`${root}/legacy`);
    expect(legacy.map((entry) => [entry.rule.id, entry.severity])).toEqual([
      ['test-timeout-rule', 'warning'],
      ['test-plain-rule', 'warning'],
    ]);
    expect((legacy[0]!.options as { maxDepth: number }).maxDepth).toBe(1);
    const kept = resolver.applyFileOverrides([
      diagnostic(`${root}/p/p.go`, 'test-timeout-rule'),
      diagnostic(`${root}/p/p_test.go`, 'test-timeout-rule'),
      diagnostic(`${root}/legacy/old.go`, 'test-plain-rule', 'error'),
    ]);
    expect(kept.map((entry) => [path.relative(root, entry.file), entry.ruleId, entry.severity])).toEqual([
      ['p/p.go', 'test-timeout-rule', 'warning'],
      ['legacy/old.go', 'test-plain-rule', 'warning'],
    ]);
  });

  it('excludes files by glob, by directory and by base name', () => {
    const root = temporaryDirectory();
    writeFiles(root, { '.gocop.yaml': 'exclude:\n  - gen\n  - "**/*.pb.go"\n  - internal/legacy/**\n' });
    const resolver = createConfigResolver({ cwd: root, rules });
    expect(resolver.isExcluded(`${root}/gen/x/y.go`)).toBe(true);
    expect(resolver.isExcluded(`${root}/api/v1/types.pb.go`)).toBe(true);
    expect(resolver.isExcluded(`${root}/internal/legacy/a/b.go`)).toBe(true);
    expect(resolver.isExcluded(`${root}/internal/current/b.go`)).toBe(false);
    expect(resolver.isExcluded(`${root}/generator/main.go`)).toBe(false);
  });

  it('gives a cache key that changes with the effective config only', () => {
    const root = repository();
    const resolver = createConfigResolver({ cwd: root, rules });
    expect(resolver.keyForDirectory(`${root}/a`)).toBe(resolver.keyForDirectory(`${root}/a/b`));
    expect(resolver.keyForDirectory(`${root}/a`)).not.toBe(resolver.keyForDirectory(`${root}/c`));
    expect(createConfigResolver({ cwd: root, rules }).keyForDirectory(`${root}/a`)).toBe(resolver.keyForDirectory(`${root}/a`));
  });

  it('reads each config file once, however many directories use it', () => {
    const root = repository();
    fs.writeFileSync(path.join(root, '.gocop.yaml'), 'rules:\n  nope: off\n');
    const resolver = createConfigResolver({ cwd: root, rules });
    resolver.rulesForDirectory(`${root}/a`);
    resolver.rulesForDirectory(`${root}/a/b`);
    resolver.isExcluded(`${root}/a/a.go`);
    expect(resolver.errors).toHaveLength(1);
  });
});

describe('gocop print-config and config errors on the command line', () => {
  it('prints the settings for a file, with the config file used', async () => {
    const root = temporaryDirectory();
    fs.mkdirSync(path.join(root, '.git'));
    writeFiles(root, {
      '.gocop.yaml': 'rules:\n  syntax-error: warning\noverrides:\n  - files: ["*_test.go"]\n    rules:\n      invalid-directive: off\nexclude: [gen]\n',
      'p/p_test.go': 'package p\n',
    });
    const result = await runCli(['print-config', 'p/p_test.go'], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('# from .gocop.yaml over the defaults');
    const printed = parseYaml(result.stdout) as { excluded: boolean; rules: Record<string, unknown> };
    expect(printed.excluded).toBe(false);
    expect(printed.rules['syntax-error']).toBe('warning');
    expect(printed.rules['invalid-directive']).toBe('off');
    const excluded = await runCli(['print-config', 'gen/x.go'], root);
    expect(excluded.stdout).toContain('# the file is excluded');
  });

  it('exits 2 on config errors and still prints findings', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { '.gocop.yaml': 'rules:\n  syntax-eror: off\n', 'p.go': 'package p\n\nfunc f() {\n' });
    const result = await runCli(['./...'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.gocop.yaml:2:3: unknown rule "syntax-eror" (did you mean "syntax-error"?)');
    expect(result.stdout).toContain('(syntax-error)');
  });

  it('honours config severities, off, exclude and --no-config', async () => {
    const root = temporaryDirectory();
    writeFiles(root, {
      '.gocop.yaml': 'rules:\n  syntax-error: warning\nexclude: [skip]\n',
      'p.go': 'package p\n\nfunc f() {\n',
      'skip/q.go': 'package q\n\nfunc g() {\n',
    });
    const configured = await runCli(['./...'], root);
    expect(configured.stdout).toMatch(/^p\.go:\d+:\d+: warning: syntax error/);
    expect(configured.stdout).not.toContain('skip/q.go');
    const defaults = await runCli(['--no-config', './...'], root);
    expect(defaults.stdout).toMatch(/^p\.go:\d+:\d+: error: syntax error/);
    expect(defaults.stdout).toContain('skip/q.go');
    fs.writeFileSync(path.join(root, '.gocop.yaml'), 'rules:\n  syntax-error: off\n');
    expect((await runCli(['./...'], root)).code).toBe(0);
    expect((await runCli(['--rules', 'syntax-error', './...'], root)).code).toBe(1);
  });
});

describe('skipping test files', () => {
  const files = {
    'p/p.go': 'package p\n\nfunc f() {\n',
    'p/p_test.go': 'package p\n\nfunc g() {\n',
  };

  it('skips _test.go files for every rule with tests: false, and --tests overrides the config', async () => {
    const root = temporaryDirectory();
    fs.mkdirSync(path.join(root, '.git'));
    writeFiles(root, files);
    const all = await runCli(['--no-cache', './...'], root);
    expect(all.stdout).toContain('p/p_test.go');
    const flagged = await runCli(['--no-cache', '--tests=false', './...'], root);
    expect(flagged.stdout).toContain('p/p.go');
    expect(flagged.stdout).not.toContain('p_test.go');
    writeFiles(root, { '.gocop.yaml': 'tests: false\n' });
    const configured = await runCli(['--no-cache', './...'], root);
    expect(configured.stdout).toContain('p/p.go');
    expect(configured.stdout).not.toContain('p_test.go');
    expect((await runCli(['--no-cache', '--tests=true', './...'], root)).stdout).toContain('p/p_test.go');
    const printed = parseYaml((await runCli(['print-config', 'p/p_test.go'], root)).stdout) as { excluded: boolean };
    expect(printed.excluded).toBe(true);
  });

  it('answers per directory, and counts skipped test files as excluded', () => {
    const root = temporaryDirectory();
    writeFiles(root, { ...files, '.gocop.yaml': 'tests: false\n' });
    const resolver = createConfigResolver({ cwd: root, rules });
    expect(resolver.testsForDirectory('p')).toBe(false);
    expect(resolver.isExcluded(path.join(root, 'p/p_test.go'))).toBe(true);
    expect(resolver.isExcluded(path.join(root, 'p/p.go'))).toBe(false);
    expect(createConfigResolver({ cwd: root, rules, tests: true }).testsForDirectory('p')).toBe(true);
  });

  it('rejects a --tests value other than true or false', async () => {
    const result = await runCli(['--tests=maybe', './...'], temporaryDirectory());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--tests takes true or false, not maybe');
  });
});

describe('the JSON Schema for editors', () => {
  it('schema/gocop.schema.json is up to date (run npm run docs)', () => {
    const file = path.resolve(__dirname, '../schema/gocop.schema.json');
    expect(fs.readFileSync(file, 'utf8')).toBe(renderConfigSchema(allRules));
  });

  it('accepts valid configs and rejects typos', () => {
    const validate = new Ajv({ strict: false }).compile(configJsonSchema(rules));
    const valid = parseYaml('rules:\n  test-plain-rule: off\n  test-timeout-rule:\n    severity: error\n    options: {maxDepth: 2}\nexclude: [gen]\noverrides:\n  - files: a.go\n    rules: {test-plain-rule: info}\n');
    expect(validate(valid)).toBe(true);
    expect(validate(parseYaml('rules:\n  test-plain-rul: off\n'))).toBe(false);
    expect(validate(parseYaml('rules:\n  test-plain-rule: warn\n'))).toBe(false);
    expect(validate(parseYaml('rules:\n  test-timeout-rule: {options: {maxDepth: deep}}\n'))).toBe(false);
    expect(validate(parseYaml('rulez: {}\n'))).toBe(false);
  });
});
