import { describe, expect, it } from 'vitest';
import { FreebsdEmulator, MAX_KEPT_CALLS } from './emulator';

// Issue 14, finding 9a: the emulated agent's command log had no bound.

describe('the emulator keeps a bounded log of the calls made to it', () => {
  it('keeps only the newest calls, however many are made, and still counts them all', () => {
    const host = new FreebsdEmulator({ nics: [{ name: 'em0', addresses: ['192.0.2.10/24'] }] });
    const total = 5 * MAX_KEPT_CALLS + 7;
    for (let i = 0; i < total; i++) host.runSync({ argv: ['ifconfig', 'em0', 'description', `call-${i}`] });
    expect(host.callCount).toBe(total);
    expect(host.calls.length).toBeLessThan(2 * MAX_KEPT_CALLS);
    expect(host.calls.length).toBeGreaterThanOrEqual(MAX_KEPT_CALLS);
    expect(host.calls.at(-1)!.argv.at(-1)).toBe(`call-${total - 1}`);
  });

  it('failCall still counts from the calls made, not the calls kept', () => {
    const host = new FreebsdEmulator({ nics: [{ name: 'em0' }] });
    for (let i = 0; i < 3 * MAX_KEPT_CALLS; i++) host.runSync({ argv: ['ifconfig', 'em0'] });
    host.failCall(1);
    expect(host.runSync({ argv: ['ifconfig', 'em0'] }).code).toBe(0);
    expect(host.runSync({ argv: ['ifconfig', 'em0'] }).code).toBe(1);
  });
});

describe('the emulated agent lets other requests in between commands', () => {
  it('with yieldsToEventLoop, a command waits for a turn of the event loop, as a process would', async () => {
    const host = new FreebsdEmulator({ nics: [{ name: 'em0' }] });
    const turnTaken = async () => {
      let turned = false;
      setImmediate(() => (turned = true));
      await host.run({ argv: ['ifconfig', 'em0'] });
      return turned;
    };
    expect(await turnTaken()).toBe(false);
    host.yieldsToEventLoop = true;
    expect(await turnTaken()).toBe(true);
  });
});
