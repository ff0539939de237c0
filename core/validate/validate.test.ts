import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { bastilleDesign } from '../testing/bastille-design';
import type { Interface, JailStack, Stack, Topology } from '../topology/schema';
import { formatPath, type Problem } from './problem';
import { RULE_CATALOG, isKnownRule } from './rule-catalog';
import { checkTopologyText, validate } from './validate';

function stack(t: Topology, id: string): Stack {
  const found = t.stacks.find((s) => s.id === id);
  if (!found) throw new Error(`no stack ${id}`);
  return found;
}
function jail(t: Topology, id: string): JailStack {
  const s = stack(t, id);
  if (s.kind !== 'jail') throw new Error(`${id} is not a jail`);
  return s;
}
function iface(t: Topology, id: string): Interface {
  const found = t.stacks.flatMap((s) => s.interfaces).find((i) => i.id === id);
  if (!found) throw new Error(`no interface ${id}`);
  return found;
}

function problemsAfter(change: (t: Topology) => void): Problem[] {
  const t = blogNetwork();
  change(t);
  return validate(t);
}

/** Adds a shared-IP jail (stacks[4], then [5], ...) to the demo; `extra` sets any other field. */
function addSharedJail(t: Topology, id: string, sharedIp: SharedIpInput, extra: Partial<JailStack> = {}): JailStack {
  const jail: JailStack = {
    kind: 'jail',
    id,
    name: id,
    childrenMax: 0,
    interfaces: [],
    forwarding: { ipv4: false, ipv6: false },
    defaultGateway: {},
    staticRoutes: [],
    nat: [],
    sharedIp: { ip4: [], ip6: [], ...sharedIp },
    ...extra,
  };
  t.stacks.push(jail);
  return jail;
}
type SharedIpInput = Partial<NonNullable<JailStack['sharedIp']>>;
const onBridge0 = (address: string) => ({ interface: 'host:bridge0', address });

const summary = (problems: Problem[]) => problems.map((p) => `${p.severity} ${p.rule} @ ${formatPath(p.path)}`);

