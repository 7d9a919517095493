// Puts gocop's language server inside the extension: packs the repository's gocop (the same tarball
// `npm pack` makes for npm, from the dist/ that `npm ci` or `npm run build` built at the root) and
// installs it with its production dependencies into server/, where src/launch.ts finds it. tree-sitter
// ships prebuilt binaries for every platform, so one .vsix serves them all. It also copies the license.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repository = path.resolve(extension, '../..');
if (!fs.existsSync(path.join(repository, 'dist/src/cli/main.js'))) {
  console.error('gocop is not built: run npm ci (or npm run build) at the repository root first');
  process.exit(1);
}
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-vscode-'));
try {
  // --ignore-scripts: dist/ is built already, and rebuilding it here would pull it from under anything running it.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: repository, encoding: 'utf8' }));
  const tarball = path.join(scratch, packed[0].filename);
  const server = path.join(extension, 'server');
  fs.rmSync(server, { recursive: true, force: true });
  fs.mkdirSync(server);
  fs.writeFileSync(path.join(server, 'package.json'), `${JSON.stringify({ private: true, description: 'The gocop language server, bundled by scripts/bundle-server.mjs' }, null, 2)}\n`);
  execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', tarball], { cwd: server, stdio: 'inherit' });
  fs.copyFileSync(path.join(repository, 'LICENSE'), path.join(extension, 'LICENSE'));
  console.log(`bundled ${packed[0].filename} into server/`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
