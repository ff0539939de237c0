import { containsAddress, formatIPv4, formatIPv6, networkOf } from '../../core/net/ip';
import { formatNetstatLibxo, type SyntheticInterface } from '../freebsd/netstat-format';
import type { RouteEntry } from '../freebsd/types';
import { interfaceFlags } from './ifconfig-format';
import { interfacesIn, type HostState, type IfAddress, type Ifnet } from './state';

// What the emulator's netstat prints: its interfaces as netstat rows (written by the one formatter
// in agent/freebsd/netstat-format.ts) and its routing table.

function addressText(a: IfAddress): { network: string; address: string } {
  const cidr = { family: a.family, address: a.value, prefix: a.prefix };
  const format = a.family === 4 ? formatIPv4 : formatIPv6;
  return { network: `${format(networkOf(cidr))}/${a.prefix}`, address: format(a.value) };
}

const NO_COUNTS = { receivedPackets: 0n, receivedBytes: 0n, sentPackets: 0n, sentBytes: 0n };

function asRow(state: HostState, ifnet: Ifnet): SyntheticInterface {
  const c = ifnet.counters;
  // Address rows: IPv6 first, lo0's automatic link-local after the configured ones, IPv4 last; the
  // order seen in the fixture for both vtnet0 and lo0. Per-address counters are not modelled: 0.
  const linkLocal = ifnet.kind === 'loopback' && ifnet.up && ifnet.addresses.length > 0 ? [{ network: `fe80::%${ifnet.name}/64`, address: `fe80::1%${ifnet.name}` }] : [];
  const addresses = [...ifnet.addresses.filter((a) => a.family === 6).map(addressText), ...linkLocal, ...ifnet.addresses.filter((a) => a.family === 4).map(addressText)];
  return {
    name: ifnet.name,
    index: ifnet.index,
    // netstat shows the 16-bit if_flags word (the fixture's lo0 "0x8049" is ifconfig's 8049 without LOWER_UP).
    flags: `0x${(interfaceFlags(state, ifnet) & 0xffff).toString(16)}`,
    mtu: ifnet.mtu,
    ...(ifnet.kind === 'loopback' ? { linkAddress: ifnet.name } : ifnet.mac ? { linkAddress: ifnet.mac } : {}),
    receivedPackets: c.ipackets,
    receivedErrors: c.ierrors,
    droppedPackets: c.iqdrops,
    receivedBytes: c.ibytes,
    sentPackets: c.opackets,
    sendErrors: c.oerrors,
    sentBytes: c.obytes,
    collisions: c.collisions,
    addresses: addresses.map((a) => ({ ...a, ...NO_COUNTS })),
  };
}

/** `netstat -i -b -n --libxo json` for a vnet (reference/freebsd.md §3.2), optionally one interface. */
export function formatNetstatInterfaces(state: HostState, vnet: number, only?: string): string {
  return formatNetstatLibxo(interfacesIn(state, vnet).filter((i) => only === undefined || i.name === only).map((i) => asRow(state, i)));
}

/** The routing table of a vnet as netstat -rn shows it: default, static, connected and host routes. */
export function routeEntries(state: HostState, vnet: number): RouteEntry[] {
  const interfaces = interfacesIn(state, vnet);
  const lo0 = interfaces.find((i) => i.kind === 'loopback');
  const entries: RouteEntry[] = [];
  const familyName = (family: 4 | 6) => (family === 4 ? 'inet' : 'inet6') as RouteEntry['family'];
  const format = (family: 4 | 6, value: bigint) => (family === 4 ? formatIPv4(value) : formatIPv6(value));
  for (const route of state.vnets.get(vnet)?.routes ?? []) {
    const gateway = { family: route.family, value: route.gateway };
    const via = interfaces.find((i) => i.addresses.some((a) => containsAddress({ family: a.family, address: a.value, prefix: a.prefix }, gateway)));
    entries.push({
      family: familyName(route.family),
      destination: route.destination ? `${format(route.family, route.destination.value)}/${route.destination.prefix}` : 'default',
      gateway: format(route.family, route.gateway),
      flags: 'UGS',
      interface: via?.name ?? '',
    });
  }
  for (const ifnet of interfaces) {
    for (const a of ifnet.addresses) {
      const cidr = { family: a.family, address: a.value, prefix: a.prefix };
      const full = a.family === 4 ? 32 : 128;
      if (a.prefix < full) entries.push({ family: familyName(a.family), destination: `${format(a.family, networkOf(cidr))}/${a.prefix}`, gateway: `link#${ifnet.index}`, flags: 'U', interface: ifnet.name });
      entries.push({ family: familyName(a.family), destination: format(a.family, a.value), gateway: `link#${ifnet.index}`, flags: ifnet.kind === 'loopback' ? 'UH' : 'UHS', interface: lo0?.name ?? ifnet.name });
    }
  }
  const rank = (e: RouteEntry) => (e.family === 'inet' ? 0 : 1) * 2 + (e.destination === 'default' ? 0 : 1);
  const sorted = entries.sort((x, y) => rank(x) - rank(y));
  // 14.0+ reads routes over netlink and prints weight and nexthop index (route_netlink.c, per the parser's notes).
  return state.release === '13' ? sorted : sorted.map((e, i) => ({ ...e, weight: 1, nhopKernelIndex: i + 1 }));
}
