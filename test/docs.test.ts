// Checks that the generated rule docs are up to date and that the README lists every rule.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { renderRuleDoc } from '../src/engine/docs.js';
import { FLAGS } from '../src/cli/args.js';
import { FORMATS } from '../src/cli/formats.js';

const root = path.resolve(__dirname, '..');

describe('rule docs', () => {
  it.each(allRules.map((rule) => [rule.id, rule] as const))('docs/rules/%s.md is up to date (run npm run docs)', (id, rule) => {
    const file = path.join(root, 'docs/rules', `${id}.md`);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(renderRuleDoc(rule));
  });

  it('the README rules table names every rule', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const rule of allRules) expect(readme).toContain(`| \`${rule.id}\` |`);
  });

  it('every rule has a testdata folder', () => {
    for (const rule of allRules.filter((candidate) => candidate.id !== 'syntax-error')) {
      expect(fs.existsSync(path.join(root, 'testdata/src', rule.id))).toBe(true);
    }
  });
});

/** Every `gocop …` command in a markdown file: code lines that run it and inline code spans that start with it. */
function gocopCommands(markdown: string): string[] {
  const commands: string[] = [];
  let inCode = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) {
      inCode = !inCode;
      continue;
    }
    const run = inCode ? /^\s*(?:[-$]\s+|run:\s+)?(?:cat \S+ \| )?(?:npx )?(gocop(?: .*)?)$/.exec(line) : null;
    if (run) commands.push(run[1]!);
    if (!inCode) for (const span of line.matchAll(/`(gocop [^`]*)`/g)) commands.push(span[1]!);
  }
  return commands.map((command) => command.replace(/\s+#.*$/, '')).filter((command) => !/^gocop lsp\b/.test(command));
}

describe('commands in the docs', () => {
  const files = ['README.md', 'RELEASING.md', 'CHANGELOG.md', 'editors/vscode/README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

  it.each(files.map((file) => [file]))('%s uses only flags and formats gocop has', (file) => {
    const commands = gocopCommands(fs.readFileSync(path.join(root, file), 'utf8'));
    for (const command of commands) {
      for (const flag of command.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)) expect(Object.keys(FLAGS), `${file}: ${command}`).toContain(flag[1]);
      for (const short of command.matchAll(/(?<![\w-])-([a-z])\b/gi)) expect(Object.values(FLAGS).map((entry) => ('short' in entry ? entry.short : null)), `${file}: ${command}`).toContain(short[1]);
      const format = /--format[ =](\S+)/.exec(command)?.[1];
      if (format) expect(FORMATS as readonly string[], `${file}: ${command}`).toContain(format);
    }
  });

  it('finds the commands it checks', () => {
    const readme = gocopCommands(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
    expect(readme).toContain('gocop --fix --diff ./...');
    expect(readme.length).toBeGreaterThan(15);
  });
});
