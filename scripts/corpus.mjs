// Runs gocop over the public Go corpus (see ../shared/corpus/README.md; install it with
// `bash ../shared/corpus/install.sh`) and prints every finding, grouped by rule and corpus root, with
// the time taken. Vendor and testdata folders are skipped, as in any recursive run.
// Usage: npm run corpus -- [--rules ID[,ID]] [--roots stdlib,docker,containerd,netlink] [--json FILE]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOTS = {
  stdlib: '/usr/share/go-1.19/src',
  docker: '/usr/share/gocode/src/github.com/docker/docker',
  containerd: '/usr/share/gocode/src/github.com/containerd/containerd',
  netlink: '/usr/share/gocode/src/github.com/vishvananda/netlink',
};
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rules: { type: 'string' }, roots: { type: 'string' }, json: { type: 'string' } } });
const chosen = values.roots ? values.roots.split(',') : Object.keys(ROOTS);
const all = [];
for (const name of chosen) {
  const dir = ROOTS[name];
  if (!dir || !fs.existsSync(dir)) {
    console.error(`corpus root ${name} is not installed; run: bash ../shared/corpus/install.sh`);
    process.exit(2);
  }
  const args = [path.join(root, 'bin/gocop.js'), '--no-cache', '--format', 'json', './...'];
  if (values.rules) args.push('--rules', values.rules);
  const started = Date.now();
  const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0 && run.status !== 1) {
    console.error(`${name}: gocop exited ${run.status}\n${run.stderr.slice(0, 4000)}`);
  }
  let output;
  try {
    output = JSON.parse(run.stdout);
  } catch {
    console.error(`${name}: no JSON output`);
    continue;
  }
  const findings = output.findings.filter((finding) => finding.ruleId !== 'syntax-error');
  console.log(`## ${name} (${dir}): ${output.filesLinted} files, ${findings.length} findings, ${output.errors.length} errors, ${seconds}s, exit ${run.status}`);
  for (const error of output.errors.filter((candidate) => candidate.kind !== 'skipped')) console.log(`  error: ${error.message}`);
  for (const finding of findings) {
    console.log(`  ${finding.ruleId}  ${name}/${finding.file}:${finding.line}:${finding.column}: ${finding.message}`);
    all.push({ root: name, ...finding });
  }
}
if (values.json) fs.writeFileSync(values.json, JSON.stringify(all, null, 2));
const byRule = new Map();
for (const finding of all) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
console.log(`\ntotal: ${all.length} findings ${JSON.stringify(Object.fromEntries(byRule))}`);
