import { describe, expect, it } from 'vitest';
import { Auditor } from '../../core/audit/audit';
import { readHost } from '../discovery/read-host';
import { parseNetstatInterfaces } from '../freebsd/netstat-interfaces';
import { auditPath } from './audit-path';
import { createDemoHost, DEMO_FLOWS } from './demo-host';
import { prefixFault, readsOnly, type FreebsdEmulator } from './emulator';
import { structuralPath, tick, type TrafficFlow } from './traffic';

function sh(host: FreebsdEmulator, argv: string[], options: { jail?: string; stdin?: string } = {}) {
  const result = host.runSync({ argv, ...options });
  expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout.trim();
}

type Delta = { rxPackets?: bigint; rxBytes?: bigint; txPackets?: bigint; txBytes?: bigint };

/** Every interface's counters on the host and in every jail, read through netstat as the agent reads them. */
function snapshot(host: FreebsdEmulator) {
  const all = new Map<string, { rxPackets: bigint; rxBytes: bigint; txPackets: bigint; txBytes: bigint }>();
  for (const jail of [undefined, ...[...host.state.jails.values()].map((j) => j.name)]) {
    const out = sh(host, ['netstat', ...(jail ? ['-j', jail] : []), '-i', '-b', '-n', '--libxo', 'json']);
    for (const c of parseNetstatInterfaces(out))
      all.set(`${jail ?? 'host'}/${c.name}`, {
        rxPackets: c.receivedPackets,
        rxBytes: c.receivedBytes,
        txPackets: c.sentPackets,
        txBytes: c.sentBytes,
      });
  }
  return all;
}

/** What one tick of `flows` moved, per interface; interfaces that did not move are left out. */
function ticked(host: FreebsdEmulator, flows: TrafficFlow[], seconds = 2) {
  const before = snapshot(host);
  const stranded = tick(host.state, flows, seconds, auditPath);
  const moved: Record<string, Delta> = {};
  for (const [name, after] of snapshot(host)) {
    const was = before.get(name)!;
    const delta: Delta = {};
    for (const field of ['rxPackets', 'rxBytes', 'txPackets', 'txBytes'] as const)
      if (after[field] !== was[field]) delta[field] = after[field] - was[field];
    if (Object.keys(delta).length > 0) moved[name] = delta;
  }
  return { stranded, moved };
}

// 1000 B/s and 10 packets/s over a 2 s tick.
const RX = { rxPackets: 20n, rxBytes: 2000n };
const TX = { txPackets: 20n, txBytes: 2000n };
const rate = { bytesPerSecond: 1000, packetsPerSecond: 10 };
const TOR_OUT: TrafficFlow = {
  id: 'tor-out',
  from: { jail: 'tor-relay', ifname: 'e0b_tor_relay' },
  to: 'uplink',
  ...rate,
};
const TOR_TO_SNORT: TrafficFlow = {
  id: 'tor-to-snort',
  from: { jail: 'tor-relay', ifname: 'e0b_tor_relay' },
  to: { jail: 'snort-jail', ifname: 'e0b_snort_jail' },
  ...rate,
};
/** The demo's tor-relay anchor without its rule against the jails' network. */
const TOR_RULES_WITHOUT_JAIL_BLOCK =
  'block drop quick from 10.0.1.0/24 to 192.168.1.0/24\npass from 10.0.1.0/24 to any keep state\n';

