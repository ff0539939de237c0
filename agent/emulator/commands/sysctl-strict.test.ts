import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../emulator';
import type { Release } from '../state';

// sysctl(8) as sbin/sysctl/sysctl.c parse() prints it (docs/freebsd/route-sysctl-netstat.md).

function host(release: Release = '14') {
  const e = new FreebsdEmulator({ release });
  const sh = (argv: string[], jail?: string) => e.runSync({ argv, ...(jail ? { jail } : {}) });
  return { e, sh };
}

describe('sysctl', () => {
  it('sets a value and prints "name: old -> new" (fixture)', () => {
    const { sh } = host();
    const fixture = readFileSync(
      join(__dirname, '../../../fixtures/freebsd/sysctl-ip-forwarding-set-x4-12x-journal.txt'),
      'utf8',
    ).split('\n')[0];
    expect(sh(['sysctl', 'net.inet.ip.forwarding=1'])).toEqual({ code: 0, stdout: `${fixture}\n`, stderr: '' });
    expect(sh(['sysctl', '-n', 'net.inet.ip.forwarding=0'])).toEqual({ code: 0, stdout: '1 -> 0\n', stderr: '' });
  });

  it('reads strtol(value, 0) like sysctl: hex, octal, quotes, ":" as separator', () => {
    const { sh } = host();
    expect(sh(['sysctl', 'net.inet6.ip6.forwarding=0x1']).stdout).toBe('net.inet6.ip6.forwarding: 0 -> 1\n');
    expect(sh(['sysctl', 'net.inet6.ip6.forwarding="0"']).stdout).toBe('net.inet6.ip6.forwarding: 1 -> 0\n');
    expect(sh(['sysctl', 'net.inet6.ip6.forwarding:010']).stdout).toBe('net.inet6.ip6.forwarding: 0 -> 8\n');
  });

  it("reports bad values with sysctl's words and counts failures in the exit status", () => {
    const { sh } = host();
    expect(sh(['sysctl', 'net.inet.ip.forwarding=yes'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "sysctl: invalid integer 'yes'\n",
    });
    expect(sh(['sysctl', 'net.inet.ip.forwarding='])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'sysctl: empty numeric value\n',
    });
    expect(sh(['sysctl', 'kern.osrelease=1'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "sysctl: oid 'kern.osrelease' is read only\n",
    });
    expect(sh(['sysctl', '-n', 'net.link.bridge.pfil_member', 'net.link.bridge.pfil_bridge'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "sysctl: unknown oid 'net.link.bridge.pfil_member'\nsysctl: unknown oid 'net.link.bridge.pfil_bridge'\n",
    });
  });

  it('knows the bridge oids once if_bridge is loaded, per vnet, with if_bridge.c defaults', () => {
    const { sh } = host();
    sh(['ifconfig', 'bridge0', 'create']);
    expect(sh(['sysctl', '-n', 'net.link.bridge.pfil_member', 'net.link.bridge.pfil_local_phys'])).toEqual({
      code: 0,
      stdout: '1\n0\n',
      stderr: '',
    });
    expect(sh(['sysctl', 'net.link.bridge.pfil_member=0']).stdout).toBe('net.link.bridge.pfil_member: 1 -> 0\n');
    sh(['jail', '-c', 'name=j', 'persist', 'vnet']);
    expect(sh(['sysctl', '-n', 'net.link.bridge.pfil_member'], 'j').stdout).toBe('1\n');
  });

  it('refuses defaults that 15 may have changed, names it does not model, and setting kern.hostname', () => {
    const fifteen = host('15');
    fifteen.sh(['ifconfig', 'bridge0', 'create']);
    expect(fifteen.sh(['sysctl', '-n', 'net.link.bridge.pfil_member']).stderr).toMatch(
      /^sysctl: emulator: unsupported: /,
    );
    const { sh } = host();
    expect(sh(['sysctl', 'net.inet.ip.nope']).stderr).toMatch(/^sysctl: emulator: unsupported: /);
    sh(['ifconfig', 'bridge0', 'create']);
    // A name that only looks like a key of the emulator's table (an inherited property) is no oid.
    expect(sh(['sysctl', '-n', 'net.link.bridge.toString']).stderr).toMatch(/^sysctl: emulator: unsupported: /);
    expect(sh(['sysctl', 'kern.hostname=x']).stderr).toMatch(/^sysctl: emulator: unsupported: /);
    expect(sh(['sysctl', '-a']).stderr).toMatch(/^sysctl: emulator: unsupported: /);
  });

  it('prints kern.hostname of the jail it runs in', () => {
    const { sh } = host();
    sh(['jail', '-c', 'name=j', 'host.hostname=j.example.org', 'persist', 'vnet']);
    expect(sh(['sysctl', '-n', 'kern.hostname'], 'j').stdout).toBe('j.example.org\n');
  });

  it('reads kern.features.vimage (FEATURE(): read-only 1), net.fibs (1 per vnet) and security.jail.jailed', () => {
    const { sh } = host();
    expect(sh(['sysctl', '-i', '-n', 'kern.features.vimage'])).toEqual({ code: 0, stdout: '1\n', stderr: '' });
    expect(sh(['sysctl', 'kern.features.vimage=0'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "sysctl: oid 'kern.features.vimage' is read only\n",
    });
    expect(sh(['sysctl', 'net.fibs'])).toEqual({ code: 0, stdout: 'net.fibs: 1\n', stderr: '' });
    expect(sh(['sysctl', 'net.fibs=2']).stderr).toMatch(/^sysctl: emulator: unsupported: setting net.fibs/);
    expect(sh(['sysctl', '-n', 'security.jail.jailed'])).toEqual({ code: 0, stdout: '0\n', stderr: '' });
    expect(sh(['sysctl', 'security.jail.jailed=0'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "sysctl: oid 'security.jail.jailed' is read only\n",
    });
    sh(['jail', '-c', 'name=v', 'persist', 'vnet']);
    expect(sh(['sysctl', '-n', 'security.jail.jailed', 'net.fibs', 'kern.features.vimage'], 'v')).toEqual({
      code: 0,
      stdout: '1\n1\n1\n',
      stderr: '',
    });
  });

  it('refuses security.jail.jailed on the host while a jail shares the host vnet', () => {
    const { sh } = host();
    sh(['jail', '-c', 'name=plain', 'persist']);
    expect(sh(['sysctl', '-n', 'security.jail.jailed']).stderr).toMatch(/^sysctl: emulator: unsupported: /);
    expect(sh(['sysctl', 'security.jail.jailed=1']).stderr).toBe("sysctl: oid 'security.jail.jailed' is read only\n");
  });
});
