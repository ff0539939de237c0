import fc from 'fast-check';
import {
  TOPOLOGY_FORMAT,
  TOPOLOGY_VERSION,
  TopologySchema,
  type BridgeFilter,
  type Interface,
  type Topology,
  type TopologyInput,
} from '../topology/schema';

// Small networks for the audit's properties: a host with 1-3 bridges (10.b.0.1/24), 1-5 jails each
// on one bridge by an epair (jail j is 10.b.0.(j+2), host side epair{j}a, jail side epair{j}b), an
// optional LAN on ixl0 (192.168.1.10/24, gateway 192.168.1.1) with an optional internet behind it,
// random pfil sysctls, and a host pf ruleset drawn from a small grammar of pass/block, quick,
// in/out, on, proto, from/to, ports, keep/no state, tables, anchors and `set skip`, nat-to / rdr-to
// and received-on, with optional nat, rdr and binat. Some jails run a pf of their own. Every address is unique: see the
// unplugging property in core/audit/audit.property.test.ts for why.

export interface AuditShape {
  bridges: number;
  /** Bridge index per jail. */
  jails: number[];
  lan: boolean;
  internet: boolean;
  forwarding: boolean;
  bridgeFilter: BridgeFilter | undefined;
  hostRules: string[];
  nat: string[];
  /** Jail index → its own pf rules. */
  jailRules: Map<number, string[]>;
}

/** Where rules can point: the network's own addresses and nets, and some that are nothing in it. */
function addressPool(bridges: number, jails: number[]): string[] {
  const pool = [
    'any',
    '10.0.0.0/8',
    '192.168.1.0/24',
    '192.168.1.254',
    '203.0.113.80',
    '198.51.100.0/24',
    '<t>',
    'self',
    '(ixl0)',
    'bridge0:network',
    'no-route',
  ];
  for (let b = 0; b < bridges; b++) pool.push(`10.${b}.0.0/24`, `10.${b}.0.1`);
  jails.forEach((b, j) => pool.push(`10.${b}.0.${j + 2}`));
  return pool;
}

function interfacePool(bridges: number, jails: number[]): string[] {
  return [
    'ixl0',
    'lo0',
    'epair',
    'bridge',
    'egress',
    ...Array.from({ length: bridges }, (_, b) => `bridge${b}`),
    ...jails.map((_, j) => `epair${j}a`),
  ];
}

/** `arbitrary` in `yes` of `yes + no` draws, undefined otherwise. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, yes: number, no: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: yes, arbitrary }, { weight: no, arbitrary: fc.constant(undefined) });

const PORTS = ['22', '47123', '> 1024', '1000:2000', '!= 22', '{ 22 80 }', '80'];

function hostTerm(pool: string[]): fc.Arbitrary<string> {
  const one = fc
    .tuple(fc.boolean(), fc.constantFrom(...pool))
    .map(([negated, a]) => (negated && a !== 'any' ? `!${a}` : a));
  return fc.oneof(
    { weight: 5, arbitrary: one },
    { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }).map((items) => `{ ${items.join(' ')} }`) },
  );
}

/** One filter rule of the grammar. */
function filterRule(addresses: string[], interfaces: string[]): fc.Arbitrary<string> {
  return fc
    .record({
      action: fc.constantFrom('pass', 'pass', 'block drop', 'block return', 'block'),
      direction: fc.constantFrom('', ' in', ' out'),
      quick: fc.boolean(),
      on: fc.option(fc.tuple(fc.boolean(), fc.constantFrom(...interfaces)), { nil: undefined }),
      proto: fc.constantFrom('', '', ' proto tcp', ' proto udp', ' proto icmp', ' proto { tcp udp }'),
      from: fc.option(hostTerm(addresses), { nil: undefined }),
      to: fc.option(hostTerm(addresses), { nil: undefined }),
      sport: sometimes(fc.constantFrom(...PORTS), 1, 5),
      dport: sometimes(fc.constantFrom(...PORTS), 2, 3),
      state: fc.constantFrom('', ' keep state', ' no state'),
      // What only the reference evaluates: received-on, and options that make a rule uncertain.
      extra: sometimes(
        fc.constantFrom(' received-on ixl0', ' received-on epair', ' received-on epair0a', ' tagged x', ' user 1000'),
        1,
        6,
      ),
    })
    .map(({ action, direction, quick, on, proto, from, to, sport, dport, state, extra }) => {
      const ported = proto.includes('tcp') || proto.includes('udp');
      const src =
        from === undefined && !(ported && sport)
          ? ''
          : ` from ${from ?? 'any'}${ported && sport ? ` port ${sport}` : ''}`;
      const dst =
        to === undefined && !(ported && dport) ? '' : ` to ${to ?? 'any'}${ported && dport ? ` port ${dport}` : ''}`;
      const hosts = src || dst ? `${src}${dst}` : ' all';
      return `${action}${direction}${quick ? ' quick' : ''}${on ? ` on ${on[0] ? '!' : ''}${on[1]}` : ''}${proto}${hosts}${action === 'pass' ? state : ''}${extra ?? ''}`;
    });
}

