import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../emulator';
import type { Release } from '../state';
import { LOAD_PF_CONF } from './hooks';

// `pfctl [-n] [-a anchor] -f <file|->` (docs/freebsd/pf.md "Loading", "Checking").

const ANCHOR_FILE = '/usr/local/etc/patchbay/pf/patchbay-policy.conf';
const NAT_FILE = '/usr/local/etc/patchbay/pf/patchbay-nat.conf';
const PF_CONF = [
  'set skip on lo0',
  'nat-anchor "patchbay/*"',
  'pass quick on ixl0',
  'anchor "patchbay/*"',
  `load anchor "patchbay/policy" from "${ANCHOR_FILE}"`,
  `load anchor "patchbay/nat" from "${NAT_FILE}"`,
  '',
].join('\n');

function host(files: Record<string, string>, release: Release = '14') {
  const e = new FreebsdEmulator({ release, nics: [{ name: 'ixl0', addresses: ['192.168.1.10/24'] }], files });
  const sh = (argv: readonly string[], stdin?: string) =>
    e.runSync({ argv: [...argv], ...(stdin !== undefined ? { stdin } : {}) });
  return { e, sh };
}

const GOOD = {
  '/etc/pf.conf': PF_CONF,
  [ANCHOR_FILE]: 'block drop quick from 10.0.1.0/24 to 192.168.1.0/24\n',
  [NAT_FILE]: 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\n',
};

