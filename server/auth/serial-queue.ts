// Password checks one at a time: scrypt takes 32 MiB and about half a second each, so sixty at once
// took sixty times the memory and starved everything else. Requests queue; when `maxPending` are
// running or waiting already, a new one is refused at once, before any hashing.

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(readonly maxPending = 4) {}

  /** Runs `task` after every task before it; `null` (and `task` never runs) when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T> | null {
    if (this.pending >= this.maxPending) return null;
    this.pending++;
    const result = this.tail.then(task).finally(() => this.pending--);
    // The next task waits for this one to settle, whether it succeeded or threw.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Running or waiting. */
  get size(): number {
    return this.pending;
  }
}