/** A ruleset: rules, sometimes inside (possibly quick, possibly nested) anchors, a table and `set skip`. */
/** Lines admins write often, which make states and member/bridge filtering matter together. */
function commonRule(addresses: string[], interfaces: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      'pass all',
      'pass out all keep state',
      'block in all',
      'block all',
      'pass all no state',
      'pass in all keep state',
    ),
    fc
      .tuple(
        fc.constantFrom('pass', 'block', 'pass quick', 'block drop quick'),
        fc.constantFrom('', ' in', ' out'),
        fc.constantFrom(...interfaces),
      )
      .map(([action, direction, on]) => `${action}${direction} on ${on} all`),
    fc
      .tuple(
        fc.constantFrom('block drop quick', 'pass quick', 'block'),
        fc.constantFrom(...addresses),
        fc.constantFrom(...addresses),
      )
      .map(([action, from, to]) => `${action} from ${from} to ${to}`),
    // The newer syntax: nat-to / rdr-to / binat-to on match and pass rules (a match rule's rewrites the
    // packet for the rules after it), the interface a packet came in on, and a table no text declares.
    fc.constantFrom(
      'match out on ixl0 nat-to (ixl0)',
      'match in on ixl0 proto tcp to port 80 rdr-to 10.0.0.2 port 22',
      'pass out on ixl0 from 10.0.0.0/8 nat-to 192.168.1.10',
      'pass in quick on ixl0 proto tcp to port 2001 rdr-to 10.0.0.2 port 22',
      'match on ixl0 from 10.0.0.2 binat-to 192.168.1.77',
      'pass in from <undeclared>',
      'block quick to ! <undeclared>',
      'pass in on ixl0 inet proto tcp to port 8080 rdr-to 10.0.0.3 port 80',
      'match out on ixl0 inet from 10.0.0.0/8 nat-to (ixl0)',
      'pass out on ixl0 inet from 10.1.0.0/24 nat-to 192.168.1.10',
      'block out on bridge0 all received-on ixl0',
      'pass out quick on bridge0 inet proto tcp all received-on ixl0',
    ),
  );
}

