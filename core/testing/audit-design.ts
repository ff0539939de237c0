import { TOPOLOGY_FORMAT, TOPOLOGY_VERSION, TopologySchema, type Topology } from '../topology/schema';

/**
 * The audit benchmark's network: `bridges` bridges of `perBridge` jails each behind a host that
 * forwards and nats out of ixl0 to a LAN with an internet behind it, and a host pf ruleset of about
 * five rules per bridge (blocks between neighbouring jail nets, a database port opened across,
 * some nets kept off the LAN, icmp allowed, ssh closed on the first jail of each bridge).
 * 100 × 10 gives 1,000 jails and 500 filter rules.
 */
export function auditDesign(bridges = 100, perBridge = 10, options: { rdr?: boolean } = {}): Topology {
  const hostInterfaces: unknown[] = [
    { kind: 'loopback', id: 'host:lo0', name: 'lo0', addresses: ['127.0.0.1/8'] },
    { kind: 'physical', id: 'host:ixl0', name: 'ixl0', addresses: ['192.168.1.10/24'] },
  ];
  const jails: unknown[] = [];
  const net = (b: number) => `10.${Math.floor(b / 250)}.${b % 250}`;
  const rules: string[] = ['set skip on lo0', 'table <lan> const { 192.168.1.0/24 }'];
  const nat: string[] = [];
  let unit = 0;
  for (let b = 0; b < bridges; b++) {
    const members: string[] = [];
    for (let j = 0; j < perBridge; j++) {
      const id = `j${b}_${j}`;
      const [a, z] = [`epair${unit}a`, `epair${unit}b`];
      unit++;
      members.push(`host:${a}`);
      hostInterfaces.push({ kind: 'epair', id: `host:${a}`, name: a, end: 'a', peer: `${id}:${z}` });
      jails.push({
        kind: 'jail',
        id,
        name: id.replace('_', '-'),
        defaultGateway: { ipv4: `${net(b)}.1` },
        interfaces: [
          {
            kind: 'epair',
            id: `${id}:${z}`,
            name: z,
            end: 'b',
            peer: `host:${a}`,
            addresses: [`${net(b)}.${j + 2}/24`],
          },
        ],
      });
    }
    hostInterfaces.push({
      kind: 'bridge',
      id: `host:bridge${b}`,
      name: `bridge${b}`,
      addresses: [`${net(b)}.1/24`],
      members,
    });
    const here = `${net(b)}.0/24`;
    rules.push(
      `block drop quick from ${here} to ${net((b + 1) % bridges)}.0/24`,
      `pass quick proto tcp from ${here} to ${net((b + 2) % bridges)}.0/24 port 5432 keep state`,
      b % 3 === 0 ? `block drop from ${here} to <lan>` : `pass from ${here} to any keep state`,
      `pass in on bridge${b} inet proto icmp from ${here} to any keep state`,
      `block drop quick proto tcp from ${net(b)}.2 to any port 22`,
    );
    nat.push(`nat on ixl0 inet from ${here} to any -> (ixl0) round-robin`);
  }
  // With `rdr`: one port forward per bridge to its second jail's ssh, in an rdr-anchor per bridge as
  // Bastille's rdr writes them (`rdr-anchor "rdr/*"`, one child anchor per jail), half of them `pass`.
  if (options.rdr) {
    nat.push('rdr-anchor "rdr/*" all {');
    for (let b = 0; b < bridges; b++)
      nat.push(
        `  rdr-anchor "b${b}" all {`,
        `    rdr${b % 2 ? ' pass' : ''} on ixl0 inet proto tcp from any to any port = ${2000 + b} -> ${net(b)}.3 port 22`,
        '  }',
      );
    nat.push('}');
    rules.push('pass in on ixl0 inet proto tcp from any to 10.0.0.0/8 port = 22 keep state');
  }
  return TopologySchema.parse({
    format: TOPOLOGY_FORMAT,
    version: TOPOLOGY_VERSION,
    name: 'audit benchmark',
    stacks: [
      {
        kind: 'host',
        id: 'host',
        hostname: 'bench.example.org',
        interfaces: hostInterfaces,
        forwarding: { ipv4: true, ipv6: false },
        defaultGateway: { ipv4: '192.168.1.1' },
        pf: { enabled: true, rules: rules.join('\n'), nat: nat.join('\n') },
      },
      ...jails,
    ],
    segments: [
      { kind: 'lan', id: 'lan', name: 'LAN', cidr: '192.168.1.0/24', gateway: '192.168.1.1', uplink: 'host:ixl0' },
      { kind: 'internet', id: 'internet', name: 'Internet', via: 'lan' },
    ],
  });
}
