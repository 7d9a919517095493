// `npm run bench`: lints a Go corpus and prints parse-only time, cold full-lint time with 1 and N
// workers, warm (cached) time, peak RSS, and the ratios between them. Each measurement runs in its own
// process; with --repeat K, K rounds of all of them run one after the other, the best time of each kind
// is printed, and so is the median of the ratios taken within each round. The default corpus is the
// Go standard library (bash ../shared/corpus/install.sh).
// Usage: npm run bench -- [--root DIR] [--jobs N] [--repeat K]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { root: { type: 'string', default: '/usr/share/go-1.19/src' }, jobs: { type: 'string', default: String(os.availableParallelism()) }, repeat: { type: 'string', default: '1' } } });
const corpus = path.resolve(values.root);
if (!fs.existsSync(corpus)) {
  console.error(`corpus ${corpus} not found; install it with: bash ../shared/corpus/install.sh`);
  process.exit(2);
}
const jobs = Number(values.jobs);
const repeat = Math.max(1, Number(values.repeat));
const { discoverTargets } = await import(path.join(root, 'dist/src/cli/discover.js'));
const { targets } = discoverTargets(['./...'], corpus);
let bytes = 0;
let lines = 0;
for (const file of targets) {
  const text = fs.readFileSync(file, 'utf8');
  bytes += Buffer.byteLength(text);
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
}

function runChild(args) {
  const output = execFileSync(process.execPath, [path.join(root, 'scripts/bench-child.mjs'), '--root', corpus, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(output.trim().split('\n').pop());
}

/** The faster of two results (null counts as slowest). */
function best(a, b) {
  return !a || b.seconds < a.seconds ? b : a;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gocop-bench-cache-'));
try {
  console.log(`corpus: ${corpus}`);
  console.log(`files: ${targets.length}, ${(bytes / 1e6).toFixed(1)} MB, ${lines.toLocaleString('en-US')} lines; workers: ${jobs}; best of ${repeat}`);
  // The measurements run in rounds (parse, 1 worker, N workers, warm), so that a slow spell of the
  // machine hits one round, not every run of one kind: each round's ratios compare like with like.
  let parse1 = null;
  let lint1 = null;
  let lintN = null;
  let warm = null;
  const rounds = [];
  for (let round = 0; round < repeat; round++) {
    const parse = runChild(['--mode', 'parse']);
    const one = runChild(['--mode', 'lint', '--jobs', '1']);
    const many = runChild(['--mode', 'lint', '--jobs', String(jobs)]);
    fs.rmSync(cacheDir, { recursive: true, force: true });
    runChild(['--mode', 'lint', '--jobs', String(jobs), '--cache-dir', cacheDir]);
    const cached = runChild(['--mode', 'lint', '--jobs', String(jobs), '--cache-dir', cacheDir]);
    rounds.push({ ratio: one.seconds / parse.seconds, speedUp: one.seconds / many.seconds, warm: cached.seconds / many.seconds });
    parse1 = best(parse1, parse);
    lint1 = best(lint1, one);
    lintN = best(lintN, many);
    warm = best(warm, cached);
  }
  const row = (name, result) => console.log(`${name.padEnd(34)} ${result.seconds.toFixed(2).padStart(7)} s   peak RSS ${String(result.maxRssMb).padStart(5)} MB${result.findings !== undefined ? `   ${result.findings} findings, ${result.errors} internal errors` : ''}`);
  row('parse only, 1 worker', parse1);
  row('full lint, cold, 1 worker', lint1);
  row(`full lint, cold, ${jobs} workers`, lintN);
  row(`full lint, warm (cache), ${jobs} workers`, warm);
  const peak = Math.max(parse1.maxRssMb, lint1.maxRssMb, lintN.maxRssMb, warm.maxRssMb);
  console.log(`peak RSS: ${peak} MB`);
  console.log(`ratio full / parse-only (1 worker): ${(lint1.seconds / parse1.seconds).toFixed(2)}   (target <= 1.3)`);
  console.log(`speed-up ${jobs} workers / 1 worker: ${(lint1.seconds / lintN.seconds).toFixed(2)}   (target >= 1.7 with 2 workers)`);
  console.log(`warm / cold (${jobs} workers): ${(warm.seconds / lintN.seconds).toFixed(3)}   (target <= 0.10; ${warm.cacheHits} cache hits)`);
  if (repeat > 1) {
    const list = (key, digits) => rounds.map((round) => round[key].toFixed(digits)).join(', ');
    console.log(`per round (the same machine conditions), median: ratio ${median(rounds.map((round) => round.ratio)).toFixed(2)} [${list('ratio', 2)}], speed-up ${median(rounds.map((round) => round.speedUp)).toFixed(2)} [${list('speedUp', 2)}], warm / cold ${median(rounds.map((round) => round.warm)).toFixed(3)}`);
  }
} finally {
  fs.rmSync(cacheDir, { recursive: true, force: true });
}