// Stack indexes in the demo: 0 host, 1 snort, 2 www, 3 tor. Host interfaces: 0 lo0, 1 ixl0,
// 2 bridge0, 3 e0a_snort_jail, 4 e0a_www_jail, 5 bridge1, 6 e0a_tor_relay. Jail interfaces: 0 lo0, 1 epairNb.
const cases: {
  name: string;
  change: (t: Topology) => void;
  rule: string;
  path: string;
  severity?: Problem['severity'];
}[] = [
  {
    name: 'interface name over 15 characters',
    change: (t) => void (iface(t, 'snort:e0b_snort_jail').name = 'e0b_snort_jail_x'),
    rule: 'interface.name.length',
    path: 'stacks[1].interfaces[1].name',
  },
  {
    name: 'interface name with a dot',
    change: (t) => void (iface(t, 'host:bridge1').name = 'bridge.1'),
    rule: 'interface.name.charset',
    path: 'stacks[0].interfaces[5].name',
  },
  {
    name: 'interface name starting with a digit',
    change: (t) => void (iface(t, 'host:bridge1').name = '1bridge'),
    rule: 'interface.name.charset',
    path: 'stacks[0].interfaces[5].name',
  },
  {
    name: 'two interfaces with one name in a stack',
    change: (t) => void (iface(t, 'host:bridge1').name = 'bridge0'),
    rule: 'interface.name.duplicate',
    path: 'stacks[0].interfaces[5].name',
  },
  {
    name: 'a description rc.conf cannot keep',
    change: (t) => void (iface(t, 'host:bridge1').description = 'tor $(reboot)'),
    rule: 'interface.description.persist',
    path: 'stacks[0].interfaces[5].description',
    severity: 'warning',
  },
  {
    name: 'a description with a newline',
    change: (t) => void (iface(t, 'host:bridge1').description = 'two\nlines'),
    rule: 'interface.description.charset',
    path: 'stacks[0].interfaces[5].description',
  },
  {
    name: 'a duplicated id',
    change: (t) => void (jail(t, 'www').id = 'snort'),
    rule: 'id.duplicate',
    path: 'stacks[2].id',
  },
  {
    name: 'no host stack',
    change: (t) => void (t.stacks = t.stacks.filter((s) => s.kind !== 'host')),
    rule: 'stack.host.count',
    path: 'stacks',
  },
  {
    name: 'a jail name with a dot',
    change: (t) => void (jail(t, 'www').name = 'www.jail'),
    rule: 'jail.name.dot',
    path: 'stacks[2].name',
  },
  {
    name: 'a jail name with a space',
    change: (t) => void (jail(t, 'www').name = 'www jail'),
    rule: 'jail.name.charset',
    path: 'stacks[2].name',
  },
  {
    name: 'a hostname with shell metacharacters',
    change: (t) => void (jail(t, 'www').hostname = 'www$(reboot)'),
    rule: 'stack.hostname.syntax',
    path: 'stacks[2].hostname',
  },
  {
    name: 'two jails with one name',
    change: (t) => void (jail(t, 'www').name = 'snort-jail'),
    rule: 'jail.name.duplicate',
    path: 'stacks[2].name',
  },
  {
    name: 'the same physical NIC in two stacks',
    change: (t) =>
      void stack(t, 'www').interfaces.push({ kind: 'physical', id: 'www:ixl0', name: 'ixl0', up: true, addresses: [] }),
    rule: 'physical.stack.duplicate',
    path: 'stacks[2].interfaces[2].name',
  },
  {
    name: 'an epair end whose peer is missing',
    change: (t) => void ((iface(t, 'tor:e0b_tor_relay') as { peer: string }).peer = 'nowhere'),
    rule: 'epair.peer.missing',
    path: 'stacks[3].interfaces[1].peer',
  },
  {
    name: 'an epair end whose peer names someone else',
    change: (t) => void ((iface(t, 'tor:e0b_tor_relay') as { peer: string }).peer = 'host:e0a_snort_jail'),
    rule: 'epair.peer.mismatch',
    path: 'stacks[3].interfaces[1].peer',
  },
  {
    name: 'an epair end whose peer is a bridge',
    change: (t) => void ((iface(t, 'tor:e0b_tor_relay') as { peer: string }).peer = 'host:bridge1'),
    rule: 'epair.peer.kind',
    path: 'stacks[3].interfaces[1].peer',
  },
  {
    name: 'an epair end that is its own peer',
    change: (t) => void ((iface(t, 'tor:e0b_tor_relay') as { peer: string }).peer = 'tor:e0b_tor_relay'),
    rule: 'epair.peer.self',
    path: 'stacks[3].interfaces[1].peer',
  },
  {
    name: 'both epair ends marked a',
    change: (t) => void Object.assign(iface(t, 'tor:e0b_tor_relay'), { end: 'a', name: 'epair3c' }),
    rule: 'epair.end.same',
    path: 'stacks[3].interfaces[1].end',
  },
  {
    name: 'an epair kernel name that contradicts its end',
    change: (t) => void Object.assign(iface(t, 'tor:e0b_tor_relay'), { name: 'epair3a' }),
    rule: 'epair.name.end',
    path: 'stacks[3].interfaces[1].end',
  },
  {
    name: 'epair ends with different unit numbers',
    change: (t) => {
      Object.assign(iface(t, 'host:e0a_tor_relay'), { name: 'epair3a' });
      Object.assign(iface(t, 'tor:e0b_tor_relay'), { name: 'epair9b' });
    },
    rule: 'epair.name.unit',
    path: 'stacks[3].interfaces[1].name',
  },
  {
    name: "an epair end with the kernel's own name",
    change: (t) => void Object.assign(iface(t, 'tor:e0b_tor_relay'), { name: 'epair3b' }),
    rule: 'epair.name.kernel',
    path: 'stacks[3].interfaces[1].name',
    severity: 'warning',
  },
  {
    name: 'an all-digit jail name',
    change: (t) => void (jail(t, 'www').name = '7'),
    rule: 'jail.name.numeric',
    path: 'stacks[2].name',
  },
  {
    name: 'a bridge member that does not exist',
    change: (t) => void (iface(t, 'host:bridge1') as { members: string[] }).members.push('ghost'),
    rule: 'bridge.member.missing',
    path: 'stacks[0].interfaces[5].members[1]',
  },
  {
    name: 'a bridge member in another stack',
    change: (t) => void (iface(t, 'host:bridge1') as { members: string[] }).members.push('tor:e0b_tor_relay'),
    rule: 'bridge.member.stack',
    path: 'stacks[0].interfaces[5].members[1]',
  },
  {
    name: 'a member of two bridges',
    change: (t) => void (iface(t, 'host:bridge1') as { members: string[] }).members.push('host:e0a_snort_jail'),
    rule: 'bridge.member.shared',
    path: 'stacks[0].interfaces[5].members[1]',
  },
  {
    name: 'a member listed twice',
    change: (t) => void (iface(t, 'host:bridge1') as { members: string[] }).members.push('host:e0a_tor_relay'),
    rule: 'bridge.member.duplicate',
    path: 'stacks[0].interfaces[5].members[1]',
  },
  {
    name: 'a bridge as a bridge member',
    change: (t) => void (iface(t, 'host:bridge1') as { members: string[] }).members.push('host:bridge0'),
    rule: 'bridge.member.kind',
    path: 'stacks[0].interfaces[5].members[1]',
  },
  {
    name: 'an MTU FreeBSD refuses (issue 16: 99999999 passed and was written into rc.conf)',
    change: (t) => void (iface(t, 'host:bridge0').mtu = 99999999),
    rule: 'interface.mtu.range',
    path: 'stacks[0].interfaces[2].mtu',
  },
  {
    name: 'a NIC MTU only jumbo-frame drivers accept',
    change: (t) => void (iface(t, 'host:ixl0').mtu = 9000),
    rule: 'interface.mtu.jumbo',
    path: 'stacks[0].interfaces[1].mtu',
    severity: 'warning',
  },
  {
    name: 'bridge members with different MTUs',
    change: (t) => void (iface(t, 'host:e0a_www_jail').mtu = 9000),
    rule: 'bridge.member.mtu',
    path: 'stacks[0].interfaces[2].members[1]',
  },
  {
    name: 'bridge members with different MTUs (FreeBSD 15 adjusts)',
    change: (t) => {
      t.target.freebsd = '15';
      iface(t, 'host:e0a_www_jail').mtu = 9000;
    },
    rule: 'bridge.member.mtu',
    path: 'stacks[0].interfaces[2].members[1]',
    severity: 'warning',
  },
  {
    name: "a bridge whose MTU differs from its members' (its first member sets it when it joins)",
    change: (t) => void (iface(t, 'host:e0a_tor_relay').mtu = 9000),
    rule: 'bridge.mtu.members',
    path: 'stacks[0].interfaces[5].mtu',
  },
  {
    name: 'an address on a bridge member (FreeBSD 14)',
    change: (t) => void (iface(t, 'host:e0a_snort_jail').addresses = ['10.0.5.1/24']),
    rule: 'bridge.member.address',
    path: 'stacks[0].interfaces[3].addresses',
    severity: 'warning',
  },
  {
    name: 'an address on a bridge member (FreeBSD 15)',
    change: (t) => {
      t.target.freebsd = '15';
      iface(t, 'host:e0a_snort_jail').addresses = ['10.0.5.1/24'];
    },
    rule: 'bridge.member.address',
    path: 'stacks[0].interfaces[3].addresses',
    severity: 'error',
  },
  {
    name: 'an address without a prefix',
    change: (t) => void (iface(t, 'snort:e0b_snort_jail').addresses = ['10.0.0.2']),
    rule: 'address.syntax',
    path: 'stacks[1].interfaces[1].addresses[0]',
  },
  {
    name: 'an IPv6 address with a bad group',
    change: (t) => void iface(t, 'snort:e0b_snort_jail').addresses.push('fd00::g/64'),
    rule: 'address.syntax',
    path: 'stacks[1].interfaces[1].addresses[1]',
  },
  {
    name: 'a link-local address, which the kernel makes itself',
    change: (t) => void iface(t, 'snort:e0b_snort_jail').addresses.push('fe80::42/64'),
    rule: 'address.kernel',
    path: 'stacks[1].interfaces[1].addresses[1]',
  },
  {
    name: "::1 on a jail's lo0, which the kernel adds when lo0 comes up",
    change: (t) => void iface(t, 'snort:lo0').addresses.push('::1/128'),
    rule: 'address.kernel',
    path: 'stacks[1].interfaces[0].addresses[1]',
  },
  {
    name: 'the limited broadcast address as a /32',
    change: (t) => void (iface(t, 'snort:e0b_snort_jail').addresses = ['255.255.255.255/32']),
    rule: 'address.not-unicast',
    path: 'stacks[1].interfaces[1].addresses[0]',
  },
  {
    name: 'an address in 0.0.0.0/8',
    change: (t) => void (iface(t, 'snort:e0b_snort_jail').addresses = ['0.0.0.5/24']),
    rule: 'address.not-unicast',
    path: 'stacks[1].interfaces[1].addresses[0]',
  },
  {
    name: 'a multicast IPv4 address',
    change: (t) => void (iface(t, 'snort:e0b_snort_jail').addresses = ['224.0.0.251/24']),
    rule: 'address.not-unicast',
    path: 'stacks[1].interfaces[1].addresses[0]',
  },
  {
    name: 'a multicast IPv6 address',
    change: (t) => void iface(t, 'snort:e0b_snort_jail').addresses.push('ff02::1/64'),
    rule: 'address.not-unicast',
    path: 'stacks[1].interfaces[1].addresses[1]',
  },
  {
    name: 'the network address of a subnet',
    change: (t) => void (iface(t, 'snort:e0b_snort_jail').addresses = ['10.0.0.0/24']),
    rule: 'address.reserved',
    path: 'stacks[1].interfaces[1].addresses[0]',
    severity: 'warning',
  },
  {
    name: 'the same IP twice on one bridge',
    change: (t) => void (iface(t, 'www:e0b_www_jail').addresses = ['10.0.0.2/24']),
    rule: 'address.duplicate',
    path: 'stacks[2].interfaces[1].addresses[0]',
  },
  {
    name: 'the LAN gateway address on the uplink',
    change: (t) => {
      iface(t, 'host:ixl0').addresses = ['192.168.1.1/24'];
      stack(t, 'host').defaultGateway = { ipv4: '192.168.1.254' };
    },
    rule: 'address.duplicate',
    path: 'segments[0].gateway',
  },
  {
    name: 'overlapping subnets on two interfaces of a stack',
    change: (t) => void (iface(t, 'host:bridge1').addresses = ['10.0.0.129/25']),
    rule: 'subnet.overlap',
    path: 'stacks[0].interfaces[5].addresses[0]',
  },
  {
    name: 'a default gateway that is not on-link',
    change: (t) => void (jail(t, 'snort').defaultGateway = { ipv4: '10.0.1.1' }),
    rule: 'route.gateway.offlink',
    path: 'stacks[1].defaultGateway.ipv4',
  },
  {
    name: 'a link-local gateway without a zone',
    change: (t) => void (jail(t, 'snort').defaultGateway = { ipv4: '10.0.0.1', ipv6: 'fe80::1' }),
    rule: 'route.gateway.offlink',
    path: 'stacks[1].defaultGateway.ipv6',
  },
  {
    name: 'a default gateway that is the stack itself',
    change: (t) => void (jail(t, 'snort').defaultGateway = { ipv4: '10.0.0.2' }),
    rule: 'route.gateway.self',
    path: 'stacks[1].defaultGateway.ipv4',
  },
  {
    name: 'an IPv6 gateway in the IPv4 slot',
    change: (t) => void (jail(t, 'snort').defaultGateway = { ipv4: 'fd00::1' }),
    rule: 'route.gateway.family',
    path: 'stacks[1].defaultGateway.ipv4',
  },
  {
    name: 'a gateway that is not an address',
    change: (t) => void (jail(t, 'snort').defaultGateway = { ipv4: 'router' }),
    rule: 'route.gateway.syntax',
    path: 'stacks[1].defaultGateway.ipv4',
  },
  {
    name: 'a static route to a bad destination',
    change: (t) => void jail(t, 'snort').staticRoutes.push({ destination: '10.9.0.0', gateway: '10.0.0.1' }),
    rule: 'route.destination.syntax',
    path: 'stacks[1].staticRoutes[0].destination',
  },
  {
    name: 'a static route with both a gateway and an interface',
    change: (t) =>
      void jail(t, 'snort').staticRoutes.push({
        destination: '10.9.0.0/16',
        gateway: '10.0.0.1',
        interface: 'snort:e0b_snort_jail',
      }),
    rule: 'route.target',
    path: 'stacks[1].staticRoutes[0].interface',
  },
  {
    name: 'a static route with neither a gateway nor an interface',
    change: (t) => void jail(t, 'snort').staticRoutes.push({ destination: '10.9.0.0/16' }),
    rule: 'route.target',
    path: 'stacks[1].staticRoutes[0].gateway',
  },
  {
    name: "an interface route through another stack's interface",
    change: (t) => void jail(t, 'snort').staticRoutes.push({ destination: '10.9.0.0/16', interface: 'host:bridge1' }),
    rule: 'route.interface.missing',
    path: 'stacks[1].staticRoutes[0].interface',
  },
  {
    name: 'an interface group ending in a digit',
    change: (t) => void (iface(t, 'host:bridge1').groups = ['dmz1']),
    rule: 'interface.group.name',
    path: 'stacks[0].interfaces[5].groups[0]',
  },
  {
    name: 'an interface group over 15 characters',
    change: (t) => void (iface(t, 'host:bridge1').groups = ['demilitarized_zone']),
    rule: 'interface.group.name',
    path: 'stacks[0].interfaces[5].groups[0]',
  },
  {
    name: 'a static route through an off-link gateway',
    change: (t) => void jail(t, 'snort').staticRoutes.push({ destination: '10.9.0.0/16', gateway: '10.0.9.1' }),
    rule: 'route.gateway.offlink',
    path: 'stacks[1].staticRoutes[0].gateway',
  },
  {
    name: 'a gateway nobody on an internal network has',
    change: (t) => void (jail(t, 'snort').defaultGateway = { ipv4: '10.0.0.254' }),
    rule: 'route.gateway.nobody',
    path: 'stacks[1].defaultGateway.ipv4',
    severity: 'warning',
  },
  {
    name: 'a gateway stack that does not forward',
    change: (t) => void (stack(t, 'host').forwarding.ipv4 = false),
    rule: 'stack.forwarding.off',
    path: 'stacks[0].forwarding.ipv4',
    severity: 'warning',
  },
  {
    name: 'a parent jail that does not exist',
    change: (t) => void (jail(t, 'www').parent = 'ghost'),
    rule: 'jail.parent.missing',
    path: 'stacks[2].parent',
  },
  {
    name: 'the host as a parent jail',
    change: (t) => void (jail(t, 'www').parent = 'host'),
    rule: 'jail.parent.kind',
    path: 'stacks[2].parent',
  },
  {
    name: 'a parent cycle',
    change: (t) => {
      jail(t, 'www').parent = 'snort';
      jail(t, 'snort').parent = 'www';
      jail(t, 'www').childrenMax = 1;
      jail(t, 'snort').childrenMax = 1;
    },
    rule: 'jail.parent.cycle',
    path: 'stacks[1].parent',
  },
  {
    name: 'nesting without children.max',
    change: (t) => void (jail(t, 'www').parent = 'snort'),
    rule: 'jail.children-max',
    path: 'stacks[1].childrenMax',
  },
  {
    name: "a nested jail with children.max as high as its parent's",
    change: (t) => {
      jail(t, 'snort').childrenMax = 1;
      jail(t, 'www').parent = 'snort';
      jail(t, 'www').childrenMax = 1;
    },
    rule: 'jail.children-max.nested',
    path: 'stacks[2].childrenMax',
  },
  {
    name: 'a LAN plugged into a missing NIC',
    change: (t) => {
      const lan = t.segments[0];
      if (lan?.kind === 'lan') lan.uplink = 'host:em9';
    },
    rule: 'segment.uplink.missing',
    path: 'segments[0].uplink',
  },
  {
    name: 'a LAN plugged into a bridge',
    change: (t) => {
      const lan = t.segments[0];
      if (lan?.kind === 'lan') lan.uplink = 'host:bridge0';
    },
    rule: 'segment.uplink.kind',
    path: 'segments[0].uplink',
  },
  {
    name: 'a LAN gateway outside the LAN',
    change: (t) => {
      const lan = t.segments[0];
      if (lan?.kind === 'lan') lan.gateway = '192.168.2.1';
    },
    rule: 'segment.gateway.outside',
    path: 'segments[0].gateway',
  },
  {
    name: 'two LANs on one NIC',
    change: (t) =>
      void t.segments.push({ kind: 'lan', id: 'lan2', name: 'LAN 2', cidr: '192.168.1.0/24', uplink: 'host:ixl0' }),
    rule: 'segment.uplink.shared',
    path: 'segments[2].uplink',
  },
  {
    name: 'an internet reached via a missing LAN',
    change: (t) => {
      const net = t.segments[1];
      if (net?.kind === 'internet') net.via = 'wan';
    },
    rule: 'segment.via.missing',
    path: 'segments[1].via',
  },
  {
    name: 'NAT out of an interface of another stack',
    change: (t) => void (stack(t, 'host').nat[0]!.egress = 'tor:e0b_tor_relay'),
    rule: 'nat.egress.missing',
    path: 'stacks[0].nat[0].egress',
  },
  {
    name: 'a nat line among the filter rules of a pasted listing',
    change: (t) =>
      void (stack(t, 'host').pf = { enabled: true, rules: 'pass all\nnat on ixl0 from any to any -> (ixl0)', nat: '' }),
    rule: 'pf.text',
    path: 'stacks[0].pf.rules',
    severity: 'warning',
  },
  {
    name: 'a pf table entry that is not an address',
    change: (t) =>
      void (stack(t, 'host').pf = {
        enabled: true,
        rules: '',
        nat: '',
        tables: [{ anchor: '', name: 'jails', entries: ['10.0.0.1', '10.0.0.256'] }],
      }),
    rule: 'pf.table.entry',
    path: 'stacks[0].pf.tables[0].entries[1]',
    severity: 'warning',
  },
  {
    name: 'NAT from a malformed source',
    change: (t) => void (stack(t, 'host').nat[0]!.sources = ['10.0.0.0/33']),
    rule: 'address.syntax',
    path: 'stacks[0].nat[0].sources[0]',
  },
  {
    name: 'a deny intent about a missing jail',
    change: (t) =>
      void t.intents.push({
        kind: 'deny',
        id: 'ghost-out',
        from: { kind: 'stack', id: 'ghost' },
        to: { kind: 'segment', id: 'lan' },
        protocol: 'any',
        ports: [],
      }),
    rule: 'intent.endpoint.missing',
    path: 'intents[1].from.id',
  },
  {
    name: 'an intent with the id of a bridge',
    change: (t) => void t.intents.push({ kind: 'isolated', id: 'host:bridge0', subject: { kind: 'stack', id: 'tor' } }),
    rule: 'id.duplicate',
    path: 'intents[1].id',
  },
  {
    name: 'an intent about a missing jail',
    change: (t) =>
      void t.intents.push({ kind: 'isolated', id: 'ghost-alone', subject: { kind: 'stack', id: 'ghost' } }),
    rule: 'intent.subject.missing',
    path: 'intents[1].subject.id',
  },
  {
    name: 'an intent about a bridge that is not one',
    change: (t) =>
      void t.intents.push({ kind: 'lan-only', id: 'nic-lan', subject: { kind: 'network', id: 'host:ixl0' } }),
    rule: 'intent.subject.missing',
    path: 'intents[1].subject.id',
  },
  {
    name: 'an intent about the host',
    change: (t) =>
      void t.intents.push({ kind: 'unreachable', id: 'host-hidden', subject: { kind: 'stack', id: 'host' } }),
    rule: 'intent.subject.host',
    path: 'intents[1].subject.id',
  },
  {
    name: 'a may-reach intent to a missing segment',
    change: (t) =>
      void t.intents.push({
        kind: 'may-reach',
        id: 'tor-wan',
        from: { kind: 'stack', id: 'tor' },
        to: { kind: 'segment', id: 'wan' },
        protocol: 'any',
        ports: [],
      }),
    rule: 'intent.endpoint.missing',
    path: 'intents[1].to.id',
  },
  {
    name: 'a may-reach intent with ports on icmp',
    change: (t) =>
      void t.intents.push({
        kind: 'may-reach',
        id: 'www-ping',
        from: { kind: 'segment', id: 'lan' },
        to: { kind: 'stack', id: 'www' },
        protocol: 'icmp',
        ports: [80],
      }),
    rule: 'intent.ports.protocol',
    path: 'intents[1].ports',
  },
  {
    name: 'a may-reach intent with ports on any protocol',
    change: (t) =>
      void t.intents.push({
        kind: 'may-reach',
        id: 'www-any',
        from: { kind: 'segment', id: 'lan' },
        to: { kind: 'stack', id: 'www' },
        protocol: 'any',
        ports: [443],
      }),
    rule: 'intent.ports.protocol',
    path: 'intents[1].ports',
  },
  {
    name: 'a shared-IP jail with routes of its own',
    change: (t) =>
      void addSharedJail(
        t,
        'shared',
        { ip4: [onBridge0('10.0.0.50')] },
        {
          staticRoutes: [{ destination: '10.9.0.0/16', gateway: '10.0.0.1' }],
        },
      ),
    rule: 'jail.shared-ip.own-network',
    path: 'stacks[4].staticRoutes',
  },
  {
    name: 'a shared-IP jail address that does not parse',
    change: (t) => void addSharedJail(t, 'shared', { ip4: [onBridge0('10.0.0.300')] }),
    rule: 'jail.shared-ip.address.syntax',
    path: 'stacks[4].sharedIp.ip4[0].address',
  },
  {
    name: 'an IPv6 address in ip4.addr',
    change: (t) => void addSharedJail(t, 'shared', { ip4: [onBridge0('fd00::50')] }),
    rule: 'jail.shared-ip.address.family',
    path: 'stacks[4].sharedIp.ip4[0].address',
  },
  {
    name: "a jail address added to an interface of another jail's stack",
    change: (t) =>
      void addSharedJail(t, 'shared', { ip4: [{ interface: 'snort:e0b_snort_jail', address: '10.0.0.50' }] }),
    rule: 'jail.shared-ip.interface.missing',
    path: 'stacks[4].sharedIp.ip4[0].interface',
  },
  {
    name: 'a bare jail address that no interface carries',
    change: (t) => void addSharedJail(t, 'shared', { ip4: [{ address: '10.0.0.50' }] }),
    rule: 'jail.shared-ip.address.unplaced',
    path: 'stacks[4].sharedIp.ip4[0]',
  },
  {
    name: "a nested jail address that is not its parent's",
    change: (t) => {
      addSharedJail(t, 'outer', { ip4: [onBridge0('10.0.0.50')] }, { childrenMax: 1 });
      addSharedJail(t, 'inner', { ip4: [onBridge0('10.0.0.51')] }, { parent: 'outer' });
    },
    rule: 'jail.shared-ip.nested-subset',
    path: 'stacks[5].sharedIp.ip4[0].address',
  },
  {
    name: 'one address in two jails, one of which has two',
    change: (t) => {
      addSharedJail(t, 'first', { ip4: [onBridge0('10.0.0.50'), onBridge0('10.0.0.51')] });
      addSharedJail(t, 'second', { ip4: [onBridge0('10.0.0.50/32')] });
    },
    rule: 'jail.shared-ip.address.clash',
    path: 'stacks[5].sharedIp.ip4[0].address',
  },
  {
    name: 'one address in two jails that each have only it',
    change: (t) => {
      addSharedJail(t, 'first', { ip4: [onBridge0('10.0.0.50')] });
      addSharedJail(t, 'second', { ip4: [onBridge0('10.0.0.50')] });
    },
    rule: 'jail.shared-ip.address.shared',
    path: 'stacks[5].sharedIp.ip4[0].address',
    severity: 'warning',
  },
  {
    name: 'a jail that inherits every address',
    change: (t) => void addSharedJail(t, 'shared', { ip4: 'inherit' }),
    rule: 'jail.shared-ip.inherit',
    path: 'stacks[4].sharedIp.ip4',
    severity: 'warning',
  },
  {
    name: 'a layout position for a missing node',
    change: (t) => void (t.layout.positions['ghost'] = { x: 1, y: 2 }),
    rule: 'layout.unknown-id',
    path: 'layout.positions.ghost',
    severity: 'warning',
  },
];

