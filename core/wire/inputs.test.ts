import { describe, expect, it } from 'vitest';
import { AdoptKey, EventId, PersistPath, Uuid } from './inputs';

// The inputs both the agent and the dashboard check, from the one place they are written.

describe('shared inputs', () => {
  it('takes event ids as EventSource sends them back: decimal, at most 15 digits', () => {
    expect(EventId.safeParse('0').success).toBe(true);
    expect(EventId.safeParse('123456789012345').success).toBe(true);
    for (const bad of ['', '1234567890123456', '-1', '1e3', 'result', '12 '])
      expect(EventId.safeParse(bad).success, bad).toBe(false);
    expect(EventId.safeParse('x').error?.issues[0]?.message).toBe('event ids are decimal numbers');
  });

  it('takes adopt keys "<jail>/<interface>", "/<interface>" on the host, or a jail path', () => {
    for (const good of ['www-jail/e0b_www', '/ixl0', 'www-jail', 'parent.child/epair0b'])
      expect(AdoptKey.safeParse(good).success, good).toBe(true);
    for (const bad of ['www jail/e0', 'a/b/c', 'jail/if-name', 'x'.repeat(301), 'jail/$(reboot)'])
      expect(AdoptKey.safeParse(bad).success, bad).toBe(false);
  });

  it('takes absolute plain paths to persist to, never "..", ".", "//" or a part starting with "-"', () => {
    for (const good of ['/etc/rc.conf', '/etc/jail.conf.d/www-jail.conf', '/usr/local/etc/pf/patchbay.conf'])
      expect(PersistPath.safeParse(good).success, good).toBe(true);
    for (const bad of [
      'etc/rc.conf',
      '/etc/../root/.ssh/authorized_keys',
      '/etc/./rc.conf',
      '//etc/rc.conf',
      '/etc/-rf',
      '/etc/.hidden',
      '/',
      `/${'a'.repeat(1024)}`,
      '/etc/rc conf',
    ])
      expect(PersistPath.safeParse(bad).success, bad).toBe(false);
  });

  it('takes only UUIDs as plan, apply and preview ids', () => {
    expect(Uuid.safeParse('c0ffee00-0000-4000-8000-000000000000').success).toBe(true);
    expect(Uuid.safeParse('c0ffee00').success).toBe(false);
  });
});
