// The layering of ../shared/LAYOUT.md, checked on the import graph of the TypeScript sources: types and
// imports flow downward, a rule never reaches into another rule's folder, and src/analysis keeps only
// what at least two rules (or the engine itself) ask for.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(relative));
    else if (entry.name.endsWith('.ts')) out.push(relative);
  }
  return out;
}

/** Each source file (repository-relative) with the repository-relative .ts files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of [...sourceFiles('src'), ...sourceFiles('rules'), ...sourceFiles('server')]) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const targets: string[] = [];
    for (const match of text.matchAll(IMPORT)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]!)).replace(/\.js$/, '.ts');
      targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

const graph = importGraph();
const ruleOf = (file: string) => /^rules\/([^/]+)\//.exec(file)?.[1] ?? null;

describe('layout', () => {
  it('reads imports from the sources', () => {
    expect(graph.get('src/engine/engine.ts')).toContain('src/analysis/context.ts');
    expect(graph.get('rules/index.ts')!.length).toBeGreaterThan(5);
  });

  it('keeps src/analysis below the engine', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      file.startsWith('src/analysis/') ? targets.filter((t) => t.startsWith('src/engine/') || t.startsWith('src/driver/') || t.startsWith('rules/')).map((t) => `${file} -> ${t}`) : [],
    );
    expect(upward).toEqual([]);
  });

  it('lets only the driver, cli and server import the rules', () => {
    const importers = [...graph].flatMap(([file, targets]) => (file.startsWith('src/') && targets.some((t) => t.startsWith('rules/')) ? [file] : []));
    expect(importers.filter((file) => !file.startsWith('src/driver/') && !file.startsWith('src/cli/'))).toEqual([]);
  });

  it('keeps each rule out of the other rules', () => {
    const crossing = [...graph].flatMap(([file, targets]) => {
      const own = ruleOf(file);
      return own ? targets.filter((t) => ruleOf(t) && ruleOf(t) !== own).map((t) => `${file} -> ${t}`) : [];
    });
    expect(crossing).toEqual([]);
  });

  it('keeps in src/analysis only what two rules or the engine use', () => {
    // Who reaches each analysis file, directly or through other analysis files.
    const users = new Map<string, Set<string>>();
    const reach = (user: string, file: string, seen: Set<string>) => {
      for (const target of graph.get(file) ?? []) {
        if (!target.startsWith('src/analysis/') || seen.has(target)) continue;
        seen.add(target);
        let set = users.get(target);
        if (!set) users.set(target, (set = new Set()));
        set.add(user);
        reach(user, target, seen);
      }
    };
    for (const file of graph.keys()) {
      if (file.startsWith('src/analysis/')) continue;
      const user = ruleOf(file) ?? (file.startsWith('src/engine/') ? 'engine' : null);
      if (user) reach(user, file, new Set());
    }
    const lonely = sourceFiles('src/analysis').filter((file) => {
      const set = users.get(file) ?? new Set();
      return !set.has('engine') && set.size < 2;
    });
    expect(lonely.map((file) => `${file}: ${[...(users.get(file) ?? [])].join(', ') || 'no rule'}`)).toEqual([]);
  });
});
