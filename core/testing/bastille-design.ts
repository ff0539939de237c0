import { TOPOLOGY_VERSION, TopologySchema, type PrintedPfRuleset, type Topology } from '../topology/schema';

// A host set up the way Bastille sets one up by default (BastilleBSD/bastille docs, "Networking":
// a loopback clone `bastille0`, here lo1, carrying each jail's address as an alias; jail.conf with
// `interface = bastille0; ip4.addr = 10.17.89.N;`; pf.conf with `table <jails> persist`,
// `nat on $ext_if from <jails> to any -> ($ext_if)`). The jails web and db are shared-IP jails whose
// addresses jail(8) adds to lo1 (usr.sbin/jail/command.c IP__IP4_IFADDR), em0 is on the LAN
// 192.168.1.0/24 whose gateway leads to the internet. The table is written inline with the two jail
// addresses, as `pfctl -t jails -T add` leaves it at run time.

export const BASTILLE_JAIL_ADDRESSES = { web: '10.17.89.1', db: '10.17.89.2' } as const;

/** The host's pf, as pfctl prints it: translation and filter rules apart (nat first, then rules). */
export function bastillePf(filterRules: readonly string[] = []): PrintedPfRuleset {
  return {
    enabled: true,
    nat: 'nat on em0 inet from <jails> to any -> (em0) round-robin\n',
    rules: [
      `table <jails> persist { ${BASTILLE_JAIL_ADDRESSES.web} ${BASTILLE_JAIL_ADDRESSES.db} }`,
      'pass all flags S/SA keep state',
      ...filterRules,
    ].join('\n'),
  };
}

/**
 * The Bastille-style design; `filterRules` go after `pass all` (pf's last matching rule decides, so
 * `block in on lo1` there blocks), `skip` names interfaces for `set skip on`.
 */
export function bastilleDesign(options: { filterRules?: readonly string[]; skip?: readonly string[] } = {}): Topology {
  const pf = bastillePf(options.filterRules);
  const rules = options.skip?.length ? `set skip on { ${options.skip.join(' ')} }\n${pf.rules}` : pf.rules;
  return TopologySchema.parse({
    format: 'patchbay.topology',
    version: TOPOLOGY_VERSION,
    name: 'Bastille-style host',
    stacks: [
      {
        kind: 'host',
        id: 'host',
        hostname: 'bastille.example.org',
        forwarding: { ipv4: false, ipv6: false },
        defaultGateway: { ipv4: '192.168.1.1' },
        pf: { ...pf, rules },
        interfaces: [
          { kind: 'loopback', id: 'host:lo0', name: 'lo0', addresses: ['127.0.0.1/8', '::1/128'] },
          { kind: 'physical', id: 'host:em0', name: 'em0', description: 'uplink', addresses: ['192.168.1.10/24'] },
          { kind: 'loopback', id: 'host:lo1', name: 'lo1', description: 'bastille0', addresses: [] },
        ],
      },
      {
        kind: 'jail',
        id: 'web',
        name: 'web',
        sharedIp: { ip4: [{ interface: 'host:lo1', address: `${BASTILLE_JAIL_ADDRESSES.web}/32` }], ip6: [] },
      },
      {
        kind: 'jail',
        id: 'db',
        name: 'db',
        sharedIp: { ip4: [{ interface: 'host:lo1', address: `${BASTILLE_JAIL_ADDRESSES.db}/32` }], ip6: [] },
      },
    ],
    segments: [
      { kind: 'lan', id: 'lan', name: 'LAN', cidr: '192.168.1.0/24', gateway: '192.168.1.1', uplink: 'host:em0' },
      { kind: 'internet', id: 'internet', name: 'Internet', via: 'lan' },
    ],
  });
}

/** The Bastille-style design and one more shared-IP jail, inh, with every host address (`ip4 = inherit`, ip6 too). */
export function bastilleWithInherit(): Topology {
  const design = bastilleDesign();
  return TopologySchema.parse({
    ...design,
    stacks: [...design.stacks, { kind: 'jail', id: 'inh', name: 'inh', sharedIp: { ip4: 'inherit', ip6: 'inherit' } }],
  });
}
