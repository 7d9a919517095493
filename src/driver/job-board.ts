// The directories of a parallel lint, shared out among lanes (one per worker thread) in shared memory,
// so a worker takes its next directory itself instead of asking the main thread and waiting for it to
// be scheduled. Neighbouring directories import each other (cmd/compile/internal/ssagen reads ssa),
// and a worker parses a package once for both its lint and its importers (ImportUniverse.share), so
// each lane owns a contiguous run of jobs, in order, of about the same size in bytes. A lane takes the
// front of its own run; once that is empty it takes the back (the far end) of the largest run left, so
// no worker idles while work remains. Jobs are numbers, indices into the caller's list.

/** The shared memory of a board; posted to workers as it is. */
export interface BoardMemory {
  /** A lock word, then per lane: the front and the end (exclusive) of its run, and its current job (-1 for none). */
  state: SharedArrayBuffer;
  /** Cumulative bytes: entry i is the size of jobs 0..i-1. */
  ends: SharedArrayBuffer;
}

const LOCK = 0;
const FIELDS = 3;
const FRONT = 0;
const END = 1;
const CURRENT = 2;

/** Where a lane's field is in the state array. */
function slot(lane: number, field: number): number {
  return 1 + lane * FIELDS + field;
}

export class JobBoard {
  private readonly state: Int32Array;
  private readonly ends: Float64Array;
  readonly lanes: number;

  constructor(readonly memory: BoardMemory) {
    this.state = new Int32Array(memory.state);
    this.ends = new Float64Array(memory.ends);
    this.lanes = (this.state.length - 1) / FIELDS;
  }

  /** Splits jobs of the given sizes, in order, into `lanes` contiguous runs of about the same size: a job goes to the run its middle byte falls in. */
  static split(sizes: number[], lanes: number): JobBoard {
    const memory: BoardMemory = {
      state: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (1 + FIELDS * lanes)),
      ends: new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * (sizes.length + 1)),
    };
    const ends = new Float64Array(memory.ends);
    sizes.forEach((size, index) => (ends[index + 1] = ends[index] + size));
    const total = ends[sizes.length];
    const state = new Int32Array(memory.state);
    for (let lane = 0; lane < lanes; lane++) {
      state[slot(lane, FRONT)] = lane === 0 ? 0 : sizes.length;
      state[slot(lane, CURRENT)] = -1;
    }
    let lane = 0;
    for (let index = 0; index < sizes.length; index++) {
      while (lane < lanes - 1 && ends[index] + sizes[index] / 2 > (total * (lane + 1)) / lanes) state[slot(++lane, FRONT)] = index;
    }
    for (lane = 0; lane < lanes; lane++) state[slot(lane, END)] = lane + 1 < lanes ? state[slot(lane + 1, FRONT)] : sizes.length;
    return new JobBoard(memory);
  }

  /** The next job for `lane` (its current job from now on), or -1 when none is left. */
  take(lane: number): number {
    this.lock();
    try {
      let job = -1;
      if (this.state[slot(lane, FRONT)] < this.state[slot(lane, END)]) {
        job = this.state[slot(lane, FRONT)]++;
      } else {
        let largest = -1;
        let largestBytes = -1;
        for (let other = 0; other < this.lanes; other++) {
          const front = this.state[slot(other, FRONT)];
          const end = this.state[slot(other, END)];
          if (front < end && this.ends[end] - this.ends[front] > largestBytes) {
            largest = other;
            largestBytes = this.ends[end] - this.ends[front];
          }
        }
        if (largest >= 0) job = --this.state[slot(largest, END)];
      }
      this.state[slot(lane, CURRENT)] = job;
      return job;
    } finally {
      this.unlock();
    }
  }

  /** The job `lane` took last and has not finished with a take, or -1. */
  current(lane: number): number {
    return Atomics.load(this.state, slot(lane, CURRENT));
  }

  /** Clears `lane`'s current job, for a worker that stopped, and returns it (-1 for none). */
  release(lane: number): number {
    return Atomics.exchange(this.state, slot(lane, CURRENT), -1);
  }

  /** Whether any lane has jobs left to take. */
  hasJobs(): boolean {
    this.lock();
    try {
      for (let lane = 0; lane < this.lanes; lane++) {
        if (this.state[slot(lane, FRONT)] < this.state[slot(lane, END)]) return true;
      }
      return false;
    } finally {
      this.unlock();
    }
  }

  /** The jobs of each lane's run not yet taken, in order (for tests and diagnostics). */
  runs(): number[][] {
    this.lock();
    try {
      return Array.from({ length: this.lanes }, (_, lane) => {
        const front = this.state[slot(lane, FRONT)];
        return Array.from({ length: this.state[slot(lane, END)] - front }, (_, offset) => front + offset);
      });
    } finally {
      this.unlock();
    }
  }

  // Taking a job holds the lock for a few reads and writes, and happens once per directory, so the lock
  // spins rather than sleeps. Atomics give the reads and writes inside it their order across threads.
  private lock(): void {
    while (Atomics.compareExchange(this.state, LOCK, 0, 1) !== 0) {
      // Another lane is taking a job.
    }
  }

  private unlock(): void {
    Atomics.store(this.state, LOCK, 0);
  }
}
