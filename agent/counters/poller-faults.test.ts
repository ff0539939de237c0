import { describe, expect, it } from 'vitest';
import { CounterPoller } from './poller';
import type { SyntheticInterface } from '../freebsd/netstat-format';
import { demoRig, entry, scriptedHost } from './test-support';

const MAX_U64 = 2n ** 64n - 1n;

function ixl0(counters: Partial<SyntheticInterface> = {}): SyntheticInterface {
  return {
    name: 'ixl0',
    index: 1,
    receivedPackets: 0n,
    receivedBytes: 0n,
    sentPackets: 0n,
    sentBytes: 0n,
    ...counters,
  };
}

/** A poller over a scripted host; `set` replaces what netstat prints, `at` sets the clock (ms). */
function scripted(intervalMs = 2000) {
  let interfaces: SyntheticInterface[] = [];
  let time = 0;
  const poller = new CounterPoller({
    executor: scriptedHost(() => interfaces),
    now: () => time,
    intervalMs,
    autoStart: false,
  });
  return {
    poller,
    read: async (at: number, ...next: SyntheticInterface[]) => {
      interfaces = next;
      time = at;
      return poller.tickOnce();
    },
  };
}

describe('CounterPoller counter edge cases', () => {
  it('gives null, never a negative rate, when a counter goes down, then resumes', async () => {
    const { read } = scripted();
    await read(0, ixl0({ receivedBytes: 5_000_000n, sentBytes: 9_000n }));
    const reset = await read(2000, ixl0({ receivedBytes: 1_000n, sentBytes: 10_000n }));
    expect(entry(reset, 'host/ixl0')).toMatchObject({
      rxBytes: 1_000n,
      rxBytesPerSecond: null,
      txBytesPerSecond: null,
      rxPacketsPerSecond: null,
      txPacketsPerSecond: null,
    });
    const after = await read(4000, ixl0({ receivedBytes: 3_000n, sentBytes: 10_000n }));
    expect(entry(after, 'host/ixl0')).toMatchObject({ rxBytesPerSecond: 1_000, txBytesPerSecond: 0 });
  });

  it('treats a new ifindex under the same name as a new interface even if its counters are higher', async () => {
    const { read } = scripted();
    await read(0, ixl0({ receivedBytes: 100n }));
    const moved = await read(2000, ixl0({ index: 7, receivedBytes: 900n }));
    expect(entry(moved, 'host/ixl0').rxBytesPerSecond).toBeNull();
  });

  it('is exact up to 2^64 - 1, and does not invent a wrap-around', async () => {
    const { read } = scripted();
    await read(
      0,
      ixl0({
        receivedBytes: MAX_U64 - 16_000_000n,
        sentBytes: MAX_U64 - 1n,
        receivedPackets: 2n ** 32n + 1n,
        sentPackets: MAX_U64 - 12_000n,
      }),
    );
    const top = await read(
      2000,
      ixl0({ receivedBytes: MAX_U64, sentBytes: MAX_U64, receivedPackets: 2n ** 32n + 7n, sentPackets: MAX_U64 }),
    );
    expect(entry(top, 'host/ixl0')).toEqual({
      rxBytes: MAX_U64,
      txBytes: MAX_U64,
      rxPackets: 2n ** 32n + 7n,
      txPackets: MAX_U64,
      rxBytesPerSecond: 8_000_000,
      txBytesPerSecond: 0.5,
      rxPacketsPerSecond: 3,
      txPacketsPerSecond: 6_000,
    });
    const wrapped = await read(
      4000,
      ixl0({ receivedBytes: 10n, sentBytes: MAX_U64, receivedPackets: 2n ** 32n + 7n, sentPackets: MAX_U64 }),
    );
    expect(entry(wrapped, 'host/ixl0').rxBytesPerSecond).toBeNull();
  });

  it('makes a vanished interface simply stop appearing, and a returning one start over', async () => {
    const { read } = scripted();
    const lo0: SyntheticInterface = { ...ixl0(), name: 'lo0', index: 2 };
    await read(0, ixl0(), lo0);
    const gone = await read(2000, ixl0());
    expect(Object.keys(gone?.interfaces ?? {})).toEqual(['host/ixl0']);
    const back = await read(4000, ixl0(), lo0);
    expect(entry(back, 'host/lo0').rxBytesPerSecond).toBeNull();
  });

  it('gives no rate across a hole longer than five intervals (poller stopped, host unreachable)', async () => {
    const { read } = scripted();
    await read(0, ixl0({ receivedBytes: 0n }));
    expect(entry(await read(10_000, ixl0({ receivedBytes: 10_000n })), 'host/ixl0').rxBytesPerSecond).toBe(1_000);
    expect(entry(await read(30_000, ixl0({ receivedBytes: 20_000n })), 'host/ixl0').rxBytesPerSecond).toBeNull();
  });
});

