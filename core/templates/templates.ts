import { formatIPv4 } from '../net/ip';
import {
  TOPOLOGY_FORMAT,
  TOPOLOGY_VERSION,
  TopologySchema,
  type Topology,
  type TopologyInput,
} from '../topology/schema';

// Designs to start from. Each validates clean, so a new user begins from something that works.

interface TemplateInfo {
  id: 'isolated-nat' | 'internet-only' | 'lab';
  title: string;
  description: string;
}

export const TEMPLATES: readonly TemplateInfo[] = [
  {
    id: 'isolated-nat',
    title: 'Isolated network with NAT',
    description: 'A bridge with its own subnet, two jails on it, the host routing and NATing them out of its uplink.',
  },
  {
    id: 'internet-only',
    title: 'Internet-only jail',
    description:
      'One jail on its own bridge that may reach the internet and never the LAN or the host (the Tor-relay case).',
  },
  {
    id: 'lab',
    title: 'Lab of N jails',
    description: 'N jails on one bridge with consecutive addresses, no way out: a playground.',
  },
];

function host(interfaces: TopologyInput['stacks'][number]['interfaces'], extra: Record<string, unknown> = {}) {
  return { kind: 'host' as const, id: 'host', hostname: 'host.example.org', interfaces, ...extra };
}

function uplink() {
  return [{ kind: 'physical' as const, id: 'host:em0', name: 'em0', addresses: ['192.168.1.10/24'] }];
}

function segments() {
  return [
    {
      kind: 'lan' as const,
      id: 'lan',
      name: 'LAN',
      cidr: '192.168.1.0/24',
      gateway: '192.168.1.1',
      uplink: 'host:em0',
    },
    { kind: 'internet' as const, id: 'internet', name: 'Internet', via: 'lan' },
  ];
}

/** `count` jails on bridge0 (subnet 10.<net>.0.0/24, the bridge at .1), each on its own epair. */
function jailsOnBridge(count: number, net: number, prefix: string) {
  const bridgeIfaces = [
    {
      kind: 'bridge' as const,
      id: 'host:bridge0',
      name: 'bridge0',
      addresses: [`10.${net}.0.1/24`],
      members: Array.from({ length: count }, (_, i) => `host:e0a_${prefix}${i + 1}`),
    },
    ...Array.from({ length: count }, (_, i) => ({
      kind: 'epair' as const,
      id: `host:e0a_${prefix}${i + 1}`,
      name: `e0a_${prefix}${i + 1}`,
      end: 'a' as const,
      peer: `${prefix}${i + 1}:e0b_${prefix}${i + 1}`,
    })),
  ];
  const jails = Array.from({ length: count }, (_, i) => ({
    kind: 'jail' as const,
    id: `${prefix}${i + 1}`,
    name: `${prefix}${i + 1}`,
    defaultGateway: { ipv4: `10.${net}.0.1` },
    interfaces: [
      {
        kind: 'epair' as const,
        id: `${prefix}${i + 1}:e0b_${prefix}${i + 1}`,
        name: `e0b_${prefix}${i + 1}`,
        end: 'b' as const,
        peer: `host:e0a_${prefix}${i + 1}`,
        addresses: [`${formatIPv4((10n << 24n) | (BigInt(net) << 16n) | BigInt(i + 2))}/24`],
      },
    ],
  }));
  return { bridgeIfaces, jails };
}

function topology(name: string, input: Omit<TopologyInput, 'format' | 'version' | 'name'>): Topology {
  return TopologySchema.parse({ format: TOPOLOGY_FORMAT, version: TOPOLOGY_VERSION, name, ...input });
}

export function isolatedNat(): Topology {
  const { bridgeIfaces, jails } = jailsOnBridge(2, 10, 'app');
  return topology('Isolated network with NAT', {
    stacks: [
      host([...uplink(), ...bridgeIfaces], {
        forwarding: { ipv4: true, ipv6: false },
        defaultGateway: { ipv4: '192.168.1.1' },
        nat: [{ egress: 'host:em0', sources: ['10.10.0.0/24'] }],
      }),
      ...jails,
    ],
    segments: segments(),
  });
}

export function internetOnly(): Topology {
  const { bridgeIfaces, jails } = jailsOnBridge(1, 20, 'relay');
  return topology('Internet-only jail', {
    stacks: [
      host([...uplink(), ...bridgeIfaces], {
        forwarding: { ipv4: true, ipv6: false },
        defaultGateway: { ipv4: '192.168.1.1' },
        nat: [{ egress: 'host:em0', sources: ['10.20.0.0/24'] }],
      }),
      ...jails,
    ],
    segments: segments(),
    intents: [
      {
        kind: 'internet-only',
        id: 'relay-internet-only',
        subject: { kind: 'stack', id: 'relay1' },
        description: 'the internet, never the LAN or the host',
      },
    ],
  });
}

/**
 * How many jails a lab may have: at least one, and at most what its /24 holds beside the bridge's .1 with room to
 * spare.
 */
export const LAB_SIZE = { min: 1, max: 250, default: 4 } as const;

/**
 * The number of jails typed for a lab, or why it is not one: a whole number from LAB_SIZE.min to
 * LAB_SIZE.max, in words that name the field.
 */
export function readLabSize(text: string): { ok: true; count: number } | { ok: false; reason: string } {
  const trimmed = text.trim();
  const range = `${LAB_SIZE.min} to ${LAB_SIZE.max}`;
  if (trimmed === '') return { ok: false, reason: `Number of jails is empty: type a whole number from ${range}.` };
  if (!/^[0-9]+$/.test(trimmed))
    return { ok: false, reason: `Number of jails "${trimmed}" is not a whole number: type one from ${range}.` };
  const count = Number(trimmed);
  if (count < LAB_SIZE.min || count > LAB_SIZE.max)
    return { ok: false, reason: `Number of jails ${count} is out of range: a lab has ${range} jails.` };
  return { ok: true, count };
}

/** The lab's name: "Lab of 1 jail", "Lab of 7 jails". */
export function labName(count: number): string {
  return `Lab of ${count} jail${count === 1 ? '' : 's'}`;
}

/** A lab of `count` jails (LAB_SIZE.min to LAB_SIZE.max) on one bridge. */
export function lab(count: number): Topology {
  if (!Number.isInteger(count) || count < LAB_SIZE.min || count > LAB_SIZE.max)
    throw new RangeError(`A lab has ${LAB_SIZE.min} to ${LAB_SIZE.max} jails; ${count} was asked for.`);
  const { bridgeIfaces, jails } = jailsOnBridge(count, 30, 'lab');
  // No way out, so no default route: the jails talk to each other on the bridge and nothing else.
  return topology(labName(count), {
    stacks: [host(bridgeIfaces), ...jails.map(({ defaultGateway, ...jail }) => jail)],
  });
}

export function fromTemplate(id: TemplateInfo['id'], count: number = LAB_SIZE.default): Topology {
  return id === 'isolated-nat' ? isolatedNat() : id === 'internet-only' ? internetOnly() : lab(count);
}
