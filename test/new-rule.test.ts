// Tests the rule scaffold (`npm run new-rule -- <id>`) in a scratch copy of the registry: it writes the
// rule folder with its entry, a testdata package and the registry import and entry, and refuses an
// existing id or a name that is not kebab-case.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..');

function scratchCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-new-rule-'));
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.mkdirSync(path.join(dir, 'rules'));
  fs.copyFileSync(path.join(repo, 'scripts/new-rule.mjs'), path.join(dir, 'scripts/new-rule.mjs'));
  fs.copyFileSync(path.join(repo, 'rules/index.ts'), path.join(dir, 'rules/index.ts'));
  return dir;
}

const run = (dir: string, id: string) => spawnSync(process.execPath, [path.join(dir, 'scripts/new-rule.mjs'), id], { encoding: 'utf8' });

describe('new-rule scaffold', () => {
  it('creates rules/<id>/<id>.ts, a testdata package and the registry entry', () => {
    const dir = scratchCopy();
    const result = run(dir, 'lock-copy');
    expect(result.status, result.stderr).toBe(0);
    const entry = fs.readFileSync(path.join(dir, 'rules/lock-copy/lock-copy.ts'), 'utf8');
    expect(entry).toContain("import { defineRule } from '../../src/engine/rule.js';");
    expect(entry).toContain("export const lockCopy = defineRule({");
    expect(entry).toContain("id: 'lock-copy',");
    expect(fs.existsSync(path.join(dir, 'testdata/src/lock-copy/basic/basic.go'))).toBe(true);
    const registry = fs.readFileSync(path.join(dir, 'rules/index.ts'), 'utf8');
    expect(registry).toContain("import { lockCopy } from './lock-copy/lock-copy.js';");
    expect(registry).toMatch(/export const allRules: AnyRule\[\] = \[[^\]]*, lockCopy\];/);
  });

  it('refuses an id that exists and one that is not kebab-case', () => {
    const dir = scratchCopy();
    expect(run(dir, 'lock-copy').status).toBe(0);
    const again = run(dir, 'lock-copy');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('rules/lock-copy/ exists already');
    expect(run(dir, 'LockCopy').status).toBe(2);
  });
});
