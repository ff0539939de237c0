import { generatedMac, randomBytes, zeroCounters, type HostState, type Ifnet, type IfKind } from '../state';
import { abort } from './output';

const IFNAMSIZ = 16;

function occupied(state: HostState, name: string): boolean {
  for (const ifnet of state.ifnets.values()) if (ifnet.name === name) return true;
  return false;
}

function blank(state: HostState, kind: IfKind, name: string, vnet: number): Ifnet {
  return { index: state.nextIndex++, name, kind, vnet, homeVnet: vnet, up: false, mtu: 1500, addresses: [], members: [], counters: zeroCounters() };
}

/**
 * `ifconfig bridge[N] create` / `ifconfig epair[N] create` (§1.1). Returns the interface made and
 * the name ifconfig prints: only when it differs from the one asked for.
 */
export function cloneCreate(state: HostState, vnet: number, requested: string): { created: Ifnet; printed?: string } {
  if (requested.length >= IFNAMSIZ) abort('ifconfig', `${requested}: cloning name too long`);
  const match = /^(bridge|epair|lo)([0-9]*)$/.exec(requested);
  // Only the cloners the agent meets exist here; ifconfig's wording for an unknown cloner was not
  // found in the reference, so this message is ours.
  if (!match) abort('ifconfig', `SIOCIFCREATE2 (${requested}): Invalid argument`);
  const [, cloner, unitText] = match as unknown as [string, 'bridge' | 'epair' | 'lo', string];
  const taken = (unit: number) =>
    cloner === 'epair' ? occupied(state, `epair${unit}a`) || occupied(state, `epair${unit}b`) : occupied(state, `${cloner}${unit}`);
  let unit: number;
  if (unitText !== '') {
    unit = Number(unitText);
    if (taken(unit)) abort('ifconfig', `interface ${requested} already exists`);
  } else {
    for (unit = 0; taken(unit); unit++);
  }
  if (cloner === 'lo') {
    const loopback = { ...blank(state, 'loopback', `lo${unit}`, vnet), mtu: 16384 };
    state.ifnets.set(loopback.index, loopback);
    return { created: loopback, ...(loopback.name !== requested ? { printed: loopback.name } : {}) };
  }
  if (cloner === 'bridge') {
    // ifconfig loads if_bridge for the first bridge; its net.link.bridge.* sysctls appear then (§8).
    state.modules.add('if_bridge');
    const bridge = { ...blank(state, 'bridge', `bridge${unit}`, vnet), mac: generatedMac(state) };
    state.ifnets.set(bridge.index, bridge);
    return { created: bridge, ...(bridge.name !== requested ? { printed: bridge.name } : {}) };
  }
  const a = blank(state, 'epair', `epair${unit}a`, vnet);
  const b = blank(state, 'epair', `epair${unit}b`, vnet);
  a.peer = b.index;
  b.peer = a.index;
  if (state.release === '15') {
    // 15 defaults net.link.epair.ether_gen_addr=1: stable FreeBSD-OUI MACs (§2.4).
    a.mac = generatedMac(state);
    b.mac = generatedMac(state);
  } else {
    // 13/14: 02 + four hashed bytes + 0a/0b, the b end a copy of the a end (§2.4).
    const middle = randomBytes(state, 4).join(':');
    a.mac = `02:${middle}:0a`;
    b.mac = `02:${middle}:0b`;
  }
  state.ifnets.set(a.index, a);
  state.ifnets.set(b.index, b);
  return { created: a, printed: a.name };
}
