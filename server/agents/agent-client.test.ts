import { describe, expectTypeOf, it } from 'vitest';
import type { ApplyProgressEvent } from '../../core/wire/apply-progress';
import type { WireCounterSample } from '../../core/wire/counters';
import type { subscribeAgent } from './agent-client';

// subscribeAgent is typed by procedure: its input comes from the agent's router and its events from
// the wire contract, so neither the relay nor the routers re-declare them. Checked by tsc.

type Events<P extends Parameters<typeof subscribeAgent>[1]> =
  ReturnType<typeof subscribeAgent<P>> extends AsyncGenerator<{ data: infer D }> ? D : never;
type Input<P extends Parameters<typeof subscribeAgent>[1]> = Parameters<typeof subscribeAgent<P>>[2];

describe('subscribeAgent types', () => {
  it("yields the contract's event of each stream and takes that stream's input", () => {
    expectTypeOf<Events<'counters.stream'>>().toEqualTypeOf<WireCounterSample>();
    expectTypeOf<Events<'plan.applyProgress'>>().toEqualTypeOf<ApplyProgressEvent>();
    expectTypeOf<Parameters<typeof subscribeAgent>[1]>().toEqualTypeOf<'counters.stream' | 'plan.applyProgress'>();
    expectTypeOf<{ applyId: string }>().toExtend<Input<'plan.applyProgress'>>();
    expectTypeOf<{ lastEventId: string }>().toExtend<Input<'counters.stream'>>();
    expectTypeOf<{ planId: string }>().not.toExtend<Input<'plan.applyProgress'>>();
  });
});
