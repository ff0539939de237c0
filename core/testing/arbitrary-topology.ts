import fc from 'fast-check';
import {
  FREEBSD_RELEASES,
  TOPOLOGY_FORMAT,
  TOPOLOGY_VERSION,
  TopologySchema,
  type Interface,
  type JailStack,
  type Topology,
  type TopologyInput,
} from '../topology/schema';

// Generators of topologies that are valid by construction: host bridges on distinct 10.k.0.0/24
// subnets, each jail wired to one bridge by an epair and routed through the bridge address, optional
// jail-to-jail /30 links, an optional LAN uplink, optional nesting with enough children.max. Some
// jails' epair ends are in an interface group and carry an interface route (`route add -iface`),
// and the host may put its first bridge in a group and route a network straight onto it.

const jailName = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);

interface Shape {
  subnets: number[];
  jails: {
    name: string;
    bridge: number;
    parent: number | null;
    renamed: boolean;
    group: string | null;
    ifaceRoute: boolean;
  }[];
  /** The host's first bridge: a group of its own, and an interface route through it. */
  hostGroup: boolean;
  hostIfaceRoute: boolean;
  links: [number, number][];
  lan: null | { nic: string; third: number; internet: boolean };
  ipv6: boolean;
  release: (typeof FREEBSD_RELEASES)[number];
  jumbo: boolean;
  positions: { x: number; y: number }[];
}

