import { describe, expect, it } from 'vitest';
import { parseNetstatInterfaces } from '../freebsd/netstat-interfaces';
import { chatterFlows } from './background-traffic';
import { createDemoHost, DEMO_FLOWS, demoFlows } from './demo-host';
import type { FreebsdEmulator } from './emulator';
import { auditPath } from './audit-path';
import { structuralPath, tick, type PathFinder } from './traffic';

function sh(host: FreebsdEmulator, argv: string[], jail?: string) {
  const result = host.runSync({ argv, ...(jail ? { jail } : {}) });
  expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout.trim();
}

function counters(host: FreebsdEmulator, jail?: string) {
  const out = sh(host, ['netstat', ...(jail ? ['-j', jail] : []), '-i', '-b', '-n', '--libxo', 'json']);
  return new Map(parseNetstatInterfaces(out).map((c) => [c.name, c]));
}

/** A jail added to the demo host the way an apply would, command by command; returns its epair ends. */
function addJail(
  host: FreebsdEmulator,
  name: string,
  address: string,
  options: { bridge?: string; gateway?: string } = {},
) {
  const a = sh(host, ['ifconfig', 'epair', 'create']);
  const b = a.replace(/a$/, 'b');
  if (options.bridge) {
    sh(host, ['ifconfig', a, 'up']);
    sh(host, ['ifconfig', options.bridge, 'addm', a]);
  }
  sh(host, ['jail', '-c', `name=${name}`, 'persist', 'vnet']);
  sh(host, ['ifconfig', b, 'vnet', name]);
  sh(host, ['ifconfig', b, 'inet', address, 'up'], name);
  if (options.gateway) sh(host, ['route', 'add', 'default', options.gateway], name);
  return { a, b };
}

// The agent ticks chatter on the audit's paths; both finders agree on these.
describe.each<[string, PathFinder]>([
  ['structural', structuralPath],
  ['audit', auditPath],
])('background chatter, %s paths', (_, findPath) => {
  it('moves the counters of a jail made after the demo host was built', () => {
    const host = createDemoHost();
    // With its default route, as an apply gives it: without one the audit (rightly) finds no way out.
    const { a, b } = addJail(host, 'db-jail', '10.0.0.4/24', { bridge: 'bridge0', gateway: '10.0.0.1' });
    const flow = demoFlows(host.state).find((f) => f.from.jail === 'db-jail')!;
    expect(flow).toMatchObject({ from: { jail: 'db-jail', ifname: b }, to: 'uplink' });
    expect(tick(host.state, demoFlows(host.state), 2, findPath)).toEqual([]);
    const sent = BigInt(Math.round(flow.bytesPerSecond * 2));
    expect(counters(host, 'db-jail').get(b)!.sentBytes).toBe(sent);
    expect(counters(host).get(a)!.receivedBytes).toBe(sent);
  });

  it('keeps an unwired jail silent: the flow finds no path', () => {
    const host = createDemoHost();
    const { b } = addJail(host, 'island', '10.9.0.2/24');
    const flows = demoFlows(host.state);
    expect(flows.map((f) => f.id)).toContain(`chatter:island/${b}`);
    expect(tick(host.state, flows, 2, findPath)).toEqual([`chatter:island/${b}`]);
    expect(counters(host, 'island').get(b)!.sentBytes).toBe(0n);
  });
});

describe('background chatter', () => {
  it('gives the same rates on every call and every host, within 20..200 kB/s', () => {
    const build = () => {
      const host = createDemoHost();
      addJail(host, 'db-jail', '10.0.0.4/24', { bridge: 'bridge0' });
      addJail(host, 'cache', '10.0.0.5/24', { bridge: 'bridge0' });
      return host;
    };
    const host = build();
    const flows = chatterFlows(host.state, DEMO_FLOWS);
    expect(flows).toHaveLength(2);
    expect(chatterFlows(host.state, DEMO_FLOWS)).toEqual(flows);
    expect(chatterFlows(build().state, DEMO_FLOWS)).toEqual(flows);
    for (const flow of flows) {
      expect(flow.bytesPerSecond).toBeGreaterThanOrEqual(20_000);
      expect(flow.bytesPerSecond).toBeLessThanOrEqual(200_000);
      expect(flow.packetsPerSecond).toBe(Math.round(flow.bytesPerSecond / 800));
    }
    expect(flows[0]!.bytesPerSecond).not.toBe(flows[1]!.bytesPerSecond);
  });

  it('does not double the demo flows, and skips loopbacks', () => {
    const host = createDemoHost();
    expect(chatterFlows(host.state, DEMO_FLOWS)).toEqual([]);
    expect(demoFlows(host.state)).toEqual(DEMO_FLOWS);
    // Without the scripted flows, each demo jail chatters from its epair end and never from lo0.
    expect(chatterFlows(host.state).map((f) => f.id)).toEqual([
      'chatter:snort-jail/e0b_snort_jail',
      'chatter:www-jail/e0b_www_jail',
      'chatter:tor-relay/e0b_tor_relay',
    ]);
  });

  it('gives a down interface no flow', () => {
    const host = createDemoHost();
    const { b } = addJail(host, 'db-jail', '10.0.0.4/24', { bridge: 'bridge0' });
    sh(host, ['ifconfig', b, 'down'], 'db-jail');
    expect(chatterFlows(host.state, DEMO_FLOWS)).toEqual([]);
  });

  it('gives an interface without an IPv4 address no flow', () => {
    const host = createDemoHost();
    const { b } = addJail(host, 'db-jail', '10.0.0.4/24', { bridge: 'bridge0' });
    sh(host, ['ifconfig', b, 'inet', '10.0.0.4', '-alias'], 'db-jail');
    sh(host, ['ifconfig', b, 'inet6', 'fd00::4/64'], 'db-jail');
    expect(chatterFlows(host.state, DEMO_FLOWS)).toEqual([]);
  });
});
