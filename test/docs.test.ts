// Checks that the generated rule docs are up to date and that the README lists every rule.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { renderRuleDoc } from '../src/engine/docs.js';

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