describe('synthetic traffic on the audit paths', () => {
  it('takes the tor relay to the internet through the host (pf passes it, nat on ixl0) and out of ixl0', () => {
    const host = createDemoHost();
    expect(ticked(host, [TOR_OUT])).toEqual({
      stranded: [],
      moved: { 'tor-relay/e0b_tor_relay': TX, 'host/e0a_tor_relay': RX, 'host/bridge1': RX, 'host/ixl0': TX },
    });
  });

  it('stops the tor relay at the host when it talks to snort-jail: the host takes it in and pf drops it there', async () => {
    const host = createDemoHost();
    const { stranded, moved } = ticked(host, [TOR_TO_SNORT]);
    // Not stranded: the packets leave the jail and reach the host, where pf drops them. They are
    // for the jail's gateway, bridge1's own address, so bridge1 takes them up to the host (counting
    // them) and pf sees them `in` on bridge1 (pfil_local_phys=0: not on the member), and blocks them.
    expect(stranded).toEqual([]);
    expect(moved).toEqual({ 'tor-relay/e0b_tor_relay': TX, 'host/e0a_tor_relay': RX, 'host/bridge1': RX });
    expect(moved['host/bridge0']).toBeUndefined();
    expect(moved['host/e0a_snort_jail']).toBeUndefined();
    expect(moved['snort-jail/e0b_snort_jail']).toBeUndefined();
    // The audit of the same host tells the same story, naming the rule.
    const audit = new Auditor((await readHost(host)).topology, 'as-read');
    const verdict = audit.pair(
      { kind: 'stack', id: 'jail:tor-relay' },
      { kind: 'stack', id: 'jail:snort-jail' },
      { trace: true },
    );
    expect(verdict.verdict).toBe('blocked');
    expect(verdict.explained?.rule).toMatchObject({
      anchor: 'patchbay/intents',
      text: 'block drop quick inet from 10.0.1.2 to 10.0.0.0/8',
    });
    // Every interface the audit's packet crossed moved, and nothing else did.
    const crossed = verdict.explained!.forward.crossed.map(
      ({ iface }) => `${iface.stack.kind === 'host' ? 'host' : iface.stack.label}/${iface.name}`,
    );
    expect(Object.keys(moved).sort()).toEqual([...new Set(crossed)].sort());
  });

  it('lets the same flow reach snort-jail on the next tick once the anchor is reloaded without the block', () => {
    const host = createDemoHost();
    expect(ticked(host, [TOR_TO_SNORT]).moved).toEqual({
      'tor-relay/e0b_tor_relay': TX,
      'host/e0a_tor_relay': RX,
      'host/bridge1': RX,
    });
    sh(host, ['pfctl', '-a', 'patchbay/intents', '-f', '-'], { stdin: TOR_RULES_WITHOUT_JAIL_BLOCK });
    // Routed by the host: in on bridge1 (the jail's gateway), out of bridge0 and its member to snort.
    expect(ticked(host, [TOR_TO_SNORT])).toEqual({
      stranded: [],
      moved: {
        'tor-relay/e0b_tor_relay': TX,
        'host/e0a_tor_relay': RX,
        'host/bridge1': RX,
        'host/bridge0': TX,
        'host/e0a_snort_jail': TX,
        'snort-jail/e0b_snort_jail': RX,
      },
    });
  });

  it("moves the host's counters up to where a host that does not forward drops the packets (structural finding strands it)", () => {
    const host = createDemoHost();
    sh(host, ['sysctl', 'net.inet.ip.forwarding=0']);
    // The jail still sends and the host still takes the packets in on bridge1; ip_input then drops them.
    expect(ticked(host, [TOR_OUT])).toEqual({
      stranded: [],
      moved: { 'tor-relay/e0b_tor_relay': TX, 'host/e0a_tor_relay': RX, 'host/bridge1': RX },
    });
    expect(structuralPath(host.state, TOR_OUT)).toBeUndefined();
  });

  it('strands a flow that cannot leave its jail, and one to an interface that is not there', () => {
    const host = createDemoHost();
    sh(host, ['route', 'delete', 'default'], { jail: 'tor-relay' });
    expect(ticked(host, [TOR_OUT])).toEqual({ stranded: ['tor-out'], moved: {} });
    const toMissing: TrafficFlow = {
      ...TOR_TO_SNORT,
      id: 'to-nowhere',
      from: { jail: 'www-jail', ifname: 'e0b_www_jail' },
      to: { jail: 'snort-jail', ifname: 'nosuch0' },
    };
    expect(ticked(host, [toMissing])).toEqual({ stranded: ['to-nowhere'], moved: {} });
  });

  it('agrees with the structural finder on every demo flow, where pf lets them all through', () => {
    const host = createDemoHost();
    const before = snapshot(host);
    tick(host.state, DEMO_FLOWS, 1, auditPath);
    const other = createDemoHost();
    tick(other.state, DEMO_FLOWS, 1, structuralPath);
    expect(snapshot(host)).toEqual(snapshot(other));
    expect(snapshot(host)).not.toEqual(before);
  });
});

