import { describe, expect, it } from 'vitest';
import { DEMO_FLOWS } from '../emulator/demo-host';
import { JLS_ARGV, netstatArgv } from './stack-reads';
import { demoRig, entry } from './test-support';

const TOR_OUT = DEMO_FLOWS.filter((f) => f.id === 'tor-out');
const HOST_NETSTAT = netstatArgv().join(' ');
const JLS = JLS_ARGV.join(' ');

describe('CounterPoller on the demo host', () => {
  it('gives rates equal to the flow rates, on every interface the flow crosses', async () => {
    const rig = demoRig();
    const first = await rig.step(2, TOR_OUT);
    expect(entry(first, 'host/ixl0').txBytesPerSecond).toBeNull(); // nothing to compare with yet
    const second = await rig.step(2, TOR_OUT);
    expect(entry(second, 'host/ixl0')).toMatchObject({
      txBytesPerSecond: 8_000_000,
      txPacketsPerSecond: 6_000,
      rxBytesPerSecond: 0,
      rxPacketsPerSecond: 0,
    });
    expect(entry(second, 'tor-relay/e0b_tor_relay')).toMatchObject({
      txBytesPerSecond: 8_000_000,
      txPacketsPerSecond: 6_000,
    });
    expect(entry(second, 'host/e0a_tor_relay')).toMatchObject({
      rxBytesPerSecond: 8_000_000,
      rxPacketsPerSecond: 6_000,
    });
    expect(entry(second, 'host/bridge1')).toMatchObject({ rxBytesPerSecond: 8_000_000 }); // a bridge counts what it forwards (docs/freebsd.md §4)
    expect(entry(second, 'host/bridge0')).toMatchObject({ rxBytesPerSecond: 0, txBytesPerSecond: 0 });
  });

  it('adds up every flow leaving through the uplink', async () => {
    const rig = demoRig();
    await rig.step();
    const sample = await rig.step();
    const uplink = DEMO_FLOWS.filter((f) => f.to === 'uplink');
    expect(entry(sample, 'host/ixl0').txBytesPerSecond).toBe(uplink.reduce((sum, f) => sum + f.bytesPerSecond, 0));
    expect(entry(sample, 'host/ixl0').txPacketsPerSecond).toBe(uplink.reduce((sum, f) => sum + f.packetsPerSecond, 0));
  });

  it('shows the two ends of each epair mirroring each other', async () => {
    const rig = demoRig();
    await rig.step();
    const sample = await rig.step();
    for (const [jail, tag] of [
      ['snort-jail', 'snort_jail'],
      ['www-jail', 'www_jail'],
      ['tor-relay', 'tor_relay'],
    ] as const) {
      const hostEnd = entry(sample, `host/e0a_${tag}`);
      const jailEnd = entry(sample, `${jail}/e0b_${tag}`);
      expect([hostEnd.rxBytes, hostEnd.rxPackets, hostEnd.rxBytesPerSecond, hostEnd.rxPacketsPerSecond]).toEqual([
        jailEnd.txBytes,
        jailEnd.txPackets,
        jailEnd.txBytesPerSecond,
        jailEnd.txPacketsPerSecond,
      ]);
      expect([hostEnd.txBytes, hostEnd.txPackets, hostEnd.txBytesPerSecond, hostEnd.txPacketsPerSecond]).toEqual([
        jailEnd.rxBytes,
        jailEnd.rxPackets,
        jailEnd.rxBytesPerSecond,
        jailEnd.rxPacketsPerSecond,
      ]);
    }
    expect(entry(sample, 'host/e0a_snort_jail').rxBytesPerSecond).toBe(1_250_000); // snort-out
    expect(entry(sample, 'snort-jail/e0b_snort_jail').rxBytesPerSecond).toBe(600_000); // www-to-snort
  });

  it('runs exactly one host netstat per tick, one per vnet jail, and jls only now and then', async () => {
    const rig = demoRig({ jailRefreshTicks: 4 });
    for (let i = 0; i < 9; i++) await rig.step();
    expect(rig.executor.count(HOST_NETSTAT)).toBe(9);
    for (const jail of ['snort-jail', 'www-jail', 'tor-relay'])
      expect(rig.executor.count(netstatArgv(jail).join(' '))).toBe(9);
    expect(rig.executor.count(JLS)).toBe(3); // ticks 1, 5 and 9
    expect(rig.executor.commands).toHaveLength(9 * 4 + 3);
  });

  it('takes one sample per tick holding every interface of every stack', async () => {
    const rig = demoRig();
    const samples = [await rig.step(), await rig.step(), await rig.step()];
    expect(samples.map((s) => s?.seq)).toEqual([1, 2, 3]);
    expect(samples.map((s) => s?.time)).toEqual([2000, 4000, 6000]);
    const keys = Object.keys(samples[2]?.interfaces ?? {});
    const hostKeys = ['ixl0', 'lo0', 'bridge0', 'bridge1', 'e0a_snort_jail', 'e0a_www_jail', 'e0a_tor_relay'].map(
      (i) => `host/${i}`,
    );
    const jailKeys = [
      ['snort-jail', 'snort_jail'],
      ['www-jail', 'www_jail'],
      ['tor-relay', 'tor_relay'],
    ].flatMap(([jail, tag]) => [`${jail}/lo0`, `${jail}/e0b_${tag}`]);
    expect(keys.slice(0, hostKeys.length)).toEqual(hostKeys); // the host stack first, in netstat's order
    expect([...keys].sort()).toEqual([...hostKeys, ...jailKeys].sort());
    expect(rig.poller.history()).toEqual(samples);
  });

  it('drops a destroyed interface, and gives a re-created one no rate for its first sample', async () => {
    const rig = demoRig();
    await rig.step();
    await rig.step();
    rig.host.runSync({ argv: ['ifconfig', 'e0a_www_jail', 'destroy'] }); // takes www-jail's e0b_www_jail along (§1.2)
    const afterDestroy = await rig.step();
    expect(afterDestroy?.interfaces['host/e0a_www_jail']).toBeUndefined();
    expect(afterDestroy?.interfaces['www-jail/e0b_www_jail']).toBeUndefined();
    expect(entry(afterDestroy, 'host/e0a_snort_jail').rxBytesPerSecond).toBe(1_250_000); // everything else carries on
    expect(rig.poller.lastError).toBeUndefined();

    // Made again as Patchbay makes a cable: the kernel's name, then renamed.
    const made = rig.host.runSync({ argv: ['ifconfig', 'epair', 'create'] }).stdout.trim();
    rig.host.runSync({ argv: ['ifconfig', made, 'name', 'e0a_www_jail'] });
    const recreated = await rig.step();
    expect(entry(recreated, 'host/e0a_www_jail')).toMatchObject({
      rxBytes: 0n,
      rxBytesPerSecond: null,
      txBytesPerSecond: null,
    });
    const next = await rig.step();
    expect(entry(next, 'host/e0a_www_jail')).toMatchObject({ rxBytesPerSecond: 0, txBytesPerSecond: 0 });
  });

  it('handles a jail that goes away without calling it an error', async () => {
    const rig = demoRig();
    await rig.step();
    await rig.step();
    rig.host.runSync({ argv: ['jail', '-r', 'snort-jail'] });
    const jlsBefore = rig.executor.count(JLS);
    const sample = await rig.step();
    expect(Object.keys(sample?.interfaces ?? {}).filter((k) => k.startsWith('snort-jail/'))).toEqual([]);
    // Its epair end came home under its inside name (§5.2): new to the host stack, so no rate yet.
    expect(entry(sample, 'host/e0b_snort_jail')).toMatchObject({ rxBytesPerSecond: null });
    expect(rig.executor.count(JLS)).toBeGreaterThan(jlsBefore);
    expect(rig.poller.lastError).toBeUndefined();
    await rig.step();
    expect(rig.executor.count(netstatArgv('snort-jail').join(' '))).toBe(3); // not asked for again
  });

  it('finds a new vnet jail soon after an interface leaves the host for it, not only on the periodic refresh', async () => {
    const rig = demoRig({ jailRefreshTicks: 1000 });
    await rig.step();
    rig.host.runSync({ argv: ['ifconfig', 'epair9', 'create'] });
    rig.host.runSync({ argv: ['jail', '-c', 'name=late-jail', 'persist', 'vnet', 'vnet.interface=epair9b'] });
    await rig.step(); // epair9a appeared on the host: the jail list is refreshed next tick
    const sample = await rig.step();
    expect(entry(sample, 'late-jail/epair9b')).toMatchObject({ rxBytes: 0n });
  });
});
