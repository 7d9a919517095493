// A unified diff of two texts, as `diff -u` and `git diff` print it, for `gocop --fix --diff`. Lines
// are compared whole, with their line endings; the shortest edit script comes from Myers' O(ND)
// algorithm, run on what is left after the common first and last lines are set aside, so a few
// local fixes in a long file cost little.

type Step = { kind: ' ' | '-' | '+'; line: string };

/** The file's lines, each with its line ending (the last may have none). */
function splitLines(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

/** The steps that turn `a` into `b`: kept, deleted and inserted lines in order. */
function diffLines(a: string[], b: string[]): Step[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const middleA = a.slice(prefix, a.length - suffix);
  const middleB = b.slice(prefix, b.length - suffix);
  return [
    ...a.slice(0, prefix).map((line): Step => ({ kind: ' ', line })),
    ...myers(middleA, middleB),
    ...a.slice(a.length - suffix).map((line): Step => ({ kind: ' ', line })),
  ];
}

/** Myers' greedy shortest edit script, keeping each round's frontier to walk back along. */
function myers(a: string[], b: string[]): Step[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let frontier: Int32Array = new Int32Array(2 * max + 3);
  const rounds: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    rounds.push(frontier.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!) ? frontier[offset + k + 1]! : frontier[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      frontier[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    frontier = rounds[d]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!) ? k + 1 : k - 1;
    const previousX = frontier[offset + previousK]!;
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      steps.push({ kind: ' ', line: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === previousX) steps.push({ kind: '+', line: b[previousY]! });
      else steps.push({ kind: '-', line: a[previousX]! });
    }
    x = previousX;
    y = previousY;
  }
  return steps.reverse();
}

function printLine(step: Step): string {
  return step.line.endsWith('\n') ? `${step.kind}${step.line}` : `${step.kind}${step.line}\n\\ No newline at end of file\n`;
}

function range(start: number, count: number): string {
  // An empty side is numbered by the line before it, as diff does.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/** `--- a/<name>` / `+++ b/<name>` and hunks with `context` lines around each change; '' when equal. */
export function unifiedDiff(name: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const steps = diffLines(splitLines(before), splitLines(after));
  const changed = steps.map((step, index) => (step.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(steps.length, index + context + 1);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else hunks.push([start, end]);
  }
  let out = `--- a/${name}\n+++ b/${name}\n`;
  let oldLine = 0;
  let newLine = 0;
  let position = 0;
  for (const [start, end] of hunks) {
    for (; position < start; position++) {
      if (steps[position]!.kind !== '+') oldLine++;
      if (steps[position]!.kind !== '-') newLine++;
    }
    const body = steps.slice(start, end);
    const oldCount = body.filter((step) => step.kind !== '+').length;
    const newCount = body.filter((step) => step.kind !== '-').length;
    out += `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@\n${body.map(printLine).join('')}`;
    oldLine += oldCount;
    newLine += newCount;
    position = end;
  }
  return out;
}
