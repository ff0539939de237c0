import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bareHost } from '../testing/bare-host';
import type { Interface, Topology } from '../topology/schema';
import { plan } from './plan';
import { takeHostValues } from './take-host-values';

// A refusal names the exact difference and holds back, visibly, the steps it stands for; taking the
// host's values it offers leaves nothing to refuse.

const uplinkOf = (t: Topology) => t.stacks[0]!.interfaces.find((i) => i.name === 'ixl0')!;
const withUplink = (change: (ixl0: Interface) => void) => {
  const design = bareHost();
  change(uplinkOf(design));
  return design;
};
const argv = (t: Topology, d: Topology) => plan(t, d).steps.map((s) => s.command.argv.join(' '));

describe('refusals on the uplink', () => {
  it('changes only the description of the uplink, as that cannot cut the host off, and says so', () => {
    const design = withUplink((ixl0) => delete ixl0.description);
    const made = plan(bareHost(), design);
    expect(made.refusals).toEqual([]);
    expect(made.steps.map((s) => s.command.argv.join(' '))).toEqual(['ifconfig ixl0 -description']);
    expect(made.notes.join('\n')).toMatch(/host\/ixl0 .*only its description changes/);
  });

  it('names each difference and holds the steps back when the MTU differs', () => {
    const design = withUplink((ixl0) => {
      delete ixl0.description;
      ixl0.mtu = 9000;
    });
    const made = plan(bareHost(), design);
    expect(made.steps).toEqual([]);
    expect(made.refusals).toHaveLength(1);
    const refusal = made.refusals[0]!;
    expect(refusal.reason).toContain("the design's ixl0 has MTU 9000; the host's has 1500");
    expect(refusal.reason).toContain("the design's ixl0 has no description; the host's says 'uplink'");
    expect(refusal.reason).toMatch(/can cut the host off/);
    expect(refusal.heldBack?.map((s) => s.command.argv.join(' '))).toEqual(['ifconfig ixl0 mtu 9000 -description']);
    // Only what endangers the host is taken back; the description stays the design's to change.
    expect(refusal.takeHostValues).toEqual({ stack: '', interface: 'ixl0', values: { mtu: 1500 } });
    const fixed = takeHostValues(design, refusal.takeHostValues!);
    if (!fixed.ok) throw new Error(fixed.error);
    expect(plan(bareHost(), fixed.topology).refusals).toEqual([]);
    expect(argv(bareHost(), fixed.topology)).toEqual(['ifconfig ixl0 -description']);
  });

  it('names the addresses when the design readdresses the uplink', () => {
    const design = withUplink((ixl0) => (ixl0.addresses = ['192.168.1.11/24']));
    const [refusal] = plan(bareHost(), design).refusals;
    expect(refusal?.reason).toContain(
      'the design gives ixl0 192.168.1.11/24; the host has 192.168.1.10/24. Patchbay will not readdress it',
    );
    expect(refusal?.heldBack?.map((s) => s.phase)).toEqual(['address-remove', 'configure']);
  });

  it('names a foreign interface, offers adopting it by its key, and the host values leave nothing to do', () => {
    const host = bareHost([
      { kind: 'bridge', id: 'host:bridge9', name: 'bridge9', members: [], mtu: 1500, description: 'by hand' },
    ]);
    const design = bareHost([{ kind: 'bridge', id: 'b9', name: 'bridge9', members: [], mtu: 9000, up: true }]);
    const [refusal] = plan(host, design).refusals;
    expect(refusal).toMatchObject({ subject: 'host/bridge9', override: 'adopt', adoptKey: '/bridge9' });
    expect(refusal?.reason).toContain("the design's bridge9 has no description; the host's says 'by hand'");
    const fixed = takeHostValues(design, refusal!.takeHostValues!);
    if (!fixed.ok) throw new Error(fixed.error);
    expect(plan(host, fixed.topology)).toMatchObject({ steps: [], refusals: [] });
    expect(plan(host, design, { owned: new Set(), adopt: new Set([refusal!.adoptKey!]) }).refusals).toEqual([]);
  });

  it('for any MTU, description and state of the uplink: refused exactly when more than its description differs, and taking the host values always clears it', () => {
    fc.assert(
      fc.property(
        fc.option(
          fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.startsWith('patchbay')),
          { nil: undefined },
        ),
        fc.constantFrom(1500, 9000),
        fc.boolean(),
        (description, mtu, up) => {
          const design = withUplink((ixl0) => {
            if (description === undefined) delete ixl0.description;
            else ixl0.description = description;
            ixl0.mtu = mtu;
            ixl0.up = up;
          });
          const made = plan(bareHost(), design);
          const dangerous = mtu !== 1500 || up !== true;
          expect(made.refusals.length > 0).toBe(dangerous);
          if (!dangerous) return;
          const fixed = takeHostValues(design, made.refusals[0]!.takeHostValues!);
          if (!fixed.ok) throw new Error(fixed.error);
          expect(plan(bareHost(), fixed.topology).refusals).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('takeHostValues', () => {
  it('says which interface it could not find', () => {
    const result = takeHostValues(bareHost(), { stack: 'www', interface: 'lo0', values: { up: true } });
    expect(result).toEqual({ ok: false, error: expect.stringContaining('jail www/lo0') });
  });

  it('clears a field the host does not have', () => {
    const result = takeHostValues(bareHost(), { stack: '', interface: 'ixl0', values: { description: null } });
    expect(result.ok && uplinkOf(result.topology).description).toBeUndefined();
    expect(uplinkOf(bareHost()).description).toBe('uplink');
  });
});
