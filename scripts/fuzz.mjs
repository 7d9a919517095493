// Fuzzes the engine with mutated real Go files: byte flips, truncations, deleted and duplicated lines,
// and fragments spliced in from other files. fast-check generates the mutation plans from a seed, so a
// run is reproducible. Each input is linted with every rule in a child process, one at a time; a child
// that dies is a crash, one that spends more than the time limit of CPU on one input is a hang (it is
// killed and replaced), and an exception or an internal error from the engine is a throw. Every such
// input is saved to .fuzz-findings/ with a note of what happened, to be minimised into a regression test
// under testdata/fuzz/regressions/. It does not minimise by itself.
// Usage: npm run fuzz -- [--count N] [--seed S] [--corpus DIR] [--timeout MS] [--out DIR] [--max-seed-bytes N]
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The child: lints each text it is sent and answers with what the engine said. */
async function runChild() {
  const { lintTargets } = await import(path.join(root, 'dist/src/engine/run.js'));
  const { allRules } = await import(path.join(root, 'dist/rules/index.js'));
  const enabled = allRules.map((rule) => ({ rule, severity: rule.severity, options: rule.defaultOptions }));
  process.on('message', ({ id, name, text }) => {
    // A directory that does not exist, so no sibling is read from disk: the package is this file.
    const file = `/gocop-fuzz-nowhere/${name}`;
    try {
      const result = lintTargets([file], { enabled, overrides: new Map([[file, text]]), explicit: new Set([file]) });
      const internal = result.errors.filter((error) => error.kind === 'internal').map((error) => error.message);
      process.send({ id, findings: result.diagnostics.length, internal });
    } catch (error) {
      process.send({ id, thrown: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  process.send({ ready: true });
}

async function runParent() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000' },
      seed: { type: 'string' },
      corpus: { type: 'string', default: '/usr/share/go-1.19/src' },
      timeout: { type: 'string', default: '2000' },
      out: { type: 'string', default: path.join(root, '.fuzz-findings') },
      'max-seed-bytes': { type: 'string', default: '65536' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
  const limitMs = Number(values.timeout);
  const maxSeedBytes = Number(values['max-seed-bytes']);
  if (![count, seed, limitMs, maxSeedBytes].every(Number.isInteger) || count < 1 || limitMs < 1) {
    console.error('fuzz: --count, --seed, --timeout and --max-seed-bytes take whole numbers');
    process.exit(2);
  }
  const { default: fc } = await import('fast-check');
  const seeds = goFilesUnder(values.corpus, maxSeedBytes);
  if (seeds.length < 2) {
    console.error(`fuzz: fewer than two Go files under ${values.corpus}; install the corpus: bash ../shared/corpus/install.sh`);
    process.exit(2);
  }
  console.error(`fuzz: ${count} inputs, seed ${seed}, ${seeds.length} seed files under ${values.corpus}, limit ${limitMs} ms of CPU per input`);

  const plans = fc.sample(planArbitrary(fc), { seed, numRuns: count });
  const runner = new ChildRunner(limitMs);
  const tally = { inputs: 0, crashes: 0, hangs: 0, throws: 0, findings: 0 };
  const started = Date.now();
  for (const [index, plan] of plans.entries()) {
    const input = applyPlan(plan, seeds);
    const outcome = await runner.lint(`fuzz${index}.go`, input.text);
    tally.inputs++;
    if (outcome.kind === 'ok') tally.findings += outcome.findings;
    else {
      tally[outcome.kind === 'crash' ? 'crashes' : outcome.kind === 'hang' ? 'hangs' : 'throws']++;
      const reproduce = `npm run fuzz -- --seed ${seed} --count ${index + 1} --corpus ${values.corpus} --timeout ${limitMs} --max-seed-bytes ${maxSeedBytes}`;
      saveFinding(values.out, { seed, index, input, outcome, reproduce });
      console.error(`fuzz: input ${index}: ${outcome.kind}: ${outcome.detail.split('\n')[0]}`);
    }
    if (!values.quiet && (index + 1) % 500 === 0) {
      console.error(`fuzz: ${index + 1}/${count} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  runner.close();
  console.log(`${tally.inputs} inputs, ${tally.crashes} crashes, ${tally.hangs} hangs, ${tally.throws} throws (seed ${seed}, ${tally.findings} findings, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  process.exitCode = tally.crashes + tally.hangs + tally.throws > 0 ? 1 : 0;
}

/** A mutation plan: a seed file and one to four mutations. Positions are fractions of the current length. */
function planArbitrary(fc) {
  const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('flip'), at: fraction, bit: fc.integer({ min: 0, max: 7 }), times: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('truncate'), at: fraction }),
    fc.record({ kind: fc.constant('delete-lines'), at: fraction, lines: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ kind: fc.constant('duplicate-lines'), at: fraction, lines: fc.integer({ min: 1, max: 30 }), times: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant('splice'), other: fc.nat(), from: fraction, length: fc.integer({ min: 1, max: 2000 }), at: fraction }),
    fc.record({ kind: fc.constant('insert-token'), at: fraction, token: fc.constantFrom('{', '}', '(', ')', '"', '`', '/*', '*/', '\n', 'nil', 'go ', 'defer ', 'func() {', '}()', ':=', '...', '\u00a0', '\ufeff', '\\') }),
  );
  return fc.record({ file: fc.nat(), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) });
}

/** Applies a plan to its seed file; the result keeps a description of each step for the note. */
function applyPlan(plan, seeds) {
  const seedFile = seeds[plan.file % seeds.length];
  let bytes = fs.readFileSync(seedFile);
  const steps = [];
  for (const mutation of plan.mutations) {
    const at = Math.floor(mutation.at * (bytes.length + 1));
    switch (mutation.kind) {
      case 'flip': {
        bytes = Buffer.from(bytes);
        for (let index = 0; index < mutation.times && at + index < bytes.length; index++) bytes[at + index] ^= 1 << mutation.bit;
        steps.push(`flip bit ${mutation.bit} of ${mutation.times} bytes at ${at}`);
        break;
      }
      case 'truncate':
        bytes = bytes.subarray(0, at);
        steps.push(`truncate at ${at}`);
        break;
      case 'delete-lines':
      case 'duplicate-lines': {
        const lines = bytes.toString('latin1').split('\n');
        const line = Math.floor(mutation.at * lines.length);
        const removed = lines.splice(line, mutation.lines);
        if (mutation.kind === 'duplicate-lines') lines.splice(line, 0, ...Array.from({ length: mutation.times + 1 }, () => removed).flat());
        bytes = Buffer.from(lines.join('\n'), 'latin1');
        steps.push(`${mutation.kind === 'delete-lines' ? 'delete' : `repeat ${mutation.times + 1}x`} ${mutation.lines} lines at line ${line + 1}`);
        break;
      }
      case 'splice': {
        const otherFile = seeds[mutation.other % seeds.length];
        const other = fs.readFileSync(otherFile);
        const from = Math.floor(mutation.from * other.length);
        const fragment = other.subarray(from, from + mutation.length);
        bytes = Buffer.concat([bytes.subarray(0, at), fragment, bytes.subarray(at)]);
        steps.push(`splice ${fragment.length} bytes of ${otherFile} (from ${from}) at ${at}`);
        break;
      }
      case 'insert-token': {
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(mutation.token), bytes.subarray(at)]);
        steps.push(`insert ${JSON.stringify(mutation.token)} at ${at}`);
        break;
      }
    }
  }
  // Decoded leniently: the engine must cope with whatever text an editor hands it, replacement
  // characters included (the CLI itself skips files that are not valid UTF-8).
  return { seedFile, steps, bytes, text: new TextDecoder('utf-8').decode(bytes) };
}

/** Lints texts in a child process, replacing it after a crash or a hang. */
class ChildRunner {
  constructor(limitMs) {
    this.limitMs = limitMs;
    this.child = null;
    this.nextId = 0;
  }

  async start() {
    const child = fork(fileURLToPath(import.meta.url), ['--child'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderrText = '';
    child.stderr.on('data', (chunk) => {
      child.stderrText = (child.stderrText + chunk).slice(-4000);
    });
    await new Promise((resolve, reject) => {
      child.once('message', (message) => (message.ready ? resolve() : reject(new Error('fuzz child did not start'))));
      child.once('exit', (code) => reject(new Error(`fuzz child exited with ${code} before starting: ${child.stderrText}`)));
    });
    this.child = child;
  }

  /** Lints one text: ok, crash (the child died), hang (over the CPU limit) or throw. */
  async lint(name, text) {
    if (!this.child) await this.start();
    const child = this.child;
    const id = this.nextId++;
    const cpuAtStart = cpuMillisecondsOf(child.pid);
    const wallStart = Date.now();
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome) => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (message) => {
        if (message.id !== id) return;
        if (message.thrown) finish({ kind: 'throw', detail: message.thrown });
        else if (message.internal.length > 0) finish({ kind: 'throw', detail: message.internal.join('\n') });
        else finish({ kind: 'ok', findings: message.findings });
      };
      const onExit = (code, signal) => {
        this.child = null;
        finish({ kind: 'crash', detail: `the engine process died (${signal ?? `exit ${code}`}): ${child.stderrText.trim()}` });
      };
      // CPU time, not wall time, decides: the machine may be busy. Wall time over ten limits is a hang too.
      const timer = setInterval(() => {
        const cpu = cpuAtStart === null ? null : (cpuMillisecondsOf(child.pid) ?? 0) - cpuAtStart;
        const wall = Date.now() - wallStart;
        if ((cpu ?? wall) > this.limitMs || wall > 10 * this.limitMs) {
          child.off('exit', onExit);
          child.kill('SIGKILL');
          this.child = null;
          finish({ kind: 'hang', detail: `no answer after ${cpu ?? wall} ms of ${cpu === null ? 'wall' : 'CPU'} time (${wall} ms wall); killed` });
        }
      }, 100);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ id, name, text });
    });
  }

  close() {
    this.child?.kill();
  }
}

/** User plus system CPU time of a process in milliseconds, from /proc; null where there is no /proc. */
function cpuMillisecondsOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** The .go files under a directory (testdata included: odd files make good seeds), sorted for reproducibility. */
function goFilesUnder(dir, maxBytes) {
  const found = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile() && entry.name.endsWith('.go')) {
        try {
          if (fs.statSync(full).size <= maxBytes) found.push(full);
        } catch {
          // unreadable: not a seed
        }
      }
    }
  }
  return found.sort();
}

function saveFinding(out, { seed, index, input, outcome, reproduce }) {
  fs.mkdirSync(out, { recursive: true });
  const base = path.join(out, `${outcome.kind}-seed${seed}-input${index}`);
  fs.writeFileSync(`${base}.go`, input.bytes);
  const note = [
    `what: ${outcome.kind}`,
    `seed file: ${input.seedFile}`,
    `mutations: ${input.steps.join('; ')}`,
    `reproduce: ${reproduce} (the last input is this one)`,
    '',
    outcome.detail,
    '',
  ].join('\n');
  fs.writeFileSync(`${base}.txt`, note);
}

if (process.argv[2] === '--child') await runChild();
else await runParent();
