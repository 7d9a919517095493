// The sarif and github formats. SARIF output is validated against the official SARIF 2.1.0 schema
// (shipped by @microsoft/jest-sarif) and against GitHub code scanning's own requirements, which the
// schema cannot express; fingerprints are checked to survive unrelated line moves.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import type { Diagnostic } from '../src/diagnostic.js';
import type { SuppressedDiagnostic } from '../src/engine/directives.js';
import { formatSarif } from '../src/report/sarif.js';
import { escapeData, escapeProperty, formatGithub } from '../src/report/github.js';
import type { Report } from '../src/report/model.js';
import { git, gitRepository, runCli, temporaryDirectory, writeFiles } from './support/cli.js';

const multitool = process.env.GOCOP_SARIF_MULTITOOL && fs.existsSync(process.env.GOCOP_SARIF_MULTITOOL) ? process.env.GOCOP_SARIF_MULTITOOL : null;

const require = createRequire(import.meta.url);
const homepage = (require('../package.json') as { homepage: string }).homepage;
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
// The schema is draft-04, and one of its patterns is not valid under the `u` flag.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSchema = ajv.compile(sarifSchema);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Log = any;

/** Problems GitHub code scanning would have with a log, beyond what the schema checks. */
function githubProblems(log: Log): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => void (ok || problems.push(problem));
  check(log.version === '2.1.0', 'version must be 2.1.0');
  check(typeof log.$schema === 'string', '$schema is missing');
  check(Array.isArray(log.runs) && log.runs.length === 1, 'expected one run');
  const run = log.runs[0];
  const driver = run.tool.driver;
  check(driver.name === 'gocop', 'driver.name');
  check(/^\d+\.\d+\.\d+/.test(driver.version ?? ''), 'driver.version must be a version');
  check(/^https:\/\//.test(driver.informationUri ?? ''), 'driver.informationUri must be a URL');
  const ids = driver.rules.map((rule: Log) => rule.id);
  check(new Set(ids).size === ids.length, 'rule ids must be unique');
  for (const rule of driver.rules) {
    check(!!rule.name, `rule ${rule.id} needs a name`);
    check(!!rule.shortDescription?.text && rule.shortDescription.text.length <= 1024, `rule ${rule.id} needs a short description`);
    check(!!rule.fullDescription?.text, `rule ${rule.id} needs a full description`);
    check(/^https:\/\//.test(rule.helpUri ?? ''), `rule ${rule.id} needs a helpUri`);
    check(!!rule.help?.text && !!rule.help?.markdown, `rule ${rule.id} needs help text and markdown`);
    check(['error', 'warning', 'note'].includes(rule.defaultConfiguration?.level), `rule ${rule.id} needs a default level`);
    check(Array.isArray(rule.properties?.tags) && rule.properties.tags.length > 0, `rule ${rule.id} needs tags`);
  }
  check(run.columnKind === 'utf16CodeUnits', 'columnKind must be declared');
  check(typeof run.automationDetails?.id === 'string' && run.automationDetails.id.includes('/'), 'automationDetails.id (with a category) is missing');
  check(typeof run.invocations?.[0]?.executionSuccessful === 'boolean', 'invocations must record executionSuccessful');
  const srcroot = run.originalUriBaseIds?.['%SRCROOT%']?.uri;
  check(typeof srcroot === 'string' && srcroot.startsWith('file:///') && srcroot.endsWith('/'), '%SRCROOT% must be an absolute file URI ending in /');
  const checkLocation = (location: Log, where: string) => {
    const artifact = location.physicalLocation?.artifactLocation;
    check(typeof artifact?.uri === 'string', `${where}: uri missing`);
    if (artifact?.uriBaseId !== undefined) {
      check(artifact.uriBaseId === '%SRCROOT%', `${where}: unknown uriBaseId`);
      check(!/^[a-z]+:/.test(artifact.uri) && !artifact.uri.startsWith('/'), `${where}: uri must be relative to %SRCROOT%`);
    }
    const region = location.physicalLocation?.region;
    check(region?.startLine >= 1 && region?.startColumn >= 1, `${where}: 1-based start`);
    check(region?.endLine >= region?.startLine, `${where}: endLine`);
    check(region?.endColumn >= 1 && (region.endLine > region.startLine || region.endColumn >= region.startColumn), `${where}: endColumn`);
  };
  for (const [index, result] of run.results.entries()) {
    const where = `result ${index}`;
    check(ids.includes(result.ruleId), `${where}: ruleId ${result.ruleId} is not in the rules`);
    check(driver.rules[result.ruleIndex]?.id === result.ruleId, `${where}: ruleIndex does not point at its rule`);
    check(!!result.message?.text, `${where}: message`);
    check(['error', 'warning', 'note'].includes(result.level), `${where}: level`);
    check(result.locations?.length === 1, `${where}: exactly one location`);
    for (const location of result.locations ?? []) checkLocation(location, where);
    for (const related of result.relatedLocations ?? []) {
      check(Number.isInteger(related.id) && !!related.message?.text, `${where}: related locations need an id and a message`);
      check(result.message.text.includes(`](${related.id})`), `${where}: the message must link related location ${related.id}, or GitHub does not show it`);
      checkLocation(related, `${where} related`);
    }
    // Literal brackets must be escaped, or a viewer takes them for the start of a link.
    check(bracketsAreLinksOrEscaped(result.message.text), `${where}: unescaped [ or ] in the message`);
    check(Object.values(result.partialFingerprints ?? {}).length > 0, `${where}: partialFingerprints`);
  }
  return problems;
}

/** True when every unescaped `[` opens an embedded link `[text](id)` and no `]` stands alone. */
function bracketsAreLinksOrEscaped(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === ']') return false;
    else if (char === '[') {
      let end = index + 1;
      while (end < text.length && text[end] !== ']') end += text[end] === '\\' ? 2 : 1;
      const target = /^\]\(\d+\)/.exec(text.slice(end));
      if (!target) return false;
      index = end + target[0].length - 1;
    }
  }
  return true;
}

