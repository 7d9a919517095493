// Import resolution like the go command, on the layouts of testdata/modules: a module's own packages,
// `replace` (local, module@version, with a version on the left), vendor/ with modules.txt, a module
// cache with `!`-escaped paths, GOPATH mode, go.work workspaces and GOROOT. Each test names the
// directory an import must resolve to.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareVersions, createResolver, escapeModulePath, gorootOfGoCommand, parseGoMod, parseGoWork, unescapeModulePath, type ResolverEnvironment } from '../src/index/resolve.js';

const modules = path.resolve(__dirname, '../testdata/modules').split(path.sep).join('/');
const modcache = `${modules}/modcache`;
const fakeGoroot = fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-goroot-')).split(path.sep).join('/');
for (const dir of ['src/fmt', 'src/net/http']) fs.mkdirSync(`${fakeGoroot}/${dir}`, { recursive: true });
afterAll(() => fs.rmSync(fakeGoroot, { recursive: true, force: true }));

function resolver(environment: ResolverEnvironment = {}) {
  return createResolver({ goroot: fakeGoroot, gopath: [], gomodcache: modcache, ...environment });
}

describe('a module and its replacements', () => {
  const resolve = resolver();
  const app = `${modules}/replace/app`;

  it('reads a local replace directory', () => {
    expect(resolve.resolve(app, 'example.com/lib/client')).toBe(`${modules}/replace/lib/client`);
  });

  it('reads a module replacement with a version on the left from the module cache', () => {
    expect(resolve.resolve(app, 'example.com/old/queue')).toBe(`${modcache}/example.com/new@v1.2.3/queue`);
  });

  it('skips a replacement for another version than the required one', () => {
    expect(resolve.resolve(app, 'example.com/pinned')).toBe(`${modcache}/example.com/pinned@v1.1.0`);
  });

  it('follows a cached module own go.mod, with upper case escaped', () => {
    const queue = `${modcache}/example.com/new@v1.2.3/queue`;
    expect(resolve.moduleOf(queue)).toMatchObject({ path: 'example.com/new', dir: `${modcache}/example.com/new@v1.2.3` });
    expect(resolve.resolve(queue, 'example.com/Upper/retry')).toBe(`${modcache}/example.com/!upper@v1.2.3/retry`);
  });

  it('names a cached module without go.mod after its directory', () => {
    expect(resolve.moduleOf(`${modcache}/example.com/!upper@v1.2.3/retry`)).toMatchObject({ path: 'example.com/Upper', dir: `${modcache}/example.com/!upper@v1.2.3`, requires: new Map() });
  });

  it('finds the standard library in GOROOT, and nothing for what is not on disk', () => {
    expect(resolve.resolve(app, 'net/http')).toBe(`${fakeGoroot}/src/net/http`);
    expect(resolve.resolve(app, 'crypto/tls')).toBeNull();
    expect(resolve.resolve(app, 'C')).toBeNull();
    expect(resolve.resolve(app, 'example.com/nowhere')).toBeNull();
  });

  it('lists the files that decide resolution', () => {
    expect(resolve.configurationFiles(`${app}`)).toEqual([`${app}/go.mod`]);
    expect(resolve.configurationFiles(`${modules}/vendored/app/worker`)).toEqual([`${modules}/vendored/app/go.mod`, `${modules}/vendored/app/vendor/modules.txt`]);
  });
});

describe('vendor/', () => {
  const resolve = resolver();
  const worker = `${modules}/vendored/app/worker`;

  it('reads a module modules.txt lists from vendor/', () => {
    expect(resolve.resolve(worker, 'github.com/acme/queue')).toBe(`${modules}/vendored/app/vendor/github.com/acme/queue`);
  });

  it('uses whatever vendor/ holds, listed or not', () => {
    expect(resolve.resolve(worker, 'github.com/acme/unlisted/sub')).toBe(`${modules}/vendored/app/vendor/github.com/acme/unlisted/sub`);
  });

  it('falls back to the highest version in the module cache for a module neither vendored nor required', () => {
    expect(resolve.resolve(worker, 'github.com/acme/backoff')).toBe(`${modcache}/github.com/acme/backoff@v0.10.0`);
  });
});

describe('GOPATH mode', () => {
  const gopath = `${modules}/gopath`;
  const tool = `${gopath}/src/github.com/acme/tool`;

  it('reads GOPATH/src, a vendor/ directory of the importer first', () => {
    const resolve = resolver({ gopath: [gopath], go111module: 'off' });
    expect(resolve.resolve(tool, 'github.com/acme/lib')).toBe(`${gopath}/src/github.com/acme/lib`);
    expect(resolve.resolve(tool, 'github.com/other/dep')).toBe(`${tool}/vendor/github.com/other/dep`);
    expect(resolve.resolve(`${gopath}/src/github.com/acme/lib`, 'github.com/other/dep')).toBe(`${gopath}/src/github.com/other/dep`);
  });

  it('counts an ancestor named src as a GOPATH without GOPATH set', () => {
    expect(resolver().resolve(tool, 'github.com/acme/lib')).toBe(`${gopath}/src/github.com/acme/lib`);
  });

  it('ignores go.mod files when GO111MODULE=off', () => {
    const resolve = resolver({ go111module: 'off' });
    expect(resolve.moduleOf(`${modules}/replace/app`)).toBeNull();
    expect(resolve.resolve(`${modules}/replace/app`, 'example.com/lib/client')).toBeNull();
  });
});

