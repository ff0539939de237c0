import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../core/plan/plan';
import { validTopology } from '../../core/testing/arbitrary-topology';
import { semanticView, type StackView } from '../../core/topology/semantic-view';
import { readHost } from '../discovery/read-host';
import { hostWith, optionsFor } from './emulated-pairs';
import { applyPlan } from './apply-plan';

// Random (actual, desired) pairs on the emulator: build `actual` through commands, plan towards
// `desired`, apply, and read the host again.

/** The desired stacks and interfaces as they are on the host; loopbacks and unconfigured NICs aside. */
function desiredPart(view: Record<string, StackView>, desired: Record<string, StackView>) {
  const out: Record<string, StackView> = {};
  for (const [name, stack] of Object.entries(view)) {
    const interfaces = Object.fromEntries(
      Object.entries(stack.interfaces).filter(
        ([ifname, iface]) =>
          iface.kind !== 'loopback' && (iface.kind !== 'physical' || desired[name]?.interfaces[ifname]),
      ),
    );
    for (const iface of Object.values(interfaces)) delete iface.mac;
    out[name] = { ...stack, interfaces };
  }
  return out;
}

describe('plan and apply on the emulator (properties)', { timeout: 180_000 }, () => {
  it('makes the host equal the desired state, and planning again gives nothing to do', async () => {
    await fc.assert(
      fc.asyncProperty(validTopology, validTopology, async (actual, desired) => {
        const host = await hostWith(actual, desired);
        const before = await readHost(host);
        const options = optionsFor(before, [actual, desired]);
        const first = plan(before.topology, desired, options);
        expect(first.refusals).toEqual([]);
        const result = await applyPlan(host, first);
        expect(result.failure).toBeUndefined();
        const after = await readHost(host);
        const desiredView = semanticView(desired);
        expect(desiredPart(semanticView(after.topology), desiredView)).toEqual(desiredPart(desiredView, desiredView));
        const again = plan(after.topology, desired, optionsFor(after, [actual, desired]));
        expect(again.steps.map((s) => s.summary)).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it('reverts to exactly the state before the apply when the k-th command fails', async () => {
    await fc.assert(
      fc.asyncProperty(validTopology, validTopology, fc.nat(), async (actual, desired, pick) => {
        const host = await hostWith(actual, desired);
        const before = await readHost(host);
        const steps = plan(before.topology, desired, optionsFor(before, [actual, desired])).steps;
        fc.pre(steps.length > 0);
        const k = pick % steps.length;
        host.failCall(k);
        const result = await applyPlan(host, { steps });
        expect(result.ok).toBe(false);
        expect(result.failure?.index).toBe(k);
        expect(result.reverted.filter((r) => !r.ok)).toEqual([]);
        const after = await readHost(host);
        expect(semanticView(after.topology)).toEqual(semanticView(before.topology));
        expect(after.pf).toEqual(before.pf);
        expect(after.owned).toEqual(before.owned);
      }),
      { numRuns: 200 },
    );
  });
});