function expectAcceptable(log: Log): void {
  const valid = validateSchema(log);
  expect(valid ? [] : validateSchema.errors).toEqual([]);
  expect(githubProblems(log)).toEqual([]);
}

const range = (line: number, column: number, endLine = line, endColumn = column + 3) => ({ line, column, endLine, endColumn });

function syntheticReport(root: string): { report: Report; suppressed: SuppressedDiagnostic[]; fingerprints: Map<Diagnostic, string> } {
  const main: Diagnostic = {
    ruleId: 'syntax-error',
    severity: 'error',
    message: 'node is nil here: it was checked on line 3; use nodeName',
    file: `${root}/pkg/my file.go`,
    range: range(7, 2, 7, 11),
    related: [{ file: `${root}/pkg/other.go`, range: range(3, 5), message: 'node is checked for nil here' }],
    fixes: [{ message: 'use nodeName', edits: [{ file: `${root}/pkg/my file.go`, startIndex: 40, endIndex: 49, newText: 'nodeName' }] }],
  };
  const outside: Diagnostic = { ...main, ruleId: 'invalid-directive', severity: 'info', file: '/elsewhere/x.go', related: [], fixes: [] };
  const suppressed: SuppressedDiagnostic = { ...main, range: range(9, 1), related: [], fixes: [], suppression: { kind: 'ignore', reason: 'checked by the caller', file: main.file, line: 8 } };
  const report: Report = {
    diagnostics: [main, outside],
    errors: [{ kind: 'read', file: 'pkg/gone.go', message: 'pkg/gone.go: cannot read: permission denied' }],
    filesLinted: 2,
    displayPath: (file) => path.posix.relative(root, file),
  };
  return { report, suppressed: [suppressed], fingerprints: new Map<Diagnostic, string>([[main, 'aa'], [outside, 'bb'], [suppressed, 'cc']]) };
}

