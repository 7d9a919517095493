// Running git for the features that read the repository: `--new-from-rev` (what changed) and SARIF's
// versionControlProvenance (which repository and commit were analysed). git runs with an argument
// list, never through a shell, and its failures come back as one plain line.
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Runs git in the repository at `root` and returns its standard output; throws on failure. */
export function runGit(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, '-c', 'core.quotePath=false', ...args], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The first line git printed on stderr for a failed run, or the error's message. */
export function gitFailure(error: unknown): string {
  const stderr = (error as { stderr?: string | Buffer }).stderr;
  const text = stderr ? String(stderr).trim().split('\n')[0] : '';
  if (text) return text;
  return error instanceof Error ? error.message : String(error);
}

function tryGit(root: string, args: string[]): string | null {
  try {
    return runGit(root, args).trim() || null;
  } catch {
    return null;
  }
}

export interface RepositoryProvenance {
  /** Where the repository lives: its origin remote without credentials, or the local path as a file URI. */
  repositoryUri: string;
  /** The commit checked out, when there is one. */
  revisionId?: string;
  /** The branch checked out, unless HEAD is detached. */
  branch?: string;
}

/**
 * A remote URL as an absolute URI without user name or password: `git@host:owner/repo.git` becomes
 * `ssh://host/owner/repo.git`, and a token in an https URL is dropped.
 */
export function remoteUri(remote: string): string | null {
  const scpLike = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(remote);
  if (scpLike && !/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) return `ssh://${scpLike[1]}/${scpLike[2]}`;
  try {
    const url = new URL(remote);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return null;
  }
}

/** The repository, commit and branch of the git work tree at `root`, or null when git cannot say. */
export function repositoryProvenance(root: string): RepositoryProvenance | null {
  if (tryGit(root, ['rev-parse', '--is-inside-work-tree']) !== 'true') return null;
  const remote = tryGit(root, ['config', '--get', 'remote.origin.url']);
  const repositoryUri = (remote && remoteUri(remote)) ?? pathToFileURL(`${root}/`).href;
  const revisionId = tryGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD']) ?? undefined;
  const branchName = tryGit(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return { repositoryUri, ...(revisionId ? { revisionId } : {}), ...(branchName ? { branch: branchName } : {}) };
}