describe('validate', () => {
  it('finds nothing wrong with the demo design', () => {
    expect(summary(validate(blogNetwork()))).toEqual([]);
  });

  it.each(cases)('reports $name', ({ change, rule, path, severity = 'error' }) => {
    const problems = problemsAfter(change);
    expect(summary(problems)).toContain(`${severity} ${rule} @ ${path}`);
    const found = problems.find((p) => p.rule === rule)!;
    expect(found.message.length).toBeGreaterThan(20);
  });

  it('reports every problem, not just the first', () => {
    const problems = problemsAfter((t) => {
      jail(t, 'www').name = 'www.jail';
      iface(t, 'snort:e0b_snort_jail').name = 'a_very_long_interface';
      jail(t, 'tor').defaultGateway = { ipv4: '172.16.0.1' };
    });
    expect(problems.map((p) => p.rule)).toEqual(
      expect.arrayContaining(['jail.name.dot', 'interface.name.length', 'route.gateway.offlink']),
    );
  });

  it('lists errors before warnings', () => {
    const problems = problemsAfter((t) => {
      stack(t, 'host').forwarding.ipv4 = false;
      jail(t, 'www').name = 'www.jail';
    });
    expect(problems.map((p) => p.severity)).toEqual(['error', 'warning']);
  });

  it('accepts an IPv6 link-local gateway with its zone', () => {
    const problems = problemsAfter(
      (t) => void (jail(t, 'snort').defaultGateway = { ipv4: '10.0.0.1', ipv6: 'fe80::1%e0b_snort_jail' }),
    );
    expect(summary(problems)).toEqual([]);
  });

  it('accepts intents about jails and bridges, and may-reach between anything including the host', () => {
    const problems = problemsAfter((t) => {
      t.intents.push(
        { kind: 'internet-only', id: 'tor-out', subject: { kind: 'stack', id: 'tor' } },
        { kind: 'lan-only', id: 'jails-lan', subject: { kind: 'network', id: 'host:bridge0' } },
        {
          kind: 'may-reach',
          id: 'lan-www',
          from: { kind: 'segment', id: 'lan' },
          to: { kind: 'stack', id: 'www' },
          protocol: 'tcp',
          ports: [80, 443],
        },
        {
          kind: 'may-reach',
          id: 'host-jails',
          from: { kind: 'stack', id: 'host' },
          to: { kind: 'network', id: 'host:bridge0' },
          protocol: 'icmp',
          ports: [],
        },
      );
    });
    expect(summary(problems)).toEqual([]);
  });

  it('finds nothing wrong with the Bastille-style design of shared-IP jails', () => {
    expect(summary(validate(bastilleDesign()))).toEqual([]);
  });

  it('accepts a shared-IP jail whose bare address is already on a host interface', () => {
    const problems = problemsAfter((t) => void addSharedJail(t, 'shared', { ip4: [{ address: '10.0.0.1' }] }));
    expect(summary(problems)).toEqual([]);
  });

  it("reports a jail address Save's schema refuses, at its field", () => {
    const problems = problemsAfter((t) => void addSharedJail(t, 'shared', { ip4: [onBridge0('1'.repeat(70))] }));
    expect(problems.map((p) => formatPath(p.path))).toContain('stacks[4].sharedIp.ip4[0].address');
  });

  it('never calls link-local prefixes on two interfaces overlapping: each link has its own fe80::/64', () => {
    const problems = problemsAfter((t) => {
      iface(t, 'host:bridge0').addresses.push('fe80::1/64');
      iface(t, 'host:bridge1').addresses.push('fe80::2/64');
    });
    expect(problems.map((p) => p.rule)).toContain('address.kernel');
    expect(problems.map((p) => p.rule)).not.toContain('subnet.overlap');
  });

  it('accepts a nested jail when the parent allows children', () => {
    const problems = problemsAfter((t) => {
      jail(t, 'www').parent = 'snort';
      jail(t, 'snort').childrenMax = 1;
    });
    expect(summary(problems)).toEqual([]);
  });
});

