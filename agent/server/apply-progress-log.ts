import type { ApplyEvent, ApplyResult } from '../apply/apply-plan';

// An apply keeps running when its watcher disconnects (a half-applied host is worse than a missed
// progress bar). Its events are kept here, so a reconnecting watcher resumes where it stopped.

export class ApplyProgressLog {
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

  /** Resolves once there is an event at index `from`, or the apply has ended. */
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

/** How long a finished apply's events stay for a watcher that reconnects late. */
const KEEP_FINISHED_MS = 10 * 60_000;

export class ApplyProgressLogs {
  private readonly logs = new Map<string, ApplyProgressLog>();

  constructor(private readonly keepFinishedMs = KEEP_FINISHED_MS) {}

  /** The log of apply `id`, which `begin` starts if it is not running or finished already. */
  start(id: string, begin: () => Promise<ApplyResult>): ApplyProgressLog {
    const existing = this.logs.get(id);
    if (existing) return existing;
    const log = new ApplyProgressLog();
    this.logs.set(id, log);
    log.result = begin();
    const forget = (after: number) => {
      const timer = setTimeout(() => this.logs.get(id) === log && this.logs.delete(id), after);
      timer.unref?.();
    };
    log.result.then(
      () => {
        log.finish();
        forget(this.keepFinishedMs);
      },
      () => {
        // Refused or failed to start: nothing ran, so a later attempt must really try again.
        log.finish();
        forget(0);
      },
    );
    return log;
  }

  get(id: string): ApplyProgressLog | undefined {
    return this.logs.get(id);
  }

  get size(): number {
    return this.logs.size;
  }

  push(id: string, event: ApplyEvent) {
    this.logs.get(id)?.push(event);
  }
}
