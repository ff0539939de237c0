import { markDescription } from '../../core/topology/ownership';
import { chatterFlows } from './background-traffic';
import { FreebsdEmulator } from './emulator';
import type { HostState } from './state';
import type { Flow } from './traffic';

// The embedded demo host: DESIGN.md's diagram built the way an admin (or Patchbay's apply) would,
// command by command, so everything read back from it went through real argv and real formats.

type Step = { argv: string[]; jail?: string; stdin?: string };

const JAILS = [
  { name: 'snort-jail', unit: 1, bridge: 'bridge0', address: '10.0.0.2/24', gateway: '10.0.0.1' },
  { name: 'www-jail', unit: 2, bridge: 'bridge0', address: '10.0.0.3/24', gateway: '10.0.0.1' },
  { name: 'tor-relay', unit: 3, bridge: 'bridge1', address: '10.0.1.2/24', gateway: '10.0.1.1' },
];

const NAT_RULES = 'nat on ixl0 from { 10.0.0.0/24, 10.0.1.0/24 } to any -> (ixl0)\n';
const TOR_RULES = 'block drop quick from 10.0.1.0/24 to 192.168.1.0/24\nblock drop quick from 10.0.1.0/24 to 10.0.0.0/24\npass from 10.0.1.0/24 to any keep state\n';

function steps(): Step[] {
  const list: Step[] = [
    { argv: ['ifconfig', 'ixl0', 'description', 'uplink'] },
    { argv: ['ifconfig', 'bridge0', 'create'] },
    { argv: ['ifconfig', 'bridge0', 'inet', '10.0.0.1/24', 'description', markDescription('jails'), 'up'] },
    { argv: ['ifconfig', 'bridge1', 'create'] },
    { argv: ['ifconfig', 'bridge1', 'inet', '10.0.1.1/24', 'description', markDescription('tor relay, internet only'), 'up'] },
  ];
  for (const jail of JAILS) {
    const [a, b] = [`epair${jail.unit}a`, `epair${jail.unit}b`];
    list.push(
      { argv: ['ifconfig', `epair${jail.unit}`, 'create'] },
      { argv: ['ifconfig', a, 'description', markDescription(), 'up'] },
      { argv: ['ifconfig', jail.bridge, 'addm', a] },
      { argv: ['jail', '-c', `name=${jail.name}`, 'persist', 'vnet', `vnet.interface=${b}`] },
      { jail: jail.name, argv: ['ifconfig', 'lo0', 'inet', '127.0.0.1/8', 'up'] },
      { jail: jail.name, argv: ['ifconfig', b, 'inet', jail.address, 'description', markDescription(), 'up'] },
      { jail: jail.name, argv: ['route', 'add', 'default', jail.gateway] },
    );
  }
  list.push(
    { argv: ['sysctl', 'net.inet.ip.forwarding=1'] },
    { argv: ['route', 'add', 'default', '192.168.1.1'] },
    { argv: ['pfctl', '-e'] },
    { argv: ['pfctl', '-a', 'patchbay/nat', '-f', '-'], stdin: NAT_RULES },
    { argv: ['pfctl', '-a', 'patchbay/tor-relay', '-f', '-'], stdin: TOR_RULES },
  );
  return list;
}

/** Synthetic traffic that follows the demo's paths: jails talking to the internet and to each other. */
export const DEMO_FLOWS: Flow[] = [
  { id: 'snort-out', from: { jail: 'snort-jail', ifname: 'epair1b' }, to: 'uplink', bytesPerSecond: 1_250_000, packetsPerSecond: 900 },
  { id: 'www-out', from: { jail: 'www-jail', ifname: 'epair2b' }, to: 'uplink', bytesPerSecond: 4_000_000, packetsPerSecond: 3_100 },
  { id: 'www-to-snort', from: { jail: 'www-jail', ifname: 'epair2b' }, to: { jail: 'snort-jail', ifname: 'epair1b' }, bytesPerSecond: 600_000, packetsPerSecond: 420 },
  { id: 'tor-out', from: { jail: 'tor-relay', ifname: 'epair3b' }, to: 'uplink', bytesPerSecond: 8_000_000, packetsPerSecond: 6_000 },
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
    hostname: 'gateway.example.org',
    seed,
    // Media and options are the vtnet0 lines of the 14.x fixture; a real ixl0 reports its own capabilities.
    nics: [{ name: 'ixl0', addresses: ['192.168.1.10/24'], media: 'Ethernet autoselect (10Gbase-T <full-duplex>)', options: 'c00b9<RXCSUM,VLAN_MTU,VLAN_HWTAGGING,JUMBO_MTU,VLAN_HWCSUM,VLAN_HWTSO,LINKSTATE>' }],
  });
  for (const step of steps()) {
    const result = host.runSync(step);
    if (result.code !== 0) throw new Error(`demo host: ${step.argv.join(' ')} failed: ${result.stderr.trim()}`);
  }
  return host;
}