function ruleset(addresses: string[], interfaces: string[], maxRules = 6): fc.Arbitrary<string[]> {
  const rule = fc.oneof(
    { weight: 2, arbitrary: filterRule(addresses, interfaces) },
    { weight: 1, arbitrary: commonRule(addresses, interfaces) },
  );
  const anchorHead = fc
    .record({
      direction: fc.constantFrom('', ' in', ' out'),
      quick: fc.boolean(),
      on: fc.option(fc.constantFrom(...interfaces), { nil: undefined }),
    })
    .map(({ direction, quick, on }) => `${direction}${quick ? ' quick' : ''}${on ? ` on ${on}` : ''}`);
  const block: fc.Arbitrary<string[]> = fc.oneof(
    { weight: 6, arbitrary: rule.map((r) => [r]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.nat(99),
          anchorHead,
          fc.array(rule, { minLength: 1, maxLength: 3 }),
          fc.option(fc.tuple(anchorHead, fc.array(rule, { minLength: 1, maxLength: 2 })), { nil: undefined }),
        )
        .map(([n, head, body, nested]) => [
          `anchor "a${n}"${head} {`,
          ...body,
          ...(nested ? [`anchor "n${n}"${nested[0]} {`, ...nested[1], '}'] : []),
          '}',
        ]),
    },
  );
  return fc
    .record({
      table: fc.array(
        fc.constantFrom(...addresses.filter((a) => /^[0-9]/.test(a))).chain((a) => fc.constantFrom(a, `!${a}`)),
        { maxLength: 3 },
      ),
      skip: sometimes(fc.constantFrom(...interfaces), 1, 5),
      blocks: fc.array(block, { maxLength: maxRules }),
    })
    .map(({ table, skip, blocks }) => [
      `table <t> { ${table.join(' ')} }`,
      ...(skip ? [`set skip on ${skip}`] : []),
      ...blocks.flat(),
    ]);
}

const natRules = (bridges: number): fc.Arbitrary<string[]> =>
  fc.array(
    fc.oneof(
      fc.nat(bridges - 1).map((b) => `nat on ixl0 from 10.${b}.0.0/24 to any -> (ixl0)`),
      fc.constant('nat on ixl0 from 10.0.0.0/8 to any -> (ixl0)'),
      fc.constant('nat on ixl0 from any to any -> 192.168.1.10'),
      fc.constant('no nat on ixl0 from 10.0.0.2 to any'),
      // A translation that names a protocol: the matrix's fast path then walks every probe.
      fc.constant('nat on ixl0 proto tcp from 10.0.0.0/8 to any -> (ixl0)'),
      // Port forwards, as tests/sys/netpfil/pf/rdr.sh and Bastille's rdr write them: with and without
      // `pass`, to a port or not, excepted by `no rdr`; one on a bridge turns jails' own traffic to
      // the host aside, so the matrix meets it too. binat maps a jail both ways.
      fc.constant('rdr on ixl0 inet proto tcp from any to any port 2001 -> 10.0.0.2 port 22'),
      fc.constant('rdr pass on ixl0 inet proto tcp from any to (ixl0) port 2001 -> 10.0.0.2 port 22'),
      fc.constant('rdr on ixl0 inet proto udp from any to 192.168.1.10 port 53 -> 10.0.0.3'),
      fc.constant('rdr on bridge0 inet proto tcp from any to 10.0.0.1 port 80 -> 10.0.0.2 port 22'),
      fc.constant('rdr pass on bridge0 inet proto tcp from any to 10.0.0.1 port 1000:2000 -> 10.0.0.3 port 80:*'),
      fc.constant('no rdr on ixl0 inet proto tcp from 192.168.1.254 to any port 2001'),
      fc.constant('binat on ixl0 inet from 10.0.0.2 to any -> 192.168.1.20'),
      fc.constant('rdr on ixl0 inet proto tcp from any to any port = 2001 -> 10.0.0.2 port 22'),
      fc.constant('rdr pass on ixl0 proto tcp to port 8080 -> 10.0.0.3 port 80'),
      fc.constant('binat on ixl0 from 10.0.0.2 to any -> 192.168.1.77'),
    ),
    { maxLength: 3 },
  );

