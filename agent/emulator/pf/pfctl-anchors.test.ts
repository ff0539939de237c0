import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FreebsdEmulator } from '../emulator';
import type { Release } from '../state';
import { LOAD_PF_CONF, PATCHBAY_PF_HOOKS, pfConfFiles } from './hooks';

// Which anchors `pfctl -s rules|nat -a '*'` and `-s Anchors` show (docs/freebsd/pf.md "Listing").

function host(release: Release = '14', pfConf = PATCHBAY_PF_HOOKS) {
  const e = new FreebsdEmulator({
    release,
    nics: [{ name: 'ixl0', addresses: ['192.168.1.10/24'] }],
    files: pfConfFiles(pfConf),
  });
  const sh = (argv: string[], stdin?: string) => e.runSync({ argv, ...(stdin !== undefined ? { stdin } : {}) });
  return { e, sh };
}

describe('pfctl -s rules -a "*" follows the anchors the main ruleset calls', () => {
  it('lists nothing for an anchor that no rule calls, but names it when asked', () => {
    const { sh } = host('14', '');
    expect(sh([...LOAD_PF_CONF]).code).toBe(0);
    expect(
      sh(['pfctl', '-a', 'patchbay/policy', '-f', '-'], 'block drop quick from 10.0.1.0/24 to 192.168.1.0/24\n').code,
    ).toBe(0);
    expect(sh(['pfctl', '-s', 'rules', '-a', '*'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(sh(['pfctl', '-a', 'patchbay/policy', '-s', 'rules']).stdout).toBe(
      'block drop quick inet from 10.0.1.0/24 to 192.168.1.0/24\n',
    );
    // Uncalled, it still exists: -s Anchors walks the kernel's anchor tree, not the calls.
    expect(sh(['pfctl', '-s', 'Anchors']).stdout).toBe('  patchbay\n');
  });

  it('descends through a wildcard hook into every child of the called anchor, in name order', () => {
    const { sh } = host();
    expect(sh([...LOAD_PF_CONF])).toEqual({ code: 0, stdout: '', stderr: '' });
    sh(['pfctl', '-a', 'patchbay/policy', '-f', '-'], 'block drop quick from 10.0.1.0/24 to 192.168.1.0/24\n');
    sh(['pfctl', '-a', 'patchbay/nat', '-f', '-'], 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\n');
    expect(sh(['pfctl', '-s', 'rules', '-a', '*']).stdout).toBe(
      [
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
    expect(sh(['pfctl', '-sn', '-a', '*']).stdout).toBe(
      [
        'nat-anchor "patchbay/*" all {',
        '  nat-anchor "nat" all {',
        '    nat on ixl0 inet from 10.0.0.0/24 to any -> (ixl0) round-robin',
        '  }',
        '  nat-anchor "policy" all {',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints a hook line without a body when -a has no "*"', () => {
    const { sh } = host();
    sh([...LOAD_PF_CONF]);
    sh(['pfctl', '-a', 'patchbay/policy', '-f', '-'], 'pass quick from 10.0.1.0/24 to any\n');
    expect(sh(['pfctl', '-s', 'rules']).stdout).toBe('anchor "patchbay/*" all\n');
    expect(sh(['pfctl', '-s', 'nat']).stdout).toBe('nat-anchor "patchbay/*" all\n');
  });

  it('does not list an anchor outside the called subtree', () => {
    const { sh } = host();
    sh([...LOAD_PF_CONF]);
    sh(['pfctl', '-a', 'other', '-f', '-'], 'pass on ixl0\n');
    sh(['pfctl', '-a', 'patchbay/x', '-f', '-'], 'pass on ixl0\n');
    const listed = sh(['pfctl', '-s', 'rules', '-a', '*']).stdout;
    expect(listed).toContain('anchor "x" all {');
    expect(listed).not.toContain('other');
    expect(sh(['pfctl', '-s', 'Anchors']).stdout).toBe('  other\n  patchbay\n');
  });

  it('reproduces the shape of the anchor.sh nested-anchor output with named anchors', () => {
    const { sh } = host('14', 'anchor "foo"\n');
    sh([...LOAD_PF_CONF]);
    sh(['pfctl', '-a', 'foo', '-f', '-'], 'anchor "bar"\n');
    sh(['pfctl', '-a', 'foo/bar', '-f', '-'], 'pass on ixl0\n');
    const expected = readFileSync(
      join(__dirname, '../../../fixtures/freebsd/pfctl-sr-a-star-nested-anchor-expected.txt'),
      'utf8',
    ).replace('${epair}a', 'ixl0');
    expect(sh(['pfctl', '-sr', '-a', '*']).stdout).toBe(expected);
  });

  it('recurses from a named anchor with -a "x/*" into the anchors x calls', () => {
    const { sh } = host('14', 'anchor "foo"\n');
    sh([...LOAD_PF_CONF]);
    sh(['pfctl', '-a', 'foo', '-f', '-'], 'pass on ixl0\nanchor "bar"\n');
    sh(['pfctl', '-a', 'foo/bar', '-f', '-'], 'block drop on ixl0\n');
    expect(sh(['pfctl', '-sr', '-a', 'foo/*']).stdout).toBe(
      'pass on ixl0 all flags S/SA keep state\nanchor "bar" all {\n  block drop on ixl0 all\n}\n',
    );
    expect(sh(['pfctl', '-sr', '-a', 'foo']).stdout).toBe('pass on ixl0 all flags S/SA keep state\nanchor "bar" all\n');
  });
});

describe('pfctl -s Anchors', () => {
  it('prints children with two leading spaces, full paths, and exits 0 when the anchor is missing', () => {
    const { sh } = host();
    expect(sh(['pfctl', '-a', 'patchbay', '-s', 'Anchors'])).toEqual({
      code: 0,
      stdout: '',
      stderr: "Anchor 'patchbay' not found.\n",
    });
    sh([...LOAD_PF_CONF]);
    // The hook holds a reference on "patchbay": it exists before anything is loaded into it.
    expect(sh(['pfctl', '-a', 'patchbay', '-s', 'Anchors'])).toEqual({ code: 0, stdout: '', stderr: '' });
    sh(['pfctl', '-a', 'patchbay/tor-relay', '-f', '-'], 'pass on ixl0\n');
    sh(['pfctl', '-a', 'patchbay/nat', '-f', '-'], 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\n');
    expect(sh(['pfctl', '-a', 'patchbay', '-s', 'Anchors']).stdout).toBe('  patchbay/nat\n  patchbay/tor-relay\n');
  });

  it('walks the whole subtree on 15 and only the children on 14', () => {
    for (const [release, expected] of [
      ['14', '  a\n'],
      ['15', '  a\n  a/b\n'],
    ] as const) {
      const { sh } = host(release);
      sh(['pfctl', '-a', 'a/b', '-f', '-'], 'pass on ixl0\n');
      expect(sh(['pfctl', '-s', 'Anchors']).stdout).toBe(expected);
    }
  });

  it('drops an anchor once it is emptied and nothing calls it', () => {
    const { sh } = host();
    sh(['pfctl', '-a', 'patchbay/x', '-f', '-'], 'pass on ixl0\n');
    expect(sh(['pfctl', '-a', 'patchbay', '-s', 'Anchors']).stdout).toBe('  patchbay/x\n');
    expect(sh(['pfctl', '-a', 'patchbay/x', '-F', 'rules'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'rules cleared\n',
    });
    expect(sh(['pfctl', '-a', 'patchbay', '-s', 'Anchors'])).toEqual({
      code: 0,
      stdout: '',
      stderr: "Anchor 'patchbay' not found.\n",
    });
  });

  it('keeps an emptied anchor that a rule still calls', () => {
    const { sh } = host('14', 'anchor "patchbay/x"\n');
    sh([...LOAD_PF_CONF]);
    sh(['pfctl', '-a', 'patchbay/x', '-f', '-'], 'pass on ixl0\n');
    sh(['pfctl', '-a', 'patchbay/x', '-F', 'rules']);
    expect(sh(['pfctl', '-a', 'patchbay', '-s', 'Anchors']).stdout).toBe('  patchbay/x\n');
    expect(sh(['pfctl', '-sr', '-a', '*']).stdout).toBe('anchor "patchbay/x" all {\n}\n');
  });
});

describe('listing an anchor that does not exist', () => {
  it('warns with pf_strerror() and exits 0 on 15', () => {
    const { sh } = host('15');
    expect(sh(['pfctl', '-a', 'nope', '-s', 'rules'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'pfctl: Anchor does not exist\n',
    });
  });

  it('is refused where the wording was not read', () => {
    const { sh } = host('14');
    expect(sh(['pfctl', '-a', 'nope', '-s', 'rules']).stderr).toMatch(/^pfctl: emulator: unsupported: /);
    expect(sh(['pfctl', '-a', 'nope', '-s', 'nat']).stderr).toMatch(/^pfctl: emulator: unsupported: /);
  });
});