describe('sarif format', () => {
  it('writes schema-valid SARIF that meets GitHub code scanning requirements', () => {
    const root = '/work/repo';
    const { report, suppressed, fingerprints } = syntheticReport(root);
    const log = JSON.parse(formatSarif({ ...report, suppressed }, { rules: allRules, version: '1.2.3', sourceRoot: root, fingerprints }));
    expectAcceptable(log);
    const run = log.runs[0];
    expect(run.tool.driver.rules).toHaveLength(allRules.length);
    expect(run.tool.driver.informationUri).toBe(homepage);
    const first = run.results.find((result: Log) => result.ruleId === 'syntax-error' && !result.suppressions);
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'pkg/my%20file.go', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 2, endLine: 7, endColumn: 11 },
    });
    expect(first.relatedLocations[0]).toMatchObject({ id: 1, message: { text: 'node is checked for nil here' } });
    expect(first.partialFingerprints).toEqual({ 'gocopLineHash/v1': 'aa' });
    expect(first.fixes[0].artifactChanges[0].replacements[0]).toEqual({ deletedRegion: { charOffset: 40, charLength: 9 }, insertedContent: { text: 'nodeName' } });
    const suppressedResult = run.results.find((result: Log) => result.suppressions);
    expect(suppressedResult.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'checked by the caller' }]);
    const outside = run.results.find((result: Log) => result.level === 'note');
    expect(outside.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/x.go' });
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0]).toMatchObject({ level: 'error', message: { text: 'pkg/gone.go: cannot read: permission denied' } });
  });

  it('describes every rule with its docs', () => {
    const root = '/r';
    const { report, fingerprints } = syntheticReport(root);
    const log = JSON.parse(formatSarif(report, { rules: allRules, version: '1.2.3', sourceRoot: root, fingerprints }));
    const descriptor = log.runs[0].tool.driver.rules.find((rule: Log) => rule.id === 'syntax-error');
    expect(descriptor).toMatchObject({
      id: 'syntax-error',
      name: 'SyntaxError',
      helpUri: `${homepage}/blob/main/docs/rules/syntax-error.md`,
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['go', 'correctness'] },
    });
    expect(descriptor.help.markdown).toContain('# syntax-error');
    expect(log.runs[0].results.some((result: Log) => result.suppressions)).toBe(false);
  });

  it('runs end to end on the command line', async () => {
    const root = gitRepository({
      'pkg/a.go': 'package pkg\n\nfunc f() int {\n\t//gocop:ignore syntax-error\n\treturn 1\n}\n\nfunc g() {\n\treturn 1 +\n}\n',
      'pkg/b.go': 'package pkg\n\nfunc h() {\n\t_ = 1 //gocop:ignore syntax-error parser fixture\n}\n',
    });
    const result = await runCli(['--format', 'sarif', '--report-unused-directives', './...'], root);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expectAcceptable(log);
    expect(log.runs[0].results.map((entry: Log) => [entry.ruleId, entry.locations[0].physicalLocation.artifactLocation.uri])).toEqual([
      ['invalid-directive', 'pkg/a.go'],
      ['syntax-error', 'pkg/a.go'],
      ['invalid-directive', 'pkg/b.go'],
    ]);
    expect(log.runs[0].invocations[0]).toEqual({ executionSuccessful: true, toolExecutionNotifications: [], properties: { filesLinted: 2 } });
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${root}/`);
  });

  it('includes suppressed findings only under --include-suppressed', async () => {
    const root = gitRepository({ 'p.go': 'package p\n\nfunc g() {\n\t//gocop:ignore syntax-error parser fixture\n\treturn 1 +\n}\n' });
    const plain = JSON.parse((await runCli(['--format', 'sarif', './...'], root)).stdout);
    expect(plain.runs[0].results).toEqual([]);
    const included = JSON.parse((await runCli(['--format', 'sarif', '--include-suppressed', './...'], root)).stdout);
    expectAcceptable({ ...included, runs: [{ ...included.runs[0] }] });
    expect(included.runs[0].results).toHaveLength(1);
    expect(included.runs[0].results[0].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'parser fixture' }]);
  });

  it('records gocop errors in the invocation and exits 2', async () => {
    const root = gitRepository({ '.gocop.yaml': 'rules:\n  syntax-eror: off\n', 'p.go': 'package p\n' });
    const result = await runCli(['--format', 'sarif', './...'], root);
    expect(result.code).toBe(2);
    const log = JSON.parse(result.stdout);
    expectAcceptable(log);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0]).toMatchObject({
      level: 'error',
      descriptor: { id: 'gocop-config' },
      locations: [{ physicalLocation: { artifactLocation: { uri: '.gocop.yaml', uriBaseId: '%SRCROOT%' } } }],
    });
  });

  it('writes --output atomically, leaving no temporary file', async () => {
    const root = gitRepository({ 'p.go': 'package p\n\nfunc g() {\n\treturn 1 +\n}\n' });
    const result = await runCli(['--format', 'sarif', '--output', 'out/gocop.sarif', './...'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('out/gocop.sarif: cannot write the report: no such file or directory');
    fs.mkdirSync(path.join(root, 'out'));
    const written = await runCli(['--format', 'sarif', '--output', 'out/gocop.sarif', './...'], root);
    expect(written.code).toBe(1);
    expect(written.stdout).toBe('');
    expectAcceptable(JSON.parse(fs.readFileSync(path.join(root, 'out/gocop.sarif'), 'utf8')));
    expect(fs.readdirSync(path.join(root, 'out'))).toEqual(['gocop.sarif']);
  });
});

describe('sarif details for viewers', () => {
  it('links related locations from the message and escapes literal brackets', () => {
    const root = '/r';
    const { report, fingerprints } = syntheticReport(root);
    report.diagnostics[0]!.message = 'c.nodes[name] is nil here';
    report.diagnostics[0]!.related.push({ file: `${root}/pkg/other.go`, range: range(4, 1), message: 'm[k] is set here' });
    const log = JSON.parse(formatSarif(report, { rules: allRules, version: '1.2.3', sourceRoot: root, fingerprints }));
    expectAcceptable(log);
    expect(log.runs[0].results.find((result: Log) => result.ruleId === 'syntax-error').message.text).toBe('c.nodes\\[name\\] is nil here (see [node is checked for nil here](1); [m\\[k\\] is set here](2))');
  });

  it('records the repository and commit, and each result snippet with two lines of context', async () => {
    const source = 'package p\n\n// f is fine.\nfunc f() {\n\t//gocop:ignore syntax-error\n\t_ = 1\n}\n\nfunc g() {}\n';
    const root = gitRepository({ 'sub/p.go': source });
    git(root, 'remote', 'add', 'origin', 'https://x-access-token:secret@example.com/team/service.git');
    const log = JSON.parse((await runCli(['--format', 'sarif', './...'], root)).stdout);
    expectAcceptable(log);
    const run = log.runs[0];
    expect(run.versionControlProvenance).toEqual([
      { repositoryUri: 'https://example.com/team/service.git', revisionId: git(root, 'rev-parse', 'HEAD').trim(), branch: 'main', mappedTo: { uriBaseId: '%SRCROOT%' } },
    ]);
    const location = run.results[0].locations[0].physicalLocation;
    expect(location.region).toEqual({ startLine: 5, startColumn: 2, endLine: 5, endColumn: 29, snippet: { text: '//gocop:ignore syntax-error' } });
    expect(location.contextRegion).toEqual({ startLine: 3, endLine: 7, snippet: { text: '// f is fine.\nfunc f() {\n\t//gocop:ignore syntax-error\n\t_ = 1\n}\n' } });
    const fromSub = JSON.parse((await runCli(['--format', 'sarif', '.'], `${root}/sub`)).stdout);
    expect(fromSub.runs[0].versionControlProvenance[0].mappedTo).toEqual({ uri: '../', uriBaseId: '%SRCROOT%' });
    expect(JSON.stringify(log)).not.toContain('secret');
  });

  it('leaves versionControlProvenance out outside a repository', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'p.go': 'package p\n\nfunc f() {\n' });
    const log = JSON.parse((await runCli(['--format', 'sarif', './...'], root)).stdout);
    expectAcceptable(log);
    expect(log.runs[0].versionControlProvenance).toBeUndefined();
    expect(log.runs[0].results[0].locations[0].physicalLocation.contextRegion.startLine).toBe(1);
  });
});

describe(`Microsoft's SARIF Multitool${multitool ? '' : ' (skipped: set GOCOP_SARIF_MULTITOOL to its Sarif.Multitool binary; .ci/run installs it)'}`, () => {
  it.skipIf(!multitool)('finds no errors or warnings under the SARIF and GitHub rule sets', async () => {
    const root = gitRepository({
      'p/a.go': 'package p\n\nfunc f() {\n\t//gocop:ignore syntax-error\n\t_ = 1\n}\n',
      'p/b.go': 'package p\n\nfunc g() {\n\treturn 1 +\n}\n',
    });
    git(root, 'remote', 'add', 'origin', 'https://example.com/team/service.git');
    const repository = path.resolve(__dirname, '..');
    const logs = [
      (await runCli(['--format', 'sarif', '--include-suppressed', './...'], root)).stdout,
      (await runCli(['--no-cache', '--format', 'sarif', './examples/...'], repository)).stdout,
    ];
    for (const [index, text] of logs.entries()) {
      const input = path.join(root, `input-${index}.sarif`);
      const output = path.join(root, `validation-${index}.sarif`);
      fs.writeFileSync(input, text);
      execFileSync(multitool!, ['validate', '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning', '--output', output, input], { encoding: 'utf8' });
      const validation = JSON.parse(fs.readFileSync(output, 'utf8'));
      const problems = (validation.runs[0].results ?? []).map((result: Log) => `${result.ruleId}: ${result.message?.text ?? JSON.stringify(result.message)}`);
      expect(problems).toEqual([]);
    }
  }, 120_000);
});

