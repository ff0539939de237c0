import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../emulator';
import type { Release } from '../state';

// pfctl's command line and the messages of -e, -d and -F (docs/freebsd/pf.md "Command line").

function host(release: Release = '14') {
  const e = new FreebsdEmulator({ release, nics: [{ name: 'ixl0', addresses: ['192.168.1.10/24'] }] });
  const sh = (argv: string[], stdin?: string) => e.runSync({ argv, ...(stdin !== undefined ? { stdin } : {}) });
  return { e, sh };
}

const UNSUPPORTED = /^pfctl: emulator: unsupported: /;

describe('pfctl -e / -d', () => {
  it('says "pf enabled" on stderr, and fails with errx() when it already is', () => {
    const { sh } = host();
    expect(sh(['pfctl', '-e'])).toEqual({ code: 0, stdout: '', stderr: 'pf enabled\n' });
    expect(sh(['pfctl', '-e'])).toEqual({ code: 1, stdout: '', stderr: 'pfctl: pf already enabled\n' });
    expect(sh(['pfctl', '-d'])).toEqual({ code: 0, stdout: '', stderr: 'pf disabled\n' });
    expect(sh(['pfctl', '-d'])).toEqual({ code: 1, stdout: '', stderr: 'pfctl: pf not enabled\n' });
  });

  it('-q silences the messages; clustered flags work as getopt reads them', () => {
    const { sh } = host();
    expect(sh(['pfctl', '-eq'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(sh(['pfctl', '-dq'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('loads before it enables, and keeps the loaded rules when enabling fails', () => {
    const { sh } = host();
    sh(['pfctl', '-e']);
    expect(sh(['pfctl', '-a', 'x', '-e', '-f', '-'], 'pass on ixl0\n')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'pfctl: pf already enabled\n',
    });
    expect(sh(['pfctl', '-a', 'x', '-sr']).stdout).toBe('pass on ixl0 all flags S/SA keep state\n');
  });

  it('-n drops -e, -d, -s and -F', () => {
    const { e, sh } = host();
    expect(sh(['pfctl', '-n', '-e'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(e.state.vnets.get(0)!.pf.enabled).toBe(false);
    expect(sh(['pfctl', '-n', '-s', 'info'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('pfctl -F', () => {
  it('prints "rules cleared" / "nat cleared" on stderr and flushes only that part', () => {
    const { sh } = host();
    sh(['pfctl', '-a', 'x', '-f', '-'], 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\npass on ixl0\n');
    expect(sh(['pfctl', '-a', 'x', '-F', 'rules'])).toEqual({ code: 0, stdout: '', stderr: 'rules cleared\n' });
    expect(sh(['pfctl', '-a', 'x', '-sn']).stdout).not.toBe('');
    expect(sh(['pfctl', '-a', 'x', '-Fn'])).toEqual({ code: 0, stdout: '', stderr: 'nat cleared\n' });
    expect(sh(['pfctl', '-a', 'x', '-q', '-F', 'rules'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it("-F all with an anchor prints the revision's sequence of messages", () => {
    const fourteen = host('14');
    expect(fourteen.sh(['pfctl', '-a', 'x', '-F', 'all'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Ethernet rules cleared\nrules cleared\nnat cleared\n0 tables deleted.\n',
    });
    const fifteen = host('15');
    fifteen.sh(['pfctl', '-a', 'x', '-f', '-'], 'table <lan> { 192.168.1.0/24 }\npass from <lan> to any\n');
    expect(fifteen.sh(['pfctl', '-a', 'x', '-F', 'all'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Ethernet rules cleared\nrules cleared\nnat cleared\n1 tables deleted.\nrules cleared\n',
    });
    expect(fifteen.sh(['pfctl', '-s', 'Anchors']).stdout).toBe('');
  });

  it('-F all on the main ruleset also clears states, statistics and interface flags', () => {
    const { e, sh } = host('14');
    sh(['pfctl', '-f', '-'], 'pass on ixl0\n');
    e.state.vnets.get(0)!.pf.counters.set('current entries', 3);
    expect(sh(['pfctl', '-F', 'all'])).toEqual({
      code: 0,
      stdout: '',
      stderr:
        'Ethernet rules cleared\nrules cleared\nnat cleared\n0 tables deleted.\n3 states cleared\nsource tracking entries cleared\npf: statistics cleared\npf: interface flags reset\n',
    });
    expect(sh(['pfctl', '-sr']).stdout).toBe('');
  });

  it('-F all restarts the status clock of a running pf (DIOCCLRSTATUS), and is refused on 13', () => {
    const { e, sh } = host('14');
    sh(['pfctl', '-e']);
    e.state.clock = 3725;
    expect(sh(['pfctl', '-s', 'info']).stdout).toMatch(/^Status: Enabled for 0 days 01:02:05 /);
    sh(['pfctl', '-q', '-F', 'all']);
    expect(sh(['pfctl', '-s', 'info']).stdout).toMatch(/^Status: Enabled for 0 days 00:00:00 /);
    expect(host('13').sh(['pfctl', '-a', 'x', '-F', 'all']).stderr).toMatch(UNSUPPORTED);
  });

  it('-s Running prints the state and exits 1 when pf is disabled', () => {
    const { sh } = host();
    expect(sh(['pfctl', '-s', 'Running'])).toEqual({ code: 1, stdout: 'Disabled\n', stderr: '' });
    sh(['pfctl', '-e']);
    expect(sh(['pfctl', '-s', 'Running'])).toEqual({ code: 0, stdout: 'Enabled\n', stderr: '' });
  });

  it('-P prints ports as numbers', () => {
    const { sh } = host();
    sh(['pfctl', '-a', 'x', '-f', '-'], 'pass in on ixl0 inet proto tcp from any to 10.17.89.10 port 80\n');
    expect(sh(['pfctl', '-a', 'x', '-sr']).stdout).toBe(
      'pass in on ixl0 inet proto tcp from any to 10.17.89.10 port = http flags S/SA keep state\n',
    );
    expect(sh(['pfctl', '-a', 'x', '-Psr']).stdout).toBe(
      'pass in on ixl0 inet proto tcp from any to 10.17.89.10 port = 80 flags S/SA keep state\n',
    );
  });
});

describe('pfctl option checks', () => {
  it('refuses to modify an anchor whose name starts with "_"', () => {
    const { sh } = host();
    expect(sh(['pfctl', '-a', '_x', '-F', 'rules'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "pfctl: anchor names beginning with '_' cannot be modified from the command line\n",
    });
    expect(sh(['pfctl', '-a', 'a/_x', '-f', '-'], '')).toEqual({
      code: 1,
      stdout: '',
      stderr: "pfctl: anchor names beginning with '_' cannot be modified from the command line\n",
    });
  });

  it('rejects an empty anchor name on 15', () => {
    expect(host('15').sh(['pfctl', '-a', '', '-s', 'rules'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'pfctl: anchor name must not be empty\n',
    });
  });

  it('finds -s modifiers by prefix, as pfctl_lookup_option() does', () => {
    const { sh } = host();
    expect(sh(['pfctl', '-s', 'i']).stdout).toMatch(/^Status: Disabled/);
    expect(sh(['pfctl', '-sA']).code).toBe(0);
  });

  it('refuses what ends in usage() or is not modelled', () => {
    const { sh } = host();
    for (const argv of [
      ['pfctl'],
      ['pfctl', '-Z'],
      ['pfctl', '-s'],
      ['pfctl', '-s', 'bogus'],
      ['pfctl', '-F', 'bogus'],
      ['pfctl', '-s', 'states'],
      ['pfctl', '-s', 'labels'],
      ['pfctl', '-v', '-s', 'rules'],
      ['pfctl', '-s', 'rules', 'extra'],
      ['pfctl', '-a', 'x'],
    ]) {
      expect(sh(argv).stderr, argv.join(' ')).toMatch(UNSUPPORTED);
    }
  });
});
