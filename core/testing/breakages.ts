import fc from 'fast-check';
import type { Interface, JailStack, Topology } from '../topology/schema';
import type { PathSegment } from '../validate/problem';

/** One deliberate mistake and where validate() must point. */
interface Breakage {
  name: string;
  rule: string;
  path: PathSegment[];
  severity: 'error' | 'warning';
}

type Apply = (t: Topology, pick: number) => Omit<Breakage, 'name' | 'severity'> & { severity?: Breakage['severity'] };

const jailIndexes = (t: Topology) => t.stacks.flatMap((s, i) => (s.kind === 'jail' ? [i] : []));
const at = <T>(list: readonly T[], pick: number): T => list[pick % list.length]!;
const jailEnd = (t: Topology, s: number) => t.stacks[s]!.interfaces.findIndex((i) => i.kind === 'epair');
const asJail = (t: Topology, s: number) => t.stacks[s] as JailStack;

// Every generated topology has a host (stack 0) with at least one bridge, and at least one jail
// whose first interface is the epair end on that bridge.
const BREAKAGES: Record<string, Apply> = {
  longName: (t, pick) => {
    const s = at(
      t.stacks.map((_, i) => i),
      pick,
    );
    const f = pick % t.stacks[s]!.interfaces.length;
    t.stacks[s]!.interfaces[f]!.name = `n${'x'.repeat(15 + (pick % 5))}`;
    return { rule: 'interface.name.length', path: ['stacks', s, 'interfaces', f, 'name'] };
  },
  dottedJail: (t, pick) => {
    const s = at(jailIndexes(t), pick);
    asJail(t, s).name = `${asJail(t, s).name}.x`;
    return { rule: 'jail.name.dot', path: ['stacks', s, 'name'] };
  },
  sameNameTwice: (t) => {
    const host = t.stacks[0]!;
    host.interfaces.push({
      ...(host.interfaces[0] as Interface),
      id: 'host:twin',
      kind: 'loopback',
      addresses: [],
    } as Interface);
    return { rule: 'interface.name.duplicate', path: ['stacks', 0, 'interfaces', host.interfaces.length - 1, 'name'] };
  },
  memberInOtherStack: (t, pick) => {
    const s = at(jailIndexes(t), pick);
    const bridgeIndex = t.stacks[0]!.interfaces.findIndex((i) => i.kind === 'bridge');
    const bridge = t.stacks[0]!.interfaces[bridgeIndex] as Extract<Interface, { kind: 'bridge' }>;
    bridge.members.push(t.stacks[s]!.interfaces[jailEnd(t, s)]!.id);
    return {
      rule: 'bridge.member.stack',
      path: ['stacks', 0, 'interfaces', bridgeIndex, 'members', bridge.members.length - 1],
    };
  },
  gatewayAddressOnJail: (t, pick) => {
    const s = at(jailIndexes(t), pick);
    const jail = asJail(t, s);
    const f = jailEnd(t, s);
    jail.interfaces[f]!.addresses[0] = `${jail.defaultGateway.ipv4}/24`;
    return { rule: 'address.duplicate', path: ['stacks', s, 'interfaces', f, 'addresses', 0] };
  },
  offLinkGateway: (t, pick) => {
    const s = at(jailIndexes(t), pick);
    asJail(t, s).defaultGateway.ipv4 = '10.251.0.1';
    return { rule: 'route.gateway.offlink', path: ['stacks', s, 'defaultGateway', 'ipv4'] };
  },
  hostStopsForwarding: (t) => {
    t.stacks[0]!.forwarding.ipv4 = false;
    return { rule: 'stack.forwarding.off', path: ['stacks', 0, 'forwarding', 'ipv4'], severity: 'warning' };
  },
  ownParent: (t, pick) => {
    const s = at(jailIndexes(t), pick);
    asJail(t, s).parent = t.stacks[s]!.id;
    return { rule: 'jail.parent.cycle', path: ['stacks', s, 'parent'] };
  },
  danglingPeer: (t, pick) => {
    const s = at(jailIndexes(t), pick);
    const f = jailEnd(t, s);
    (t.stacks[s]!.interfaces[f] as Extract<Interface, { kind: 'epair' }>).peer = 'nowhere';
    return { rule: 'epair.peer.missing', path: ['stacks', s, 'interfaces', f, 'peer'] };
  },
  malformedAddress: (t, pick) => {
    const s = at(jailIndexes(t), pick);
    const f = jailEnd(t, s);
    t.stacks[s]!.interfaces[f]!.addresses[0] = at(
      ['10.0.0.300/24', '10.0.0.1', 'fd00::g/64', '10.0.0.1/40', 'ten'],
      pick,
    );
    return { rule: 'address.syntax', path: ['stacks', s, 'interfaces', f, 'addresses', 0] };
  },
  overlappingAlias: (t) => {
    const host = t.stacks[0]!;
    const bridge = host.interfaces.find((i) => i.kind === 'bridge')!;
    const inside = bridge.addresses[0]!.replace(/\.1\/24$/, '.77/32');
    host.interfaces.push({ kind: 'loopback', id: 'host:lo9', name: 'lo9', up: true, addresses: [inside] });
    return { rule: 'subnet.overlap', path: ['stacks', 0, 'interfaces', host.interfaces.length - 1, 'addresses', 0] };
  },
  tooManyChildren: (t, pick) => {
    const jails = jailIndexes(t);
    if (jails.length < 2) return BREAKAGES.ownParent!(t, pick);
    const [parent, child] = [jails[0]!, jails[jails.length - 1]!];
    const parentJail = asJail(t, parent);
    const others = jails.filter((j) => j !== child && asJail(t, j).parent === parentJail.id).length;
    asJail(t, child).parent = parentJail.id;
    parentJail.childrenMax = others;
    return { rule: 'jail.children-max', path: ['stacks', parent, 'childrenMax'] };
  },
};

const breakageNames = Object.keys(BREAKAGES);

/** Applies the named breakage to `t` in place and says what validate() must report. */
export function breakTopology(t: Topology, name: string, pick: number): Breakage {
  const result = BREAKAGES[name]!(t, pick);
  return { name, severity: 'error', ...result };
}

export const breakage = fc.record({ name: fc.constantFrom(...breakageNames), pick: fc.nat({ max: 1000 }) });
