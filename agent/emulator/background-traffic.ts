import { HOST_VNET, interfacesIn, type HostState } from './state';
import type { TrafficFlow } from './traffic';

// Background chatter: a small flow to the uplink from every addressed, up interface inside a vnet
// jail, so jails an apply creates later also show moving counters in the demo. Whether it goes
// anywhere is left to the path finder: a jail that is not wired to anything stays silent.

const MIN_BYTES_PER_SECOND = 20_000;
const MAX_BYTES_PER_SECOND = 200_000;
/** A typical mix of full-size and small frames; only the order of magnitude matters here. */
const BYTES_PER_PACKET = 800;

/** FNV-1a, 32 bits: the rate depends on the names alone, so it is the same on every run and tick. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const key = (jail: string | undefined, ifname: string) => `${jail ?? ''}/${ifname}`;

/**
 * One flow per interface that is up, has an IPv4 address and is not a loopback, inside a jail with
 * its own vnet. Interfaces that `alongside` already sends from are skipped, so a scripted flow is not
 * topped up by chatter.
 */
export function chatterFlows(state: HostState, alongside: readonly TrafficFlow[] = []): TrafficFlow[] {
  const busy = new Set(alongside.map((flow) => key(flow.from.jail, flow.from.ifname)));
  const owners = new Map<number, string>();
  // A non-vnet child shares its parent's vnet; jids grow, so the first jail seen owns the vnet.
  for (const jail of [...state.jails.values()].sort((a, b) => a.jid - b.jid))
    if (jail.vnet !== HOST_VNET && !owners.has(jail.vnet)) owners.set(jail.vnet, jail.name);
  const flows: TrafficFlow[] = [];
  for (const [vnet, jail] of owners) {
    for (const ifnet of interfacesIn(state, vnet)) {
      if (!ifnet.up || ifnet.kind === 'loopback' || !ifnet.addresses.some((a) => a.family === 4)) continue;
      const id = key(jail, ifnet.name);
      if (busy.has(id)) continue;
      const bytesPerSecond = MIN_BYTES_PER_SECOND + (hash(id) % (MAX_BYTES_PER_SECOND - MIN_BYTES_PER_SECOND + 1));
      flows.push({
        id: `chatter:${id}`,
        from: { jail, ifname: ifnet.name },
        to: 'uplink',
        bytesPerSecond,
        packetsPerSecond: Math.max(1, Math.round(bytesPerSecond / BYTES_PER_PACKET)),
      });
    }
  }
  return flows;
}
