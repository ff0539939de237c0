import { describe, expect, it } from 'vitest';
import { auditPath } from './audit-path';
import { createDemoHost } from './demo-host';
import { readsOnly, type FreebsdEmulator } from './emulator';
import type { TrafficFlow } from './traffic';

// Which commands count as changes (HostState.version, which keys the traffic's cached audit):
// options are read the way the commands read them, so clustered flags (`pfctl -eq`, which rc.d/pf
// runs at boot) and sysctl's "name:value" form count as the changes they are.

function sh(host: FreebsdEmulator, argv: string[]) {
  const result = host.runSync({ argv });
  expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(0);
}

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

describe('readsOnly', () => {
  it('counts clustered pfctl flags and sysctl name:value as changes', () => {
    for (const argv of [
      ['pfctl', '-eq'],
      ['pfctl', '-dq'],
      ['pfctl', '-Fa'],
      ['pfctl', '-qf', '/etc/pf.conf'],
      ['pfctl', '-a', 'x', '-Fr'],
      ['pfctl', '-f/etc/pf.conf'],
      ['sysctl', 'net.inet.ip.forwarding:1'],
      ['sysctl', '-n', 'net.inet.ip.forwarding:0'],
    ]) {
      expect(readsOnly(argv), argv.join(' ')).toBe(false);
    }
  });

  it('still counts listings and checks as reads, and a pfctl line it refuses as a change', () => {
    for (const argv of [
      ['pfctl', '-sr'],
      ['pfctl', '-sinfo'],
      ['pfctl', '-a', 'patchbay/*', '-sr'],
      ['pfctl', '-nf', '/etc/pf.conf'],
      ['pfctl', '-nqf', '-'],
      ['sysctl', '-n', 'net.inet.ip.forwarding', 'kern.osrelease'],
    ]) {
      expect(readsOnly(argv), argv.join(' ')).toBe(true);
    }
    // The emulator refuses these (no arguments, an unknown option): counted as changes, as before.
    for (const argv of [['pfctl'], ['pfctl', '-k', 'host']]) expect(readsOnly(argv), argv.join(' ')).toBe(false);
  });
});

describe('the traffic after a change written with clustered flags', () => {
  for (const { argv, flow } of [
    { argv: ['pfctl', '-dq'], flow: TOR_TO_SNORT },
    { argv: ['pfctl', '-Fa'], flow: TOR_TO_SNORT },
    { argv: ['sysctl', 'net.inet.ip.forwarding:0'], flow: TOR_OUT },
  ]) {
    it(`follows the host as it is after \`${argv.join(' ')}\`, not the audit cached before it`, () => {
      const host = createDemoHost();
      const before = auditPath(host.state, flow);
      const version = host.state.version;
      sh(host, argv);
      expect(host.state.version).toBe(version + 1);
      const fresh = createDemoHost();
      sh(fresh, argv);
      const expected = auditPath(fresh.state, flow);
      expect(expected).not.toEqual(before);
      expect(auditPath(host.state, flow)).toEqual(expected);
    });
  }
});
