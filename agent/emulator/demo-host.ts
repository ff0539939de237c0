import { blogNetwork } from '../../core/demo/blog-network';
import { compilePf } from '../../core/pf/compile';
import { cableMac } from '../../core/topology/cable';
import { markDescription } from '../../core/topology/ownership';
import { chatterFlows } from './background-traffic';
import { FreebsdEmulator } from './emulator';
import { LOAD_PF_CONF, pfConfFiles } from './pf/hooks';
import type { HostState } from './state';
import type { Flow } from './traffic';

// The embedded demo host: DESIGN.md's diagram built the way an admin (or Patchbay's apply) would,
// command by command, so everything read back from it went through real argv and real formats, and
// the strict emulator checked every line: cables made with `ifconfig epair create` and renamed, each
// ifconfig call with its address family first, pf's main ruleset from /etc/pf.conf with Patchbay's
// hook lines, and Patchbay's anchors holding what the demo design compiles to (so planning the demo
// design onto it is empty).

type Step = { argv: string[]; jail?: string; stdin?: string };

const HOSTNAME = 'gateway.example.org';
const JAILS = [
  { name: 'snort-jail', tag: 'snort_jail', bridge: 'bridge0', address: '10.0.0.2/24', gateway: '10.0.0.1' },
  { name: 'www-jail', tag: 'www_jail', bridge: 'bridge0', address: '10.0.0.3/24', gateway: '10.0.0.1' },
  { name: 'tor-relay', tag: 'tor_relay', bridge: 'bridge1', address: '10.0.1.2/24', gateway: '10.0.1.1' },
];

/** The admin's /etc/pf.conf: Patchbay's hook lines added once, everything else passed. */
const PF_CONF = 'nat-anchor "patchbay/*"\nanchor "patchbay/*"\npass all\n';

/** The two ends of a jail's cable; the emulator prints the kernel's name for the new epair. */
function cable(jail: (typeof JAILS)[number]) {
  return { a: `e0a_${jail.tag}`, b: `e0b_${jail.tag}` };
}

function steps(host: FreebsdEmulator): Step[] {
  const list: Step[] = [
    { argv: ['ifconfig', 'ixl0', 'description', 'uplink'] },
    { argv: ['ifconfig', 'bridge0', 'create', 'inet', '10.0.0.1/24', 'description', markDescription('jails'), 'up'] },
    { argv: ['ifconfig', 'bridge1', 'create', 'inet', '10.0.1.1/24', 'description', markDescription('tor relay, internet only'), 'up'] },
  ];
  runAll(host, list.splice(0));
  for (const jail of JAILS) {
    const { a, b } = cable(jail);
    const mark = markDescription(undefined, { a, b });
    // `ifconfig epair create` prints the a end's name; run it now, the b end is its name with b.
    const made = host.runSync({ argv: ['ifconfig', 'epair', 'create'] }).stdout.trim();
    list.push(
      { argv: ['ifconfig', made, 'ether', cableMac(HOSTNAME, { a, b }, 'a'), 'name', a, 'description', mark, 'up'] },
      { argv: ['ifconfig', made.replace(/a$/, 'b'), 'ether', cableMac(HOSTNAME, { a, b }, 'b'), 'name', b, 'description', mark] },
      { argv: ['ifconfig', jail.bridge, 'addm', a] },
      { argv: ['jail', '-c', `name=${jail.name}`, 'persist', 'vnet', 'children.max=0', `vnet.interface=${b}`] },
      { jail: jail.name, argv: ['ifconfig', 'lo0', 'inet', '127.0.0.1/8', 'alias', 'up'] },
      { jail: jail.name, argv: ['ifconfig', b, 'inet', jail.address, 'alias', 'up'] },
      { jail: jail.name, argv: ['route', 'add', 'default', jail.gateway] },
    );
    // Each cable is made, renamed and handed over before the next one, as a jail start would.
    runAll(host, list.splice(0));
  }
  list.push({ argv: ['sysctl', 'net.inet.ip.forwarding=1'] }, { argv: ['route', 'add', 'default', '192.168.1.1'] }, { argv: [...LOAD_PF_CONF] });
  for (const [anchor, rules] of compilePf(blogNetwork())) list.push({ argv: ['pfctl', '-a', anchor, '-f', '-'], stdin: `${rules.join('\n')}\n` });
  list.push({ argv: ['pfctl', '-e'] });
  return list;
}

function runAll(host: FreebsdEmulator, list: Step[]) {
  for (const step of list) {
    const result = host.runSync(step);
    if (result.code !== 0) throw new Error(`demo host: ${step.jail ? `[${step.jail}] ` : ''}${step.argv.join(' ')} failed: ${result.stderr.trim()}`);
  }
}

/** Synthetic traffic that follows the demo's paths: jails talking to the internet and to each other. */
export const DEMO_FLOWS: Flow[] = [
  { id: 'snort-out', from: { jail: 'snort-jail', ifname: 'e0b_snort_jail' }, to: 'uplink', bytesPerSecond: 1_250_000, packetsPerSecond: 900 },
  { id: 'www-out', from: { jail: 'www-jail', ifname: 'e0b_www_jail' }, to: 'uplink', bytesPerSecond: 4_000_000, packetsPerSecond: 3_100 },
  { id: 'www-to-snort', from: { jail: 'www-jail', ifname: 'e0b_www_jail' }, to: { jail: 'snort-jail', ifname: 'e0b_snort_jail' }, bytesPerSecond: 600_000, packetsPerSecond: 420 },
  { id: 'tor-out', from: { jail: 'tor-relay', ifname: 'e0b_tor_relay' }, to: 'uplink', bytesPerSecond: 8_000_000, packetsPerSecond: 6_000 },
];

/**
 * What the running demo sends on one tick: the scripted flows, plus chatter from every other jail
 * interface, worked out from the state each time because an apply may have added jails since.
 */
export function demoFlows(state: HostState): Flow[] {
  return [...DEMO_FLOWS, ...chatterFlows(state, DEMO_FLOWS)];
}

export function createDemoHost(seed = 7): FreebsdEmulator {
  const host = new FreebsdEmulator({
    release: '14',
    hostname: HOSTNAME,
    seed,
    files: pfConfFiles(PF_CONF),
    // Media and options are the vtnet0 lines of the 14.x fixture; a real ixl0 reports its own capabilities.
    nics: [{ name: 'ixl0', addresses: ['192.168.1.10/24'], media: 'Ethernet autoselect (10Gbase-T <full-duplex>)', options: 'c00b9<RXCSUM,VLAN_MTU,VLAN_HWTAGGING,JUMBO_MTU,VLAN_HWCSUM,VLAN_HWTSO,LINKSTATE>' }],
  });
  runAll(host, steps(host));
  return host;
}
