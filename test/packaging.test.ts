// The npm package as a user gets it. `npm pack` makes the tarball from the built dist/ (`npm test` builds
// it first): compiled JavaScript, the rule docs and the config schema, and no TypeScript. The tarball
// is then installed with `npm install -g` into a temporary prefix, which runs no compiler (there is no
// `postinstall`, and `prepare` runs only for git and local installs), and the installed command prints
// its version, lints the bundled examples and answers LSP initialize and shutdown. npm reads packages
// from its cache first (`npm ci` filled it), so the install needs the registry only on a cold cache.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { startClient } from './lsp-client.js';
import { temporaryDirectory } from './support/cli.js';

const repositoryRoot = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as Record<string, any>;

/** The environment for a child npm: the variables `npm test` sets for its own run would leak into it. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

const run = (command: string, args: string[], cwd: string) => promisify(execFile)(command, args, { cwd, env: cleanEnvironment(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface Packed {
  filename: string;
  size: number;
  files: Array<{ path: string }>;
}

let packed: Packed;
let tarball: string;

beforeAll(async () => {
  expect(fs.existsSync(path.join(repositoryRoot, 'dist/src/cli/main.js')), 'dist/ is not built: run npm test, which builds it').toBe(true);
  const destination = temporaryDirectory('gocop-pack-');
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], repositoryRoot);
  packed = (JSON.parse(stdout) as Packed[])[0]!;
  tarball = path.join(destination, packed.filename);
}, 120_000);

describe('the npm tarball', () => {
  it('holds the compiled code, the rule docs and the schema, and nothing to compile', () => {
    const files = packed.files.map((file) => file.path);
    expect(packed.filename).toBe(`gocop-${manifest.version}.tgz`);
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/gocop.js', 'bin/gocop-lsp.js', 'dist/src/cli/main.js', 'dist/server/main.js', 'dist/rules/index.js', 'dist/src/driver/worker.js', 'schema/gocop.schema.json', 'docs/configuration.md']) {
      expect(files, needed).toContain(needed);
    }
    for (const rule of allRules) expect(files).toContain(`docs/rules/${rule.id}.md`);
    expect(files.filter((file) => /\.ts$|\.map$|^(test|testdata|examples|scripts|editors|node_modules)\//.test(file))).toEqual([]);
    expect(packed.size, 'the tarball should stay small').toBeLessThan(400_000);
  });

  it('does not compile anything when installed', () => {
    expect(manifest.scripts.postinstall).toBeUndefined();
    expect(manifest.scripts.install).toBeUndefined();
    expect(manifest.scripts.prepare).toBe('npm run build');
    expect(manifest.dependencies.typescript).toBeUndefined();
  });

  it('installs into an empty prefix with npm install -g, then lints and serves LSP from there', async () => {
    const prefix = temporaryDirectory('gocop-prefix-');
    await run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], prefix);
    const installed = path.join(prefix, 'lib/node_modules/gocop');
    expect(fs.existsSync(path.join(installed, 'node_modules/typescript'))).toBe(false);
    const gocop = path.join(prefix, 'bin/gocop');

    const version = await run(gocop, ['--version'], prefix);
    expect(version.stdout).toBe(`gocop ${manifest.version}\n`);

    // The examples of this checkout, linted by the installed copy: it exits 1 because it finds the incidents.
    const lint = await run(gocop, ['--no-cache', path.join(repositoryRoot, 'examples/incidents/...')], prefix).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in lint ? lint.code : 0, lint.stderr).toBe(1);
    for (const rule of ['nil-deref-after-check', 'map-range-write-race', 'expensive-call-in-loop', 'http-client-no-timeout', 'http-server-no-timeout', 'retry-without-backoff']) {
      expect(lint.stdout).toContain(`(${rule})`);
    }
    expect(lint.stdout).toMatch(/^9 findings in 10 files$/m);

    const client = await startClient({ bin: path.join(installed, 'bin/gocop.js') });
    try {
      expect(client.initializeResult.capabilities).toMatchObject({ textDocumentSync: { openClose: true } });
      expect(await client.request('shutdown', null)).toBeNull();
    } finally {
      await client.stop();
    }
  }, 300_000);
});

describe('release notes and the home page', () => {
  it('CHANGELOG.md follows Keep a Changelog, with an Unreleased section or one for this version', () => {
    const changelog = fs.readFileSync(path.join(repositoryRoot, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/^# Changelog\n/);
    expect(changelog).toContain('[Keep a Changelog]');
    const sections = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map((match) => match[1]);
    expect(sections.length).toBeGreaterThan(0);
    expect(sections.includes('Unreleased') || sections.includes(manifest.version)).toBe(true);
    for (const heading of changelog.matchAll(/^### (.+)$/gm)) expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(heading[1]);
  });

  it('names the home page only in package.json: the code builds every link from it', () => {
    expect(manifest.homepage).toMatch(/^https:\/\//);
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(repositoryRoot, dir), { withFileTypes: true })) {
        const relative = `${dir}/${entry.name}`;
        if (entry.isDirectory()) visit(relative);
        else if (/\.(ts|mjs|js)$/.test(entry.name) && fs.readFileSync(path.join(repositoryRoot, relative), 'utf8').includes(manifest.homepage)) offenders.push(relative);
      }
    };
    for (const dir of ['src', 'server', 'rules', 'scripts', 'bin']) visit(dir);
    expect(offenders).toEqual([]);
  });
});