describe('pfctl -f /etc/pf.conf with load anchor lines', () => {
  it('loads the main ruleset and every anchor file in one go', () => {
    const { sh } = host(GOOD);
    expect(sh(LOAD_PF_CONF)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(sh(['pfctl', '-sr', '-a', '*']).stdout).toBe(
      [
        'pass quick on ixl0 all flags S/SA keep state',
        'anchor "patchbay/*" all {',
        '  anchor "nat" all {',
        '  }',
        '  anchor "policy" all {',
        '    block drop quick inet from 10.0.1.0/24 to 192.168.1.0/24',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(sh(['pfctl', '-a', 'patchbay/nat', '-sn']).stdout).toBe(
      'nat on ixl0 inet from 10.0.0.0/24 to any -> (ixl0) round-robin\n',
    );
  });

  it("changes nothing and reports pfctl's four lines when an anchor file is missing", () => {
    const { e, sh } = host({ ...GOOD, '/etc/pf.conf': 'anchor "patchbay/*"\n' });
    expect(sh(LOAD_PF_CONF).code).toBe(0);
    sh(['pfctl', '-a', 'patchbay/live', '-f', '-'], 'pass on ixl0\n');
    const before = JSON.stringify([...e.state.vnets.get(0)!.pf.anchors]);
    e.state.files.set('/etc/pf.conf', PF_CONF);
    e.state.files.delete(ANCHOR_FILE);
    expect(sh(LOAD_PF_CONF)).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        `pfctl: ${ANCHOR_FILE}: No such file or directory`,
        'pfctl: cannot open the main config file!: No such file or directory',
        'pfctl: Syntax error in config file: pf rules not loaded',
        'pfctl: load anchors',
        '',
      ].join('\n'),
    });
    expect(JSON.stringify([...e.state.vnets.get(0)!.pf.anchors])).toBe(before);
    expect(sh(['pfctl', '-sr']).stdout).toBe('anchor "patchbay/*" all\n');
  });

  it('rolls everything back when a later anchor file has a syntax error', () => {
    const { e, sh } = host({ ...GOOD, [NAT_FILE]: 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\nnta on ixl0\n' });
    expect(sh(LOAD_PF_CONF)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${NAT_FILE}:2: syntax error\npfctl: Syntax error in config file: pf rules not loaded\npfctl: load anchors\n`,
    });
    expect([...e.state.vnets.get(0)!.pf.anchors.values()].flatMap((a) => a.rules)).toEqual([]);
  });

  it('with -n only checks, also every anchor file, and drops the "not loaded" line', () => {
    const { e, sh } = host(GOOD);
    expect(sh(['pfctl', '-n', '-f', '/etc/pf.conf'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(e.state.vnets.get(0)!.pf.anchors.size).toBe(0);
    e.state.files.delete(NAT_FILE);
    expect(sh(['pfctl', '-n', '-f', '/etc/pf.conf'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `pfctl: ${NAT_FILE}: No such file or directory\npfctl: cannot open the main config file!: No such file or directory\npfctl: load anchors\n`,
    });
  });

  it('reports a missing main file the way parse_config() does', () => {
    const { sh } = host({});
    expect(sh(LOAD_PF_CONF)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'pfctl: /etc/pf.conf: No such file or directory\npfctl: cannot open the main config file!: No such file or directory\npfctl: Syntax error in config file: pf rules not loaded\n',
    });
    expect(sh(['pfctl', '-nf', '/etc/pf.conf']).stderr).toBe(
      'pfctl: /etc/pf.conf: No such file or directory\npfctl: cannot open the main config file!: No such file or directory\n',
    );
  });

  it('refuses load anchor in a file loaded with -a (the releases differ)', () => {
    const { sh } = host(GOOD);
    expect(sh(['pfctl', '-a', 'x', '-f', '/etc/pf.conf']).stderr).toMatch(/emulator: unsupported: .*load anchor/);
  });
});

describe('checking and loading one anchor from stdin', () => {
  it('names stdin in errors and keeps the old rules', () => {
    const { sh } = host({});
    sh(['pfctl', '-a', 'patchbay/x', '-f', '-'], 'pass on ixl0\n');
    expect(sh(['pfctl', '-a', 'patchbay/x', '-f', '-'], 'pass on ixl0\npas out\n')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'stdin:2: syntax error\npfctl: Syntax error in config file: pf rules not loaded\n',
    });
    expect(sh(['pfctl', '-n', '-a', 'patchbay/x', '-f', '-'], 'pas out\n')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'stdin:1: syntax error\n',
    });
    expect(sh(['pfctl', '-a', 'patchbay/x', '-sr']).stdout).toBe('pass on ixl0 all flags S/SA keep state\n');
  });

  it('-n -a <anchor> -f <file> checks a file without touching pf', () => {
    const { e, sh } = host({ [ANCHOR_FILE]: 'block drop quick from 10.0.1.0/24 to any\n' });
    expect(sh(['pfctl', '-n', '-a', 'patchbay/policy', '-f', ANCHOR_FILE])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(e.state.vnets.get(0)!.pf.anchors.size).toBe(0);
    expect(sh(['pfctl', '-a', 'patchbay', '-s', 'Anchors']).stderr).toBe("Anchor 'patchbay' not found.\n");
  });

  it('enforces pf.conf order: translation before filtering', () => {
    const { sh } = host({});
    expect(
      sh(['pfctl', '-a', 'x', '-f', '-'], 'pass on ixl0\nnat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\n'),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'stdin:2: Rules must be in order: options, ethernet, normalization, queueing, translation, filtering\npfctl: Syntax error in config file: pf rules not loaded\n',
    });
    expect(
      sh(['pfctl', '-a', 'x', '-f', '-'], 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\npass on ixl0\n').code,
    ).toBe(0);
  });

  it('refuses the order error on 13, whose message was not read', () => {
    const { sh } = host({}, '13');
    expect(
      sh(['pfctl', '-a', 'x', '-f', '-'], 'pass on ixl0\nnat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\n').stderr,
    ).toMatch(/emulator: unsupported/);
  });

  it('stores one kernel rule per { list } combination, as expand_rule() makes them', () => {
    const { sh } = host({});
    sh(['pfctl', '-a', 'n', '-f', '-'], 'nat on ixl0 from { 10.0.0.0/24, 10.0.1.0/24 } to any -> (ixl0)\n');
    expect(sh(['pfctl', '-a', 'n', '-sn']).stdout).toBe(
      'nat on ixl0 inet from 10.0.0.0/24 to any -> (ixl0) round-robin\nnat on ixl0 inet from 10.0.1.0/24 to any -> (ixl0) round-robin\n',
    );
    sh(
      ['pfctl', '-a', 'f', '-f', '-'],
      'block drop quick from { 10.0.0.1, 2001:db8::1 } to { 10.0.0.2, 2001:db8::2 }\n',
    );
    expect(sh(['pfctl', '-a', 'f', '-sr']).stdout).toBe(
      'block drop quick inet from 10.0.0.1 to 10.0.0.2\nblock drop quick inet6 from 2001:db8::1 to 2001:db8::2\n',
    );
  });

  it('reports a rule whose lists leave no valid combination', () => {
    const { sh } = host({});
    expect(sh(['pfctl', '-a', 'f', '-f', '-'], 'pass inet6 from { 10.0.0.1 } to any\n').stderr).toBe(
      'stdin:1: rule expands to no valid combination\npfctl: Syntax error in config file: pf rules not loaded\n',
    );
  });

  it('refuses a rule without lists whose source and destination are of different families', () => {
    // expand_rule() runs for every rule, lists or not: one source and one destination of different
    // families leave no valid combination (sbin/pfctl/parse.y expand_rule()).
    const { sh } = host({});
    expect(sh(['pfctl', '-a', 'f', '-f', '-'], 'pass quick from 10.0.0.2 to fd00::/64\n').stderr).toBe(
      'stdin:1: rule expands to no valid combination\npfctl: Syntax error in config file: pf rules not loaded\n',
    );
  });

  it('-N and -R replace only the translation or the filter rules', () => {
    const { sh } = host({});
    sh(['pfctl', '-a', 'x', '-f', '-'], 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\npass on ixl0\n');
    sh(['pfctl', '-a', 'x', '-R', '-f', '-'], 'block drop on ixl0\n');
    expect(sh(['pfctl', '-a', 'x', '-sr']).stdout).toBe('block drop on ixl0 all\n');
    expect(sh(['pfctl', '-a', 'x', '-sn']).stdout).toContain('nat on ixl0');
    sh(['pfctl', '-a', 'x', '-N', '-f', '-'], '');
    expect(sh(['pfctl', '-a', 'x', '-sn']).stdout).toBe('');
    expect(sh(['pfctl', '-a', 'x', '-sr']).stdout).toBe('block drop on ixl0 all\n');
  });

  it('loads named brace anchors as anchors below the ruleset (anchor.sh nested_anchor)', () => {
    const { sh } = host({});
    const text = 'anchor "foo" { \n\t\t\tanchor "bar" { \n\t\t\t\tpass on ixl0 \n\t\t\t} \n\t\t}\n';
    expect(sh(['pfctl', '-f', '-'], text)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(sh(['pfctl', '-sr', '-a', '*']).stdout).toBe(
      'anchor "foo" all {\n  anchor "bar" all {\n    pass on ixl0 all flags S/SA keep state\n  }\n}\n',
    );
    expect(sh(['pfctl', '-s', 'Anchors']).stdout).toBe('  foo\n');
  });

  it('maps a rule cut short to yacc\'s "syntax error"', () => {
    const { sh } = host({});
    expect(sh(['pfctl', '-n', '-f', '-'], 'pass in on\n')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'stdin:1: syntax error\n',
    });
  });

  it('loads its own listing back unchanged (the rollback of a plan reloads printed rules)', () => {
    const { sh } = host({});
    const written =
      'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\nblock quick from 10.0.1.0/24 to 192.168.1.0/24\npass in on ixl0 proto tcp from any to 10.0.0.2 port 80\npass\n';
    sh(['pfctl', '-a', 'x', '-f', '-'], written);
    const listing = () => sh(['pfctl', '-a', 'x', '-sn']).stdout + sh(['pfctl', '-a', 'x', '-sr']).stdout;
    const printed = listing();
    expect(printed).toBe(
      'nat on ixl0 inet from 10.0.0.0/24 to any -> (ixl0) round-robin\nblock drop quick inet from 10.0.1.0/24 to 192.168.1.0/24\npass in on ixl0 inet proto tcp from any to 10.0.0.2 port = http flags S/SA keep state\npass all flags S/SA keep state\n',
    );
    expect(sh(['pfctl', '-a', 'x', '-f', '-'], printed).code).toBe(0);
    expect(listing()).toBe(printed);
  });

  it('refuses what it cannot judge instead of guessing', () => {
    const { sh } = host({});
    const refused = (text: string) =>
      expect(sh(['pfctl', '-a', 'x', '-f', '-'], text).stderr, text).toMatch(/^pfctl: emulator: unsupported: /);
    refused('scrub in all\n');
    refused('set block-policy return\n');
    refused('pass from nosuchif0 to any\n');
    refused('anchor "y" on ixl0\n');
    refused('anchor {\npass\n}\n');
    refused('pass from $undefined to any\n');
  });
});
