// `--shard I/N`: which packages one of N CI machines lints. The package (a directory, with its _test
// files and external test package) is the unit, so a package's findings are the same in every shard.
// A package goes to the shard picked by a hash of its directory relative to the working directory, so
// adding files or packages never moves the others. It does not balance the shards by size.
import crypto from 'node:crypto';
import path from 'node:path';
import { UsageError } from './args.js';

/** One shard of N, 1-based as written on the command line (`--shard 2/3`). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `I/N` with 1 ≤ I ≤ N; throws a UsageError naming what is wrong. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match) throw new UsageError(`--shard takes I/N, such as 1/3, not ${value}`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new UsageError(`--shard ${value}: the number of shards must be at least 1`);
  if (index < 1 || index > count) throw new UsageError(`--shard ${value}: the shard must be between 1 and ${count}`);
  return { index, count };
}

/** The shard (1-based) a package directory belongs to; `relativeDir` uses forward slashes, `.` for the working directory. */
export function shardOfDirectory(relativeDir: string, count: number): number {
  const digest = crypto.createHash('sha256').update(relativeDir).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** The targets (absolute, forward slashes) whose package directory belongs to `shard`. */
export function selectShard(targets: readonly string[], shard: Shard, cwd: string): string[] {
  const verdicts = new Map<string, boolean>();
  return targets.filter((target) => {
    const dir = path.posix.dirname(target);
    let inShard = verdicts.get(dir);
    if (inShard === undefined) {
      const relative = path.posix.relative(cwd, dir) || '.';
      inShard = shardOfDirectory(relative, shard.count) === shard.index;
      verdicts.set(dir, inShard);
    }
    return inShard;
  });
}

/** The number of package directories among the targets. */
export function countDirectories(targets: readonly string[]): number {
  return new Set(targets.map((target) => path.posix.dirname(target))).size;
}