describe('go.work', () => {
  const resolve = resolver();
  const handler = `${modules}/workspace/server/handler`;

  it('reads another module of the workspace from its use directory', () => {
    expect(resolve.workspaceOf(`${modules}/workspace/server`)?.uses).toEqual([`${modules}/workspace/api`, `${modules}/workspace/server`]);
    expect(resolve.resolve(handler, 'example.com/api/types')).toBe(`${modules}/workspace/api/types`);
  });

  it('applies the workspace replace directives', () => {
    expect(resolve.resolve(handler, 'example.com/shared')).toBe(`${modules}/workspace/shared`);
  });

  it('is ignored with GOWORK=off', () => {
    const off = resolver({ gowork: 'off' });
    expect(off.workspaceOf(`${modules}/workspace/server`)).toBeNull();
    expect(off.resolve(handler, 'example.com/api/types')).toBeNull();
  });

  it('governs only the modules it uses', () => {
    expect(resolve.workspaceOf(`${modules}/workspace/shared`)).toBeNull();
  });
});

describe('GOROOT', () => {
  it('is GOROOT when set, else what findGoroot says, asked once', () => {
    let asked = 0;
    const resolve = createResolver({ gopath: [], findGoroot: () => (asked++, fakeGoroot) });
    expect(resolve.resolve('/nowhere', 'fmt')).toBe(`${fakeGoroot}/src/fmt`);
    expect(resolve.resolve('/nowhere', 'net/http')).toBe(`${fakeGoroot}/src/net/http`);
    expect(asked).toBe(1);
    expect(createResolver({ goroot: '/no/such/goroot', findGoroot: () => fakeGoroot }).goroot()).toBeNull();
  });

  it.skipIf(process.platform === 'win32')('comes from where the go binary really lives, without running it', () => {
    const bin = `${fakeGoroot}/bin`;
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(`${bin}/go`, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const link = fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-path-'));
    fs.symlinkSync(`${bin}/go`, path.join(link, 'go'));
    try {
      expect(gorootOfGoCommand(link)).toBe(fakeGoroot);
      expect(gorootOfGoCommand('/no/such/dir')).toBeNull();
    } finally {
      fs.rmSync(link, { recursive: true, force: true });
    }
  });
});

describe('go env GOROOT', () => {
  it.skipIf(process.platform === 'win32')('is asked when the go binary does not live in a GOROOT, once per PATH', () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-shim-')).split(path.sep).join('/');
    try {
      // A version-manager shim: a script that only answers go env GOROOT, counting its runs.
      fs.writeFileSync(`${bin}/go`, `#!/bin/sh\necho run >> ${bin}/runs\n[ "$1 $2" = "env GOROOT" ] && echo ${fakeGoroot}\n`, { mode: 0o755 });
      expect(gorootOfGoCommand(bin)).toBe(fakeGoroot);
      expect(gorootOfGoCommand(bin)).toBe(fakeGoroot);
      expect(fs.readFileSync(`${bin}/runs`, 'utf8')).toBe('run\n');
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });
});

describe('hostile trees', () => {
  it('answers null through a symlink loop instead of hanging', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-loop-')).split(path.sep).join('/');
    try {
      fs.writeFileSync(`${root}/go.mod`, 'module example.com/loop\n');
      fs.symlinkSync(`${root}/b`, `${root}/a`);
      fs.symlinkSync(`${root}/a`, `${root}/b`);
      fs.mkdirSync(`${root}/vendor`);
      fs.symlinkSync(`${root}/vendor/x`, `${root}/vendor/y`);
      fs.symlinkSync(`${root}/vendor/y`, `${root}/vendor/x`);
      const resolve = resolver();
      expect(resolve.resolve(root, 'example.com/loop/a')).toBeNull();
      expect(resolve.resolve(root, 'x')).toBeNull();
      expect(resolve.resolve(root, 'example.com/x/y')).toBeNull();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('go.mod and go.work files', () => {
  it('read block and one-line forms, quoted paths and comments', () => {
    const module = parseGoMod('module "example.com/m" // the module\n\nrequire (\n\tgithub.com/a/b v1.0.0 // indirect\n)\nrequire github.com/c/d v0.1.0\nreplace (\n\tgithub.com/a/b v1.0.0 => ./b\n\tgithub.com/c/d => github.com/e/d v0.2.0\n)\n', '/m');
    expect(module.path).toBe('example.com/m');
    expect([...module.requires]).toEqual([['github.com/a/b', 'v1.0.0'], ['github.com/c/d', 'v0.1.0']]);
    expect(module.replaces.get('github.com/a/b')).toEqual([{ fromVersion: 'v1.0.0', to: { dir: '/m/b' } }]);
    expect(module.replaces.get('github.com/c/d')).toEqual([{ to: { path: 'github.com/e/d', version: 'v0.2.0' } }]);
  });

  it('drop a replacement without a version that is not a path', () => {
    expect(parseGoMod('module m\nreplace a => b\n', '/m').replaces.size).toBe(0);
  });

  it('read go.work use directives relative to it', () => {
    expect(parseGoWork('go 1.21\nuse ./a\nuse (\n\t../b\n\t/abs/c\n)\n', '/w/x').uses).toEqual(['/w/x/a', '/w/b', '/abs/c']);
  });
});

describe('module paths and versions', () => {
  it('escape upper case for the module cache and back', () => {
    expect(escapeModulePath('github.com/BurntSushi/toml')).toBe('github.com/!burnt!sushi/toml');
    expect(unescapeModulePath('github.com/!burnt!sushi/toml')).toBe('github.com/BurntSushi/toml');
  });

  it('order semantic versions numerically, releases after pre-releases', () => {
    expect(['v0.10.0', 'v0.9.0', 'v1.0.0-rc1', 'v1.0.0', 'v0.0.0-20200101-abc'].sort(compareVersions)).toEqual(['v0.0.0-20200101-abc', 'v0.9.0', 'v0.10.0', 'v1.0.0-rc1', 'v1.0.0']);
  });
});
