import { describe, expect, it } from 'vitest';
import { parseIfconfig } from '../../../freebsd/ifconfig-parse';
import { toInterface } from '../../../discovery/to-interfaces';
import { FreebsdEmulator } from '../../emulator';
import { findInterface, HOST_VNET } from '../../state';

// `ifconfig IF group NAME` / `-group NAME`: sbin/ifconfig/ifgroup.c setifgroup() / unsetifgroup()
// (fel1x-developer/freebsd-src 2d614aa2), the `groups:` line getifgroups() prints, `ifconfig -g`,
// and what discovery reads back from it.

function host(release: '13' | '14' | '15' = '14') {
  const h = new FreebsdEmulator({ release, nics: [{ name: 'em0', addresses: ['192.0.2.10/24'] }] });
  const run = (...argv: string[]) => h.runSync({ argv });
  run('ifconfig', 'epair', 'create');
  return { h, run, iface: (name: string) => findInterface(h.state, HOST_VNET, name) };
}

describe('ifconfig group', () => {
  it("adds the admin's groups after the cloner's, in the order given, and discovery reads them back", () => {
    const { run } = host();
    expect(run('ifconfig', 'epair0a', 'group', 'dmz', 'group', 'web_ext', 'up')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    const listing = run('ifconfig', 'epair0a').stdout;
    expect(listing).toContain('\tgroups: epair dmz web_ext\n');
    const [raw] = parseIfconfig(listing);
    expect(toInterface('host', raw!).iface.groups).toEqual(['dmz', 'web_ext']);
  });

  it('prints a groups line for a NIC only once it is in a group of the admin', () => {
    const { run } = host();
    expect(run('ifconfig', 'em0').stdout).not.toContain('groups:');
    run('ifconfig', 'em0', 'group', 'uplink');
    expect(run('ifconfig', 'em0').stdout).toMatch(/\tgroups: uplink\n\tmedia: /);
  });

  it('-group takes one away; ifconfig -g lists the members in the order they joined', () => {
    const { run } = host();
    run('ifconfig', 'epair0b', 'group', 'dmz');
    run('ifconfig', 'em0', 'group', 'dmz');
    run('ifconfig', 'epair0a', 'group', 'dmz');
    expect(run('ifconfig', '-g', 'dmz').stdout).toBe('epair0b\nem0\nepair0a\n');
    expect(run('ifconfig', 'em0', '-group', 'dmz').code).toBe(0);
    expect(run('ifconfig', '-g', 'dmz').stdout).toBe('epair0b\nepair0a\n');
    expect(run('ifconfig', 'em0').stdout).not.toContain('groups:');
  });

  it("refuses a name ending in a digit and one that does not fit IFNAMSIZ, with ifgroup.c's words", () => {
    const { run, iface } = host();
    expect(run('ifconfig', 'epair0a', 'group', 'dmz2')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ifconfig: setifgroup: group names may not end in a digit\n',
    });
    expect(run('ifconfig', 'epair0a', '-group', 'dmz2').stderr).toBe(
      'ifconfig: unsetifgroup: group names may not end in a digit\n',
    );
    expect(run('ifconfig', 'epair0a', 'group', 'a'.repeat(16)).stderr).toBe(
      'ifconfig: setifgroup: group name too long\n',
    );
    // 15 characters fit ifgr_group[16] with its NUL.
    expect(run('ifconfig', 'epair0a', 'group', 'a'.repeat(15)).code).toBe(0);
    expect(iface('epair0a')?.groups?.map((g) => g.name)).toEqual(['a'.repeat(15)]);
  });

  it('stops at the bad word: words before it are done, words after it are not', () => {
    const { iface, run } = host();
    expect(run('ifconfig', 'epair0a', 'description', 'x', 'group', 'bad1', 'up').code).toBe(1);
    expect(iface('epair0a')?.description).toBe('x');
    expect(iface('epair0a')?.up).toBe(false);
  });

  it('refuses an unknown interface, and needs a name after group', () => {
    const { run } = host();
    expect(run('ifconfig', 'nosuch0', 'group', 'dmz').stderr).toBe('ifconfig: interface nosuch0 does not exist\n');
    expect(run('ifconfig', 'epair0a', 'group').stderr).toBe("ifconfig: 'group' requires argument\n");
  });

  it('14/15 ignore EEXIST and ENOENT (a second join, leaving a group it is not in); 13 refuses, unread', () => {
    const { run, iface } = host('15');
    run('ifconfig', 'epair0a', 'group', 'dmz');
    expect(run('ifconfig', 'epair0a', 'group', 'dmz')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(iface('epair0a')?.groups).toHaveLength(1);
    expect(run('ifconfig', 'epair0a', '-group', 'web').code).toBe(0);
    const old = host('13');
    old.run('ifconfig', 'epair0a', 'group', 'dmz');
    expect(old.run('ifconfig', 'epair0a', 'group', 'dmz').stderr).toMatch(/^ifconfig: emulator: unsupported: /);
    expect(old.run('ifconfig', 'epair0a', '-group', 'web').stderr).toMatch(/^ifconfig: emulator: unsupported: /);
  });

  it('a move into a jail drops the groups (if_vmove)', () => {
    const { run, h } = host();
    run('ifconfig', 'epair0b', 'group', 'dmz');
    run('jail', '-c', 'name=j', 'persist', 'vnet');
    run('ifconfig', 'epair0b', 'vnet', 'j');
    expect(h.runSync({ argv: ['ifconfig', 'epair0b'], jail: 'j' }).stdout).toContain('\tgroups: epair\n');
  });
});
