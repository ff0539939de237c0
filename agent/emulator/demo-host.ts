import { blogNetwork } from '../../core/demo/blog-network';
import { compilePf } from '../../core/pf/compile';
import { cableMac, cableOf } from '../../core/topology/cable';
import { markDescription } from '../../core/topology/ownership';
import type { EpairEnd, Topology } from '../../core/topology/schema';
import { chatterFlows } from './background-traffic';
import { FreebsdEmulator } from './emulator';
import { LOAD_PF_CONF, PATCHBAY_PF_HOOKS, pfConfFiles } from './pf/hooks';
import type { HostState } from './state';
import type { TrafficFlow } from './traffic';

// The embedded demo host: the blog diagram (docs/architecture.md) built the way an admin (or Patchbay's apply) would,
// command by command, so everything read back from it went through real argv and real formats, and
// the strict emulator checked every line: cables made with `ifconfig epair create` and renamed, each
// ifconfig call with its address family first, pf's main ruleset from /etc/pf.conf with Patchbay's
// hook lines, and Patchbay's anchors holding what the demo design compiles to (so planning the demo
// design onto it is empty).

type Step = { argv: string[]; jail?: string; stdin?: string };

interface DemoJail {
  name: string;
  /** The host's bridge its cable's a end is a member of. */
  bridge: string;
  /** The cable's ends: a on the host, b in the jail. */
  cable: { a: string; b: string };
  address: string;
  gateway: string;
}

/** The host name and the jails, as the demo design (core/demo/blog-network.ts) has them. */
function fromDesign(design: Topology): { hostname: string; jails: DemoJail[] } {
  const host = design.stacks.find((s) => s.kind === 'host');
  if (!host) throw new Error('demo host: the demo design has no host stack');
  const jails = design.stacks.flatMap((stack) => {
    if (stack.kind !== 'jail') return [];
    const end = stack.interfaces.find((i): i is EpairEnd => i.kind === 'epair');
    const cable = end && cableOf(design, end);
    const bridge = end && host.interfaces.find((i) => i.kind === 'bridge' && i.members.includes(end.peer));
    const [address] = end?.addresses ?? [];
    const gateway = stack.defaultGateway.ipv4;
    if (!cable || !bridge || address === undefined || gateway === undefined)
      throw new Error(
        `demo host: jail ${stack.name} is not one cable to a host bridge with an IPv4 address and gateway`,
      );
    return [{ name: stack.name, bridge: bridge.name, cable, address, gateway }];
  });
  return { hostname: host.hostname, jails };
}

const { hostname: HOSTNAME, jails: JAILS } = fromDesign(blogNetwork());

/** The admin's /etc/pf.conf: Patchbay's hook lines added once, everything else passed. */
const PF_CONF = `${PATCHBAY_PF_HOOKS}pass all\n`;

/** Runs one step; a failing one is a broken demo. Gives its stdout. */
function run(host: FreebsdEmulator, step: Step): string {
  const result = host.runSync(step);
  if (result.code !== 0)
    throw new Error(
      `demo host: ${step.jail ? `[${step.jail}] ` : ''}${step.argv.join(' ')} failed: ${result.stderr.trim()}`,
    );
  return result.stdout;
}

