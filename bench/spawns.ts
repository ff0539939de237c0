import { plan } from '../core/plan/plan';
import type { PlanStep } from '../core/plan/types';
import { TopologySchema, type Topology } from '../core/topology/schema';
import { applyPlan } from '../agent/apply/apply-plan';
import { readHost } from '../agent/discovery/read-host';
import { FreebsdEmulator } from '../agent/emulator/emulator';

// Process spawns for building a 100-jail network from nothing: Patchbay's plan, executed on the
// emulator (one process per command), against one call per setting for the same plan.

export function hundredJails(count = 100): Topology {
  const host = {
    kind: 'host' as const,
    id: 'host',
    hostname: 'bench.example.org',
    forwarding: { ipv4: true, ipv6: false },
    interfaces: [
      {
        kind: 'bridge' as const,
        id: 'host:bridge0',
        name: 'bridge0',
        addresses: ['10.0.0.1/16'],
        members: Array.from({ length: count }, (_, i) => `host:e${i}a`),
      },
      ...Array.from({ length: count }, (_, i) => ({
        kind: 'epair' as const,
        id: `host:e${i}a`,
        name: `e${i}a_j${i}`,
        end: 'a' as const,
        peer: `j${i}:e${i}b`,
      })),
    ],
  };
  const jails = Array.from({ length: count }, (_, i) => ({
    kind: 'jail' as const,
    id: `j${i}`,
    name: `jail${i}`,
    defaultGateway: { ipv4: '10.0.0.1' },
    interfaces: [
      {
        kind: 'epair' as const,
        id: `j${i}:e${i}b`,
        name: `e${i}b_j${i}`,
        end: 'b' as const,
        peer: `host:e${i}a`,
        addresses: [`10.0.${Math.floor((i + 2) / 250)}.${((i + 2) % 250) + 1}/16`],
      },
    ],
  }));
  return TopologySchema.parse({ format: 'patchbay.topology', version: 2, name: 'bench', stacks: [host, ...jails] });
}

const SETTING_WORDS = new Set([
  'name',
  'mtu',
  'ether',
  'description',
  '-description',
  'inet',
  'inet6',
  'up',
  'down',
  'addm',
  'deletem',
  'vnet.interface',
]);

/** How many commands the same plan takes when every setting is its own call (the naive script). */
function callsOnePerSetting(step: PlanStep): number {
  const words = step.command.argv.filter((w) => SETTING_WORDS.has(w) || w.startsWith('vnet.interface=')).length;
  const isCreate = step.command.argv.includes('create') || step.command.argv[0] === 'jail';
  return Math.max(1, words + (isCreate ? 1 : 0));
}

export async function benchSpawns() {
  const desired = hundredJails();
  const host = new FreebsdEmulator({ hostname: 'bench.example.org', nics: [{ name: 'em0' }] });
  const made = plan((await readHost(host)).topology, desired, { owned: new Set() });
  const before = host.callCount;
  const result = await applyPlan(host, made);
  if (!result.ok) throw new Error(`bench plan failed: ${result.failure?.stderr}`);
  const patchbay = host.callCount - before;
  const naive = made.steps.reduce((sum, step) => sum + callsOnePerSetting(step), 0);
  return { jails: 100, steps: made.steps.length, patchbay, naive, ratio: patchbay / naive };
}
