// How the worker pool shares out directories (src/driver/parallel.ts): contiguous runs of about the same
// size, each worker taking its own run in order, then the far end of the largest run left.
import { describe, expect, it } from 'vitest';
import { splitBySize, takeJob, type Job } from '../src/driver/parallel.js';

const job = (index: number, bytes: number): Job => ({ index, dir: `d${index}`, targets: [`${bytes}`], cacheKey: null });
const size = (files: string[]) => Number(files[0]);

describe('sharing out directories', () => {
  it('splits in order into runs of about the same size', () => {
    const queues = splitBySize([job(0, 10), job(1, 10), job(2, 50), job(3, 10), job(4, 20)], 2, size);
    expect(queues.map((queue) => queue.jobs.map((entry) => entry.index))).toEqual([[0, 1, 2], [3, 4]]);
    expect(queues.map((queue) => queue.bytes)).toEqual([70, 30]);
  });

  it('takes from its own run first, then from the far end of the largest run left', () => {
    const queues = splitBySize([job(0, 10), job(1, 10), job(2, 10), job(3, 10), job(4, 10), job(5, 10)], 2, size);
    const order: Array<[number, number | undefined]> = [];
    for (const slot of [1, 1, 1, 1, 0, 1]) order.push([slot, takeJob(queues, slot)?.index]);
    expect(order).toEqual([
      [1, 3],
      [1, 4],
      [1, 5],
      [1, 2],
      [0, 0],
      [1, 1],
    ]);
    expect(takeJob(queues, 0)).toBeUndefined();
  });

  it('gives every job to exactly one worker, whatever the count', () => {
    const jobs = Array.from({ length: 23 }, (_, index) => job(index, (index * 7) % 11));
    for (const count of [1, 2, 3, 8, 30]) {
      const queues = splitBySize(jobs, count, size);
      const taken: number[] = [];
      for (let turn = 0; ; turn++) {
        const next = takeJob(queues, turn % count);
        if (!next) break;
        taken.push(next.index);
      }
      expect(taken.sort((a, b) => a - b)).toEqual(jobs.map((entry) => entry.index));
    }
  });
});