describe('fingerprints', () => {
  const directive = (reason: string) => `\t//gocop:ignore syntax-error${reason}\n`;
  async function fingerprints(root: string): Promise<string[]> {
    const log = JSON.parse((await runCli(['--format', 'sarif', './...'], root)).stdout);
    return log.runs[0].results.map((result: Log) => `${result.message.text} ${result.partialFingerprints['gocopLineHash/v1']}`);
  }

  it('stay stable when unrelated lines move, and change when the flagged line is edited', async () => {
    const body = `package p\n\nfunc f() {\n${directive('')}\t_ = 1\n}\n`;
    const root = gitRepository({ 'p.go': body });
    const before = await fingerprints(root);
    expect(before).toHaveLength(1);
    fs.writeFileSync(path.join(root, 'p.go'), body.replace('package p\n', 'package p\n\nimport "fmt"\n\nvar _ = fmt.Sprint\n').replace('\t//gocop', '    \t//gocop'));
    expect(await fingerprints(root)).toEqual(before);
    fs.writeFileSync(path.join(root, 'p.go'), body.replace('syntax-error', 'syntax-error,invalid-directive'));
    expect(await fingerprints(root)).not.toEqual(before);
  });

  it('tell identical lines apart by occurrence', async () => {
    const root = gitRepository({ 'p.go': `package p\n\nfunc f() {\n${directive('')}\t_ = 1\n${directive('')}\t_ = 2\n}\n` });
    const [first, second] = await fingerprints(root);
    expect(first!.split(' ').pop()).not.toBe(second!.split(' ').pop());
  });

  it('do not depend on the directory gocop runs in', async () => {
    const root = gitRepository({ 'sub/p.go': `package p\n\nfunc f() {\n${directive('')}\t_ = 1\n}\n` });
    const fromRoot = await fingerprints(root);
    const fromSub = JSON.parse((await runCli(['--format', 'sarif', '.'], `${root}/sub`)).stdout).runs[0].results.map(
      (result: Log) => `${result.message.text} ${result.partialFingerprints['gocopLineHash/v1']}`,
    );
    expect(fromSub).toEqual(fromRoot);
  });
});