const shape: fc.Arbitrary<Shape> = fc
  .record({
    subnets: fc.uniqueArray(fc.integer({ min: 0, max: 249 }), { minLength: 1, maxLength: 3 }),
    names: fc.uniqueArray(jailName, { minLength: 1, maxLength: 6 }),
    seeds: fc.array(
      fc.record({
        bridge: fc.nat(),
        parent: fc.option(fc.nat(), { nil: null }),
        renamed: fc.boolean(),
        group: fc.option(fc.constantFrom('dmz', 'web_ext', 'jails'), { nil: null }),
        ifaceRoute: fc.boolean(),
      }),
      { minLength: 6, maxLength: 6 },
    ),
    linkSeeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
    lan: fc.option(
      fc.record({
        nic: fc.constantFrom('em0', 'igb0', 'ixl0', 'vtnet0'),
        third: fc.integer({ min: 0, max: 254 }),
        internet: fc.boolean(),
      }),
      { nil: null },
    ),
    ipv6: fc.boolean(),
    hostGroup: fc.boolean(),
    hostIfaceRoute: fc.boolean(),
    release: fc.constantFrom(...FREEBSD_RELEASES),
    jumbo: fc.boolean(),
    positions: fc.array(
      fc.record({
        x: fc.double({ noNaN: true, noDefaultInfinity: true }),
        y: fc.double({ noNaN: true, noDefaultInfinity: true }),
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ subnets, names, seeds, linkSeeds, lan, ipv6, hostGroup, hostIfaceRoute, release, jumbo, positions }) => ({
    subnets,
    jails: names.map((name, j) => {
      const seed = seeds[j]!;
      // Parents are always earlier jails, so there is never a cycle.
      return {
        name,
        bridge: seed.bridge % subnets.length,
        parent: seed.parent === null || j === 0 ? null : seed.parent % j,
        renamed: seed.renamed,
        group: seed.group,
        ifaceRoute: seed.ifaceRoute,
      };
    }),
    links: linkSeeds
      .map(([p, q]): [number, number] => [p % names.length, q % names.length])
      .filter(([p, q]) => p !== q),
    lan,
    ipv6,
    hostGroup,
    hostIfaceRoute,
    release,
    jumbo,
    positions,
  }));

function build(s: Shape): Topology {
  let unit = 0;
  const jailEnds: string[] = [];
  const jailEnd = (j: number) => jailEnds[j]!;
  const hostInterfaces: Interface[] = [];
  const jailInterfaces: Interface[][] = s.jails.map(() => []);
  const bridgeMembers: string[][] = s.subnets.map(() => []);
  const epairNames = (jail: string, renamed: boolean) => {
    const u = unit++;
    const tail = jail.replaceAll('-', '_').slice(0, 8);
    // Patchbay never keeps the kernel's epairNa names (core/topology/cable.ts): Bastille-style names,
    // or names with no a/b in common, which only Patchbay's mark can pair again on discovery.
    return renamed ? [`e${u}a_${tail}`, `e${u}b_${tail}`] : [`up${u}_${tail}`, `dn${u}_${tail}`];
  };
  const mtu = s.jumbo ? { mtu: 9000 } : {};
  s.jails.forEach((jail, j) => {
    const k = s.subnets[jail.bridge]!;
    const [a, b] = epairNames(jail.name, jail.renamed) as [string, string];
    const idA = `host:${a}`;
    const idB = `j${j}:${b}`;
    jailEnds[j] = b;
    bridgeMembers[jail.bridge]!.push(idA);
    hostInterfaces.push({ kind: 'epair', id: idA, name: a, end: 'a', peer: idB, up: true, addresses: [], ...mtu });
    const addresses = [`10.${k}.0.${j + 2}/24`, ...(s.ipv6 ? [`fd00:${k}::${j + 2}/64`] : [])];
    const groups = jail.group === null ? {} : { groups: [jail.group] };
    jailInterfaces[j]!.push({ kind: 'epair', id: idB, name: b, end: 'b', peer: idA, up: true, addresses, ...groups });
  });
  s.links.forEach(([p, q], n) => {
    const [a, b] = epairNames(`l${n}`, false) as [string, string];
    jailInterfaces[p]!.push({
      kind: 'epair',
      id: `j${p}:${a}`,
      name: a,
      end: 'a',
      peer: `j${q}:${b}`,
      up: true,
      addresses: [`172.16.${n}.1/30`],
    });
    jailInterfaces[q]!.push({
      kind: 'epair',
      id: `j${q}:${b}`,
      name: b,
      end: 'b',
      peer: `j${p}:${a}`,
      up: true,
      addresses: [`172.16.${n}.2/30`],
    });
  });
  s.subnets.forEach((k, i) => {
    hostInterfaces.push({
      kind: 'bridge',
      id: `host:bridge${i}`,
      name: `bridge${i}`,
      up: true,
      addresses: [`10.${k}.0.1/24`, ...(s.ipv6 ? [`fd00:${k}::1/64`] : [])],
      members: bridgeMembers[i]!,
      ...mtu,
      ...(i === 0 && s.hostGroup ? { groups: ['jail_bridges'] } : {}),
    });
  });
  if (s.lan)
    hostInterfaces.push({
      kind: 'physical',
      id: `host:${s.lan.nic}`,
      name: s.lan.nic,
      up: true,
      addresses: [`192.168.${s.lan.third}.10/24`],
    });
  // children.max: enough for its children, and above each child's own (the kernel refuses a child
  // whose children.max is not below its parent's: kern_jail.c kern_jail_set).
  const childrenMax = (j: number): number => {
    const kids = s.jails.flatMap((other, k) => (other.parent === j ? [k] : []));
    return kids.length === 0 ? 0 : Math.max(kids.length, ...kids.map((k) => childrenMax(k) + 1));
  };
  const input: TopologyInput = {
    format: TOPOLOGY_FORMAT,
    version: TOPOLOGY_VERSION,
    name: 'generated',
    target: { freebsd: s.release },
    stacks: [
      {
        kind: 'host',
        id: 'host',
        hostname: 'host.example.org',
        forwarding: { ipv4: true, ipv6: s.ipv6 },
        defaultGateway: s.lan ? { ipv4: `192.168.${s.lan.third}.1` } : {},
        // 172.21/16 and 172.20/16 are outside every subnet, link and LAN generated here.
        staticRoutes: s.hostIfaceRoute ? [{ destination: '172.21.0.0/24', interface: 'host:bridge0' }] : [],
        interfaces: hostInterfaces,
      },
      ...s.jails.map((jail, j) => {
        const k = s.subnets[jail.bridge]!;
        const stack: JailStack = {
          kind: 'jail',
          id: `j${j}`,
          name: jail.name,
          childrenMax: childrenMax(j),
          forwarding: { ipv4: false, ipv6: false },
          defaultGateway: { ipv4: `10.${k}.0.1`, ...(s.ipv6 ? { ipv6: `fd00:${k}::1` } : {}) },
          staticRoutes: jail.ifaceRoute ? [{ destination: `172.20.${j}.0/24`, interface: `j${j}:${jailEnd(j)}` }] : [],
          nat: [],
          interfaces: jailInterfaces[j]!,
          ...(jail.parent === null ? {} : { parent: `j${jail.parent}` }),
        };
        return stack;
      }),
    ],
    segments: s.lan
      ? [
          {
            kind: 'lan',
            id: 'lan',
            name: 'LAN',
            cidr: `192.168.${s.lan.third}.0/24`,
            gateway: `192.168.${s.lan.third}.1`,
            uplink: `host:${s.lan.nic}`,
          },
          ...(s.lan.internet ? [{ kind: 'internet' as const, id: 'internet', name: 'Internet', via: 'lan' }] : []),
        ]
      : [],
    layout: {
      positions: Object.fromEntries(s.positions.slice(0, s.jails.length).map((position, j) => [`j${j}`, position])),
    },
  };
  return TopologySchema.parse(input);
}

export const validTopology: fc.Arbitrary<Topology> = shape.map(build);