describe('rule catalog', () => {
  it('has a broken example above for every semantic rule', () => {
    const covered = new Set(cases.map((c) => c.rule));
    const semantic = Object.keys(RULE_CATALOG).filter((rule) => !rule.startsWith('document.'));
    expect(semantic.filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it('knows every rule the examples trigger', () => {
    const reported = cases.flatMap(({ change }) => problemsAfter(change).map((p) => p.rule));
    expect(reported.filter((rule) => !isKnownRule(rule))).toEqual([]);
  });
});

describe('checkTopologyText', () => {
  it('turns broken JSON into a problem instead of throwing', () => {
    const { problems, topology } = checkTopologyText('{"format": "patchbay.topology", ');
    expect(topology).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.rule).toBe('document.json');
  });

  it('names the field of a structural mistake', () => {
    const doc = JSON.parse(JSON.stringify(blogNetwork()));
    doc.stacks[1].interfaces[1].adresses = ['10.0.0.2/24'];
    doc.stacks[2].forwarding.ipv4 = 'yes';
    const { problems } = checkTopologyText(JSON.stringify(doc));
    expect(summary(problems)).toEqual(
      expect.arrayContaining([
        'error schema.unrecognized_keys @ stacks[1].interfaces[1]',
        'error schema.invalid_type @ stacks[2].forwarding.ipv4',
      ]),
    );
  });

  it('validates semantics once the structure is right', () => {
    const doc = JSON.parse(JSON.stringify(blogNetwork()));
    doc.stacks[2].name = 'www.jail';
    expect(checkTopologyText(JSON.stringify(doc)).problems.map((p) => p.rule)).toEqual(['jail.name.dot']);
  });
});
