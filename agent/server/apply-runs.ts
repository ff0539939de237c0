import type { ApplyEvent, ApplyResult } from '../apply/run-plan';

// An apply keeps running when its watcher disconnects (a half-applied host is worse than a missed
// progress bar). Its events are kept here, so a reconnecting watcher resumes where it stopped.

export class ApplyRun {
  readonly log: ApplyEvent[] = [];
  result!: Promise<ApplyResult>;
  private done = false;
  private waiters: (() => void)[] = [];

  push(event: ApplyEvent) {
    this.log.push(event);
    this.wake();
  }

  finish() {
    this.done = true;
    this.wake();
  }

  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves once there is an event at index `from`, or the run has ended. */
  nextEvent(from: number): Promise<void> {
    if (this.log.length > from || this.done) return Promise.resolve();
    return new Promise<void>((resolve) => this.waiters.push(() => void this.nextEvent(from).then(resolve)));
  }

  /** Events from `from` on, as [index, event], until the apply ends or the watcher leaves. */
  async *events(from: number, signal?: AbortSignal): AsyncGenerator<[number, ApplyEvent]> {
    let next = from;
    while (!signal?.aborted) {
      while (next < this.log.length) {
        yield [next, this.log[next]!];
        next++;
      }
      if (this.done) return;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  }
}

/** How long a finished run's events stay for a watcher that reconnects late. */
const KEEP_FINISHED_MS = 10 * 60_000;

export class ApplyRuns {
  private readonly runs = new Map<string, ApplyRun>();

  constructor(private readonly keepFinishedMs = KEEP_FINISHED_MS) {}

  /** The run for `id`, started with `begin` if it is not running or finished already. */
  start(id: string, begin: () => Promise<ApplyResult>): ApplyRun {
    const existing = this.runs.get(id);
    if (existing) return existing;
    const run = new ApplyRun();
    this.runs.set(id, run);
    run.result = begin();
    const forget = (after: number) => {
      const timer = setTimeout(() => this.runs.get(id) === run && this.runs.delete(id), after);
      timer.unref?.();
    };
    run.result.then(
      () => {
        run.finish();
        forget(this.keepFinishedMs);
      },
      () => {
        // Refused or failed to start: nothing ran, so a later attempt must really try again.
        run.finish();
        forget(0);
      },
    );
    return run;
  }

  get(id: string): ApplyRun | undefined {
    return this.runs.get(id);
  }

  get size(): number {
    return this.runs.size;
  }

  push(id: string, event: ApplyEvent) {
    this.runs.get(id)?.push(event);
  }
}