describe('github format', () => {
  it('escapes data and properties', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('prints one workflow command per finding, by severity', () => {
    const root = '/r';
    const { report } = syntheticReport(root);
    report.diagnostics[0]!.file = '/r/pkg/a,b:c.go';
    expect(formatGithub(report).split('\n')).toEqual([
      '::error file=pkg/a%2Cb%3Ac.go,line=7,col=2,endLine=7,endColumn=11,title=syntax-error::node is nil here: it was checked on line 3; use nodeName%0Apkg/other.go:3:5: node is checked for nil here',
      '::notice file=../elsewhere/x.go,line=7,col=2,endLine=7,endColumn=11,title=invalid-directive::node is nil here: it was checked on line 3; use nodeName',
      '::error file=pkg/gone.go,title=gocop::pkg/gone.go: cannot read: permission denied',
      '',
    ]);
  });

  it('runs on the command line', async () => {
    const root = temporaryDirectory();
    writeFiles(root, { 'p.go': 'package p\n\nfunc f() {\n\t//gocop:ignore syntax-error\n\t_ = 1\n}\n' });
    const result = await runCli(['--format', 'github', './...'], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      '::warning file=p.go,line=4,col=2,endLine=4,endColumn=29,title=invalid-directive:://gocop:ignore syntax-error needs a reason after the rule ids, saying why the finding is wrong or accepted; without one it suppresses nothing\n',
    );
  });
});
