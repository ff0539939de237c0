import { containsAddress, formatIPv4, formatIPv6, isLinkLocal, networkOf } from '../../core/net/ip';
import { formatNetstatLibxo, type SyntheticInterface } from '../freebsd/netstat-format';
import type { RouteEntry } from '../freebsd/types';
import { inet6Text, interfaceFlags } from './ifconfig-format';
import { interfacesIn, type HostState, type IfAddress, type Ifnet } from './state';

// What the emulator's netstat prints: its interfaces as netstat rows (written by the one formatter
// in agent/freebsd/netstat-format.ts) and its routing table.

/**
 * An address's network and address columns. A link-local IPv6 address carries its zone in both,
 * as netstat prints them (fixture netstat-inb-libxo-json-riemann.json: "fe80::%vtnet0/64" and
 * "fe80::9400:ff:fe7b:2fdb%vtnet0", "fe80::%lo0/64" and "fe80::1%lo0").
 */
function addressText(ifnet: Ifnet, a: IfAddress): { network: string; address: string } {
  const network = networkOf({ family: a.family, address: a.value, prefix: a.prefix });
  if (a.family === 4) return { network: `${formatIPv4(network)}/${a.prefix}`, address: formatIPv4(a.value) };
  return { network: `${inet6Text(ifnet, network)}/${a.prefix}`, address: inet6Text(ifnet, a.value) };
}

const NO_COUNTS = { receivedPackets: 0n, receivedBytes: 0n, sentPackets: 0n, sentBytes: 0n };