function build(host: FreebsdEmulator): void {
  run(host, { argv: ['ifconfig', 'ixl0', 'description', 'uplink'] });
  run(host, {
    argv: ['ifconfig', 'bridge0', 'create', 'inet', '10.0.0.1/24', 'description', markDescription('jails'), 'up'],
  });
  run(host, {
    argv: [
      'ifconfig',
      'bridge1',
      'create',
      'inet',
      '10.0.1.1/24',
      'description',
      markDescription('tor relay, internet only'),
      'up',
    ],
  });
  // Each cable is made, renamed and handed over before the next one, as a jail start would.
  for (const jail of JAILS) {
    const { a, b } = jail.cable;
    const mark = markDescription(undefined, { a, b });
    // `ifconfig epair create` prints the a end's name; the b end is its name with b.
    const made = run(host, { argv: ['ifconfig', 'epair', 'create'] }).trim();
    run(host, {
      argv: ['ifconfig', made, 'ether', cableMac(HOSTNAME, { a, b }, 'a'), 'name', a, 'description', mark, 'up'],
    });
    run(host, {
      argv: [
        'ifconfig',
        made.replace(/a$/, 'b'),
        'ether',
        cableMac(HOSTNAME, { a, b }, 'b'),
        'name',
        b,
        'description',
        mark,
      ],
    });
    run(host, { argv: ['ifconfig', jail.bridge, 'addm', a] });
    run(host, {
      argv: ['jail', '-c', `name=${jail.name}`, 'persist', 'vnet', 'children.max=0', `vnet.interface=${b}`],
    });
    run(host, { jail: jail.name, argv: ['ifconfig', 'lo0', 'inet', '127.0.0.1/8', 'alias', 'up'] });
    run(host, { jail: jail.name, argv: ['ifconfig', b, 'inet', jail.address, 'alias', 'up'] });
    run(host, { jail: jail.name, argv: ['route', 'add', 'default', jail.gateway] });
  }
  run(host, { argv: ['sysctl', 'net.inet.ip.forwarding=1'] });
  run(host, { argv: ['route', 'add', 'default', '192.168.1.1'] });
  run(host, { argv: [...LOAD_PF_CONF] });
  for (const [anchor, rules] of compilePf(blogNetwork()))
    run(host, { argv: ['pfctl', '-a', anchor, '-f', '-'], stdin: `${rules.join('\n')}\n` });
  run(host, { argv: ['pfctl', '-e'] });
}

/** Synthetic traffic that follows the demo's paths: jails talking to the internet and to each other. */
export const DEMO_FLOWS: TrafficFlow[] = [
  {
    id: 'snort-out',
    from: { jail: 'snort-jail', ifname: 'e0b_snort_jail' },
    to: 'uplink',
    bytesPerSecond: 1_250_000,
    packetsPerSecond: 900,
  },
  {
    id: 'www-out',
    from: { jail: 'www-jail', ifname: 'e0b_www_jail' },
    to: 'uplink',
    bytesPerSecond: 4_000_000,
    packetsPerSecond: 3_100,
  },
  {
    id: 'www-to-snort',
    from: { jail: 'www-jail', ifname: 'e0b_www_jail' },
    to: { jail: 'snort-jail', ifname: 'e0b_snort_jail' },
    bytesPerSecond: 600_000,
    packetsPerSecond: 420,
  },
  {
    id: 'tor-out',
    from: { jail: 'tor-relay', ifname: 'e0b_tor_relay' },
    to: 'uplink',
    bytesPerSecond: 8_000_000,
    packetsPerSecond: 6_000,
  },
];

/**
 * What the running demo sends on one tick: the scripted flows, plus chatter from every other jail
 * interface, worked out from the state each time because an apply may have added jails since.
 */
export function demoFlows(state: HostState): TrafficFlow[] {
  return [...DEMO_FLOWS, ...chatterFlows(state, DEMO_FLOWS)];
}

export function createDemoHost(seed = 7): FreebsdEmulator {
  const host = new FreebsdEmulator({
    release: '14',
    hostname: HOSTNAME,
    seed,
    files: pfConfFiles(PF_CONF),
    // Media and options are the vtnet0 lines of the 14.x fixture; a real ixl0 reports its own capabilities.
    nics: [
      {
        name: 'ixl0',
        addresses: ['192.168.1.10/24'],
        media: 'Ethernet autoselect (10Gbase-T <full-duplex>)',
        options: 'c00b9<RXCSUM,VLAN_MTU,VLAN_HWTAGGING,JUMBO_MTU,VLAN_HWCSUM,VLAN_HWTSO,LINKSTATE>',
      },
    ],
  });
  build(host);
  return host;
}
