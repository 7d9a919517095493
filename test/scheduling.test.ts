// How the worker pool shares out directories (src/driver/job-board.ts): contiguous runs of about the
// same size, each lane taking its own run in order, then the far end of the largest run left.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { JobBoard } from '../src/driver/job-board.js';

describe('sharing out directories', () => {
  it('splits in order into runs of about the same size', () => {
    expect(JobBoard.split([10, 10, 50, 10, 20], 2).runs()).toEqual([[0, 1, 2], [3, 4]]);
    // The middle of the first job lies in the second third.
    expect(JobBoard.split([100, 1, 1], 3).runs()).toEqual([[], [0], [1, 2]]);
    expect(JobBoard.split([], 2).runs()).toEqual([[], []]);
  });

  it('takes from its own run first, then from the far end of the largest run left', () => {
    const board = JobBoard.split([10, 10, 10, 10, 10, 10], 2);
    const order: Array<[number, number]> = [];
    for (const lane of [1, 1, 1, 1, 0, 1]) order.push([lane, board.take(lane)]);
    expect(order).toEqual([
      [1, 3],
      [1, 4],
      [1, 5],
      [1, 2],
      [0, 0],
      [1, 1],
    ]);
    expect(board.current(1)).toBe(1);
    expect(board.take(0)).toBe(-1);
    expect(board.current(0)).toBe(-1);
    expect(board.hasJobs()).toBe(false);
    expect(board.release(1)).toBe(1);
    expect(board.current(1)).toBe(-1);
  });

  it('gives every job to exactly one lane, whatever the count', () => {
    const sizes = Array.from({ length: 23 }, (_, index) => (index * 7) % 11);
    for (const count of [1, 2, 3, 8, 30]) {
      const board = JobBoard.split(sizes, count);
      const taken: number[] = [];
      for (let turn = 0; ; turn++) {
        const next = board.take(turn % count);
        if (next < 0) break;
        taken.push(next);
      }
      expect(taken.sort((a, b) => a - b)).toEqual(sizes.map((_, index) => index));
    }
  });

  it('gives every job to exactly one lane when threads take at the same time', async () => {
    // Four threads race to empty one board through its shared memory (the compiled board, as the lint
    // workers load it); no job is taken twice or lost.
    const sizes = Array.from({ length: 5000 }, (_, index) => 1 + (index % 13));
    const board = JobBoard.split(sizes, 4);
    const ready = new SharedArrayBuffer(4);
    const compiled = pathToFileURL(path.join(import.meta.dirname ?? path.dirname(fileURLToPath(import.meta.url)), '../dist/src/driver/job-board.js')).href;
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      import(workerData.compiled).then(({ JobBoard }) => {
        const board = new JobBoard(workerData.memory);
        // All four start taking at once.
        const ready = new Int32Array(workerData.ready);
        Atomics.add(ready, 0, 1);
        while (Atomics.load(ready, 0) < 4) {}
        const taken = [];
        for (let job = board.take(workerData.lane); job >= 0; job = board.take(workerData.lane)) taken.push(job);
        parentPort.postMessage(taken);
      });
    `;
    const results = await Promise.all(
      [0, 1, 2, 3].map(
        (lane) =>
          new Promise<number[]>((resolve, reject) => {
            const worker = new Worker(source, { eval: true, workerData: { memory: board.memory, lane, compiled, ready } });
            worker.once('message', resolve);
            worker.once('error', reject);
          }),
      ),
    );
    expect(results.flat().sort((a, b) => a - b)).toEqual(sizes.map((_, index) => index));
  });
});
