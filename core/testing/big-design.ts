import { TOPOLOGY_FORMAT, TOPOLOGY_VERSION, TopologySchema, type Topology } from '../topology/schema';

/**
 * A large design for benchmarks: `bridges` bridges with `perBridge` jails each, plus `links`
 * jail-to-jail epairs. 50 × 9 + 150 gives 500 boxes and 600 cables.
 */
export function bigDesign(bridges = 50, perBridge = 9, links = 150): Topology {
  const hostInterfaces: unknown[] = [];
  const jails: { kind: 'jail'; id: string; name: string; interfaces: unknown[] }[] = [];
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
        interfaces: [
          {
            kind: 'epair',
            id: `${id}:${z}`,
            name: z,
            end: 'b',
            peer: `host:${a}`,
            addresses: [`10.${b}.0.${j + 2}/24`],
          },
        ],
      });
    }
    hostInterfaces.push({
      kind: 'bridge',
      id: `host:bridge${b}`,
      name: `bridge${b}`,
      addresses: [`10.${b}.0.1/24`],
      members,
    });
  }
  for (let l = 0; l < links; l++) {
    const [p, q] = [jails[l % jails.length]!, jails[(l * 7 + 3) % jails.length]!];
    if (p === q) continue;
    const [a, z] = [`epair${unit}a`, `epair${unit}b`];
    unit++;
    p.interfaces.push({
      kind: 'epair',
      id: `${p.id}:${a}`,
      name: a,
      end: 'a',
      peer: `${q.id}:${z}`,
      addresses: [`172.16.${Math.floor(l / 64)}.${(l % 64) * 4 + 1}/30`],
    });
    q.interfaces.push({
      kind: 'epair',
      id: `${q.id}:${z}`,
      name: z,
      end: 'b',
      peer: `${p.id}:${a}`,
      addresses: [`172.16.${Math.floor(l / 64)}.${(l % 64) * 4 + 2}/30`],
    });
  }
  return TopologySchema.parse({
    format: TOPOLOGY_FORMAT,
    version: TOPOLOGY_VERSION,
    name: 'benchmark',
    stacks: [{ kind: 'host', id: 'host', hostname: 'bench.example.org', interfaces: hostInterfaces }, ...jails],
  });
}
