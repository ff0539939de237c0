import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ApplyProgressEvent } from '../../core/wire/apply-progress';
import type { CounterStreamEvent } from '../../core/wire/counters';
import { eventOf, type api } from '../trpc-client';

// The browser declares no event type of its own: what its subscriptions deliver is inferred from the
// dashboard's router, which relays the agent's streams typed by the wire contract (core/wire/).
// The type checks run under tsc (npm test's type check stage).

type DataOf<Subscribe> = Subscribe extends (input: never, options: infer Options) => unknown
  ? Options extends { onData?: (value: infer Value) => void }
    ? Value
    : never
  : never;
type CounterData = DataOf<typeof api.hosts.counters.subscribe>;
type ApplyData = DataOf<typeof api.hosts.applyProgress.subscribe>;

describe('subscription events in the browser', () => {
  it("are the contract's types once untracked", () => {
    expectTypeOf<ReturnType<typeof eventOf<CounterData>>>().toEqualTypeOf<CounterStreamEvent>();
    expectTypeOf<ReturnType<typeof eventOf<ApplyData>>>().toEqualTypeOf<ApplyProgressEvent>();
  });

  it('unwraps a tracked event and passes an untracked one as it is', () => {
    const sample = { type: 'sample', id: '7', sample: { seq: 7, time: 14_000, interfaces: {} } } as const;
    const status = { type: 'status', online: false, message: 'The agent did not answer (ECONNREFUSED).' } as const;
    expect(eventOf({ id: '7', data: sample })).toBe(sample);
    expect(eventOf(status)).toBe(status);
    const result = { type: 'result', result: { ok: true, completed: 0, reverted: [], bindings: {} } } as const;
    expect(eventOf({ id: 'result', data: result })).toBe(result);
  });
});