describe('reading the host back for the traffic', () => {
  it('reads the host once per change: ticks reuse the paths until a command changes the host', () => {
    const host = createDemoHost();
    const version = host.state.version;
    const first = auditPath(host.state, TOR_OUT);
    tick(host.state, [TOR_OUT], 1, auditPath);
    expect(auditPath(host.state, TOR_OUT)).toBe(first);
    // Listings (the agent's sampling, discovery) change nothing.
    sh(host, ['netstat', '-i', '-b', '-n', '--libxo', 'json']);
    sh(host, ['ifconfig', '-a']);
    expect(host.state.version).toBe(version);
    expect(auditPath(host.state, TOR_OUT)).toBe(first);
    sh(host, ['ifconfig', 'lo0', 'up']);
    expect(host.state.version).toBe(version + 1);
    const again = auditPath(host.state, TOR_OUT);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it("reads the emulator as itself: no call shows in the agent's log and injected faults do not stop the traffic", () => {
    const host = createDemoHost();
    host.injectFault(prefixFault('ifconfig'));
    host.injectFault(prefixFault('pfctl'));
    const calls = host.callCount;
    expect(tick(host.state, [TOR_OUT, TOR_TO_SNORT], 1, auditPath)).toEqual([]);
    expect(host.callCount).toBe(calls);
    // The faults are still armed for the agent's own commands.
    expect(host.runSync({ argv: ['ifconfig', '-a'] }).code).toBe(1);
  });

  it('leaves the host as it was: reading it back changes no counter, no version and no random draw', () => {
    const read = createDemoHost();
    const untouched = createDemoHost();
    auditPath(read.state, TOR_OUT);
    expect(read.state.version).toBe(untouched.state.version);
    expect(snapshot(read)).toEqual(snapshot(untouched));
    // The next MAC drawn is the same: reading did not consume the seeded random source.
    expect(sh(read, ['ifconfig', 'bridge9', 'create'])).toBe(sh(untouched, ['ifconfig', 'bridge9', 'create']));
    expect(sh(read, ['ifconfig', 'bridge9'])).toBe(sh(untouched, ['ifconfig', 'bridge9']));
  });

  it('counts listings as reads and everything else as a change', () => {
    for (const argv of [
      ['ifconfig'],
      ['ifconfig', '-a'],
      ['ifconfig', '-l'],
      ['ifconfig', '-g', 'epair'],
      ['ifconfig', 'bridge0'],
      ['jls', '--libxo', 'json'],
      ['netstat', '-r', '-n'],
      ['sysctl', '-n', 'net.inet.ip.forwarding'],
      ['pfctl', '-s', 'info'],
      ['pfctl', '-n', '-a', 'x', '-f', '-'],
    ]) {
      expect(readsOnly(argv), argv.join(' ')).toBe(true);
    }
    for (const argv of [
      ['ifconfig', 'bridge0', 'up'],
      ['ifconfig', 'epair', 'create'],
      ['jail', '-c', 'name=x'],
      ['route', 'add', 'default', '10.0.0.1'],
      ['sysctl', 'net.inet.ip.forwarding=1'],
      ['pfctl', '-e'],
      ['pfctl', '-d'],
      ['pfctl', '-a', 'x', '-f', '-'],
      ['pfctl', '-a', 'x', '-F', 'all'],
    ]) {
      expect(readsOnly(argv), argv.join(' ')).toBe(false);
    }
  });
});