function asRow(state: HostState, ifnet: Ifnet): SyntheticInterface {
  const c = ifnet.counters;
  // Address rows: IPv6 first, in the order the interface holds them (an automatic link-local
  // address after the ones configured before it), IPv4 last: the order seen in the fixture for
  // both vtnet0 and lo0. Per-address counters are not modelled: 0.
  const addresses = [
    ...ifnet.addresses.filter((a) => a.family === 6),
    ...ifnet.addresses.filter((a) => a.family === 4),
  ].map((a) => addressText(ifnet, a));
  return {
    name: ifnet.name,
    // "<Link#N>" is the kernel's ifindex (the fixture's vtnet0 is Link#1, lo0 Link#2), not the
    // emulator's own handle.
    index: ifnet.ifindex,
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

/** `netstat -i -b -n --libxo json` for a vnet (docs/freebsd.md §3.2), optionally one interface. */
export function formatNetstatInterfaces(state: HostState, vnet: number, only?: string): string {
  return formatNetstatLibxo(
    interfacesIn(state, vnet)
      .filter((i) => only === undefined || i.name === only)
      .map((i) => asRow(state, i)),
  );
}

/**
 * The routes an interface's addresses put in its vnet's table. The gateway of each is the
 * interface's link, `link#<ifindex>` (the kernel's if_index: sdl_index of the address's ifnet).
 * - IPv4, sys/netinet/in.c (F) in_aifaddr_ioctl(), ia_getrtprefix(), ia_need_loopback_route():
 *   a loopback interface gets a host route to the address only (case 4, "Skip installing /24
 *   prefix"); a /32 on another interface a host route through lo0 (case 2); otherwise the prefix
 *   route on the interface plus the "loopback route" to the address through lo0 (case 1,
 *   ifa_add_loopback_route(): RTF_HOST | RTF_STATIC). A prefix another address already routes is
 *   not added again (in_hasrtprefix()).
 * - IPv6, sys/netinet6/in6.c (F): every address gets the loopback route through lo0
 *   (in6_notify_ifa(), V_nd6_useloopback); a prefix shorter than 128 an on-link prefix route on
 *   the interface (in6_addifaddr() → nd6_prelist_add(); in6_ifattach_linklocal() for the automatic
 *   link-local address), printed with the zone for fe80::/64.
 */
function addressRoutes(ifnet: Ifnet, lo0: string | undefined): RouteEntry[] {
  const gateway = `link#${ifnet.ifindex}`;
  const loopback = lo0 ?? ifnet.name;
  const routes: RouteEntry[] = [];
  for (const a of ifnet.addresses) {
    const { network, address } = addressText(ifnet, a);
    if (a.family === 4) {
      if (ifnet.kind === 'loopback')
        routes.push({ family: 'inet', destination: address, gateway, flags: 'UH', interface: ifnet.name });
      else if (a.prefix === 32)
        routes.push({ family: 'inet', destination: address, gateway, flags: 'UH', interface: loopback });
      else {
        routes.push({ family: 'inet', destination: network, gateway, flags: 'U', interface: ifnet.name });
        routes.push({ family: 'inet', destination: address, gateway, flags: 'UHS', interface: loopback });
      }
    } else {
      if (a.prefix < 128)
        routes.push({ family: 'inet6', destination: network, gateway, flags: 'U', interface: ifnet.name });
      routes.push({ family: 'inet6', destination: address, gateway, flags: 'UHS', interface: loopback });
    }
  }
  return routes;
}

/** The routing table of a vnet as netstat -rn shows it: default, static, connected and host routes. */
export function routeEntries(state: HostState, vnet: number): RouteEntry[] {
  const interfaces = interfacesIn(state, vnet);
  const lo0 = interfaces.find((i) => i.kind === 'loopback');
  const entries: RouteEntry[] = [];
  const familyName = (family: 4 | 6) => (family === 4 ? 'inet' : 'inet6') as RouteEntry['family'];
  const format = (family: 4 | 6, value: bigint) => (family === 4 ? formatIPv4(value) : formatIPv6(value));
  for (const route of state.vnets.get(vnet)?.routes ?? []) {
    const destination = route.destination
      ? `${format(route.family, route.destination.value)}/${route.destination.prefix}`
      : 'default';
    if (route.ifnet !== undefined) {
      // An interface route (`route add -iface`): flags RTF_UP | RTF_STATIC without RTF_GATEWAY
      // ("US", sbin/route/route.c newroute()); its gateway is the nexthop's short sockaddr_dl holding
      // only the index, which netstat prints as "link#<index>" like a connected route's (nhop_ctl.c
      // fill_sdl_from_ifp(); usr.bin/netstat/route.c prints an AF_LINK gateway without name or
      // address as link#N), and the Netif column names the interface.
      const ifnet = state.ifnets.get(route.ifnet);
      entries.push({
        family: familyName(route.family),
        destination,
        gateway: `link#${ifnet?.ifindex ?? 0}`,
        flags: 'US',
        interface: ifnet?.name ?? '',
      });
      continue;
    }
    const gateway = { family: route.family, value: route.gateway };
    // Link-local prefixes (one fe80::/64 per interface) name no interface for a gateway without a zone.
    const via = interfaces.find((i) =>
      i.addresses.some(
        (a) =>
          !isLinkLocal({ family: a.family, value: a.value }) &&
          containsAddress({ family: a.family, address: a.value, prefix: a.prefix }, gateway),
      ),
    );
    entries.push({
      family: familyName(route.family),
      destination,
      gateway: format(route.family, route.gateway),
      flags: 'UGS',
      interface: via?.name ?? '',
    });
  }
  const seen = new Set<string>();
  for (const ifnet of interfaces) {
    for (const entry of addressRoutes(ifnet, lo0?.name)) {
      const key = `${entry.family} ${entry.destination}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push(entry);
    }
  }
  const rank = (e: RouteEntry) => (e.family === 'inet' ? 0 : 1) * 2 + (e.destination === 'default' ? 0 : 1);
  const sorted = entries.sort((x, y) => rank(x) - rank(y));
  // 14.0+ reads routes over netlink and prints weight and nexthop index (route_netlink.c, per the parser's notes).
  return state.release === '13' ? sorted : sorted.map((e, i) => ({ ...e, weight: 1, nhopKernelIndex: i + 1 }));
}
