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

export class ApplyRuns {
  private readonly runs = new Map<string, ApplyRun>();

  /** The run for `id`, started with `begin` if it is not running or finished already. */
  start(id: string, begin: () => Promise<ApplyResult>): ApplyRun {
    const existing = this.runs.get(id);
    if (existing) return existing;
    const run = new ApplyRun();
    this.runs.set(id, run);
    run.result = begin();
    run.result.then(
      () => run.finish(),
      () => run.finish(),
    );
    return run;
  }

  push(id: string, event: ApplyEvent) {
    this.runs.get(id)?.push(event);
  }
}
