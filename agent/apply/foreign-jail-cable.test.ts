import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostAsDesign } from '../../core/editor/host-as-design';
import { TopologySchema, type Topology } from '../../core/topology/schema';
import { validate } from '../../core/validate/validate';
import { readHost } from '../discovery/read-host';
import { createDemoHost } from '../emulator/demo-host';
import { ApplyService } from './apply-service';

// On the demo host, tor-relay is a jail Patchbay did not make (owned-jails.json does not name it).
// A design without it leaves the jail, and with it the cable and bridge it reaches its network by.

/** examples/blog.json without tor-relay, its cable and (with `dropBridge`) the bridge it hangs on. */
function blogWithoutTorRelay(dropBridge: boolean): Topology {
  const t = TopologySchema.parse(JSON.parse(readFileSync('examples/blog.json', 'utf8')));
  t.stacks = t.stacks.filter((s) => !(s.kind === 'jail' && s.name === 'tor-relay'));
  const host = t.stacks.find((s) => s.kind === 'host')!;
  const gone = new Set(
    host.interfaces.filter((i) => i.name === 'e0a_tor_relay' || (dropBridge && i.name === 'bridge1')).map((i) => i.id),
  );
  host.interfaces = host.interfaces
    .filter((i) => !gone.has(i.id))
    .map((i) => (i.kind === 'bridge' ? { ...i, members: i.members.filter((m) => !gone.has(m)) } : i));
  t.intents = t.intents.filter((i) => !JSON.stringify(i).includes('tor'));
  return t;
}

const heldBridgeNote =
  'host/bridge1 stays: jail tor-relay stays (not made by Patchbay) and reaches its network through it. Adopt tor-relay (adopt key "tor-relay") to remove the jail and it.';

async function planApplyImport(design: Topology, adopt: string[] = []) {
  const host = createDemoHost();
  const service = new ApplyService({ executor: host, stateDir: mkdtempSync(join(tmpdir(), 'pb-foreign-')) });
  const plan = await service.plan({ desired: design, adopt });
  expect(plan.refusals).toEqual([]);
  const result = await service.apply(plan.id, 'alice');
  expect(result.failure).toBeUndefined();
  service.confirm(plan.id, 'alice');
  service.dispose();
  const read = await readHost(host);
  const imported = hostAsDesign({ topology: read.topology, pf: read.pf }, 'demo');
  const names = imported.topology.stacks.flatMap((s) =>
    s.interfaces.map((i) => `${s.kind === 'host' ? 'host' : s.name}/${i.name}`),
  );
  return { plan, imported, names };
}

describe('designing away a jail Patchbay did not make', () => {
  for (const dropBridge of [false, true])
    it(`keeps the jail, its cable and its bridge membership${dropBridge ? ', and the bridge' : ''}`, async () => {
      const { plan, imported, names } = await planApplyImport(blogWithoutTorRelay(dropBridge));
      expect(plan.steps.map((s) => s.summary).filter((s) => /tor_relay|bridge1/.test(s))).toEqual([]);
      expect(plan.notes.some((n) => n.includes('e0a_tor_relay') && n.includes('adopt key "tor-relay"'))).toBe(true);
      if (dropBridge) expect(plan.notes).toContain(heldBridgeNote);
      expect(names).toEqual(expect.arrayContaining(['host/bridge1', 'host/e0a_tor_relay', 'tor-relay/e0b_tor_relay']));
      const bridge1 = imported.topology.stacks[0]!.interfaces.find((i) => i.name === 'bridge1')!;
      const cable = imported.topology.stacks[0]!.interfaces.find((i) => i.name === 'e0a_tor_relay')!;
      expect(bridge1.kind === 'bridge' && bridge1.members).toEqual([cable.id]);
      expect(validate(imported.topology).filter((p) => p.severity === 'error')).toEqual([]);
    });

  it('removes the jail and its cable once the jail is adopted', async () => {
    const { plan, imported, names } = await planApplyImport(blogWithoutTorRelay(false), ['tor-relay']);
    expect(plan.steps.map((s) => s.summary)).toEqual(
      expect.arrayContaining([
        'Remove jail tor-relay',
        'Destroy host/e0a_tor_relay and its other end jail tor-relay/e0b_tor_relay',
      ]),
    );
    expect(names.filter((n) => n.includes('tor'))).toEqual([]);
    expect(validate(imported.topology).filter((p) => p.severity === 'error')).toEqual([]);
  });
});