describe('CounterPoller interval', () => {
  const executor = scriptedHost(() => []);

  it('accepts 1 to 10 seconds and says which field is wrong otherwise', () => {
    expect(new CounterPoller({ executor }).intervalMs).toBe(2000);
    expect(new CounterPoller({ executor, intervalMs: 1000 }).intervalMs).toBe(1000);
    expect(new CounterPoller({ executor, intervalMs: 10_000 }).intervalMs).toBe(10_000);
    for (const intervalMs of [999, 10_001, 0, -2000, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new CounterPoller({ executor, intervalMs }), String(intervalMs)).toThrow(RangeError);
      expect(() => new CounterPoller({ executor, intervalMs }), String(intervalMs)).toThrow(/intervalMs/);
    }
  });
});

describe('CounterPoller failures', () => {
  it('survives a failing host netstat: no sample, lastError, and the next good tick resumes the rates', async () => {
    const rig = demoRig();
    await rig.step();
    // ['netstat', '-i'] is the host form only: the jail form starts ['netstat', '-j'].
    rig.host.injectFault({
      match: ['netstat', '-i'],
      output: { code: 1, stdout: '', stderr: 'netstat: kvm_open: Device busy\n' },
    });
    const failed = await rig.step();
    expect(failed).toBeUndefined();
    expect(rig.poller.lastError).toMatchObject({ stack: 'host', time: 4000 });
    expect(rig.poller.lastError?.message).toMatch(/netstat .*exited 1: netstat: kvm_open: Device busy/);
    const resumed = await rig.step();
    expect(resumed?.seq).toBe(2);
    // Rates over the 4 s since the last good reading are still exact.
    expect(entry(resumed, 'host/e0a_snort_jail').rxBytesPerSecond).toBe(1_250_000);
  });

  it('survives output it cannot parse and an executor that throws', async () => {
    const rig = demoRig();
    await rig.step();
    rig.host.injectFault({ match: ['netstat', '-i'], output: { code: 0, stdout: 'netstat: not json\n', stderr: '' } });
    expect(await rig.step()).toBeUndefined();
    expect(rig.poller.lastError).toMatchObject({ stack: 'host' });
    expect(rig.poller.lastError?.message).toMatch(/^netstat: line 1: expected/);

    const throwing = new CounterPoller({
      executor: { kind: 'system', run: () => Promise.reject(new Error('spawn netstat EACCES')) },
      autoStart: false,
    });
    expect(await throwing.tickOnce()).toBeUndefined();
    expect(throwing.lastError?.message).toBe('spawn netstat EACCES');
    expect(await rig.step()).toMatchObject({ seq: 2 });
  });

  it('leaves out a jail whose read failed, records it, and resumes its rates on the next good read', async () => {
    const rig = demoRig();
    await rig.step();
    rig.host.injectFault({
      match: ['netstat', '-j', 'www-jail'],
      output: { code: 1, stdout: '', stderr: 'netstat: jail_attach: Operation not permitted\n' },
    });
    const partial = await rig.step();
    expect(Object.keys(partial?.interfaces ?? {}).some((k) => k.startsWith('www-jail/'))).toBe(false);
    expect(entry(partial, 'host/ixl0').txBytesPerSecond).not.toBeNull();
    expect(rig.poller.lastError).toMatchObject({ stack: 'www-jail', time: 4000 });
    const whole = await rig.step();
    expect(entry(whole, 'www-jail/e0b_www_jail').txBytesPerSecond).toBe(4_600_000); // www-out + www-to-snort
  });

  it('keeps reading the jails it knows when jls fails, and lists them again later', async () => {
    const rig = demoRig({ jailRefreshTicks: 1 });
    await rig.step();
    rig.host.injectFault({
      match: ['jls'],
      output: { code: 1, stdout: '', stderr: 'jls: sysctl: Cannot allocate memory\n' },
    });
    const sample = await rig.step();
    expect(rig.poller.lastError).toMatchObject({ stack: 'jls' });
    expect(entry(sample, 'tor-relay/e0b_tor_relay').txBytesPerSecond).toBe(8_000_000);
  });
});
