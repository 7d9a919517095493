// Runs the gocop CLI in-process with captured output, and builds throwaway directories and git
// repositories for CLI tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `gocop ...args` in `cwd`; `io` replaces parts of the environment (the CPU count, say). */
export async function runCli(args: string[], cwd: string, stdin = '', io: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: () => stdin,
    cwd,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    ...io,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary directory (with forward slashes), removed when the process exits. */
const temporaryDirectories: string[] = [];

/** Removes every temporary directory made by this process; registered once, on first use. */
function removeTemporaryDirectories(): void {
  for (const dir of temporaryDirectories) fs.rmSync(dir, { recursive: true, force: true });
}

export function temporaryDirectory(prefix = 'gocop-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  if (temporaryDirectories.length === 0) process.on('exit', removeTemporaryDirectories);
  temporaryDirectories.push(dir);
  return dir.split(path.sep).join('/');
}

/** Writes files (relative path → text) under `root`, creating directories. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

/** Runs git in `cwd` with a fixed identity, returning its standard output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=gocop test', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A temporary git repository holding `files`, committed. */
export function gitRepository(files: Record<string, string>): string {
  const root = temporaryDirectory('gocop-repo-');
  git(root, 'init', '-q');
  writeFiles(root, files);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}