export const auditShape: fc.Arbitrary<AuditShape> = fc
  .record({ bridges: fc.integer({ min: 1, max: 3 }), seeds: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }) })
  .chain(({ bridges, seeds }) => {
    const jails = seeds.map((s) => s % bridges);
    const addresses = addressPool(bridges, jails);
    const jailRule = filterRule(
      ['any', '10.0.0.0/8', '192.168.1.0/24', '203.0.113.80', ...jails.map((b, j) => `10.${b}.0.${j + 2}`)],
      ['lo0', 'epair'],
    );
    return fc.record({
      bridges: fc.constant(bridges),
      jails: fc.constant(jails),
      lan: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      internet: fc.boolean(),
      forwarding: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      bridgeFilter: fc.option(fc.record({ member: fc.boolean(), bridge: fc.boolean() }), { nil: undefined }),
      hostRules: ruleset(addresses, interfacePool(bridges, jails)),
      nat: natRules(bridges),
      jailRules: fc
        .array(fc.tuple(fc.nat(jails.length - 1), fc.array(jailRule, { minLength: 1, maxLength: 3 })), { maxLength: 2 })
        .map((entries) => new Map(entries)),
    });
  });

export function buildAuditTopology(
  shape: AuditShape,
  edit: { hostRules?: (rules: string[]) => string[] } = {},
): Topology {
  const host: Interface[] = [{ kind: 'loopback', id: 'host:lo0', name: 'lo0', up: true, addresses: ['127.0.0.1/8'] }];
  if (shape.lan)
    host.push({ kind: 'physical', id: 'host:ixl0', name: 'ixl0', up: true, addresses: ['192.168.1.10/24'] });
  for (let b = 0; b < shape.bridges; b++) {
    const members = shape.jails.flatMap((bridge, j) => (bridge === b ? [`host:epair${j}a`] : []));
    host.push({
      kind: 'bridge',
      id: `host:bridge${b}`,
      name: `bridge${b}`,
      up: true,
      addresses: [`10.${b}.0.1/24`],
      members,
    });
  }
  shape.jails.forEach((_, j) =>
    host.push({
      kind: 'epair',
      id: `host:epair${j}a`,
      name: `epair${j}a`,
      end: 'a',
      peer: `j${j}:epair${j}b`,
      up: true,
      addresses: [],
    }),
  );
  const hostRules = edit.hostRules ? edit.hostRules(shape.hostRules) : shape.hostRules;
  const input: TopologyInput = {
    format: TOPOLOGY_FORMAT,
    version: TOPOLOGY_VERSION,
    name: 'audit property',
    stacks: [
      {
        kind: 'host',
        id: 'host',
        hostname: 'host.example.org',
        forwarding: { ipv4: shape.forwarding, ipv6: false },
        defaultGateway: shape.lan ? { ipv4: '192.168.1.1' } : {},
        interfaces: host,
        pf: { enabled: true, rules: hostRules.join('\n'), nat: shape.lan ? shape.nat.join('\n') : '' },
        ...(shape.bridgeFilter ? { bridgeFilter: shape.bridgeFilter } : {}),
      },
      ...shape.jails.map((b, j) => {
        const rules = shape.jailRules.get(j);
        return {
          kind: 'jail' as const,
          id: `j${j}`,
          name: `jail${j}`,
          defaultGateway: { ipv4: `10.${b}.0.1` },
          interfaces: [
            { kind: 'loopback' as const, id: `j${j}:lo0`, name: 'lo0', addresses: ['127.0.0.1/8'] },
            {
              kind: 'epair' as const,
              id: `j${j}:epair${j}b`,
              name: `epair${j}b`,
              end: 'b' as const,
              peer: `host:epair${j}a`,
              addresses: [`10.${b}.0.${j + 2}/24`],
            },
          ],
          ...(rules ? { pf: { enabled: true, rules: rules.join('\n'), nat: '' } } : {}),
        };
      }),
    ],
    segments: shape.lan
      ? [
          { kind: 'lan', id: 'lan', name: 'LAN', cidr: '192.168.1.0/24', gateway: '192.168.1.1', uplink: 'host:ixl0' },
          ...(shape.internet ? [{ kind: 'internet' as const, id: 'internet', name: 'Internet', via: 'lan' }] : []),
        ]
      : [],
  };
  return TopologySchema.parse(input);
}

export const auditTopology: fc.Arbitrary<Topology> = auditShape.map((shape) => buildAuditTopology(shape));
