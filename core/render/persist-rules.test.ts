import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import {
  BEGIN_MARK,
  blockConflicts,
  PatchbayBlockError,
  END_MARK,
  hasPatchbayHeader,
  mayCreateDirectory,
  mergeBlock,
  persistRule,
} from './persist-rules';
import { renderConfig } from './render-all';

describe('persistRule', () => {
  it("sorts every rendered file: Patchbay's, the user's, or pf.conf shown only", () => {
    const rules = renderConfig(blogNetwork()).map((f) => [f.path, f.owner, persistRule(f.path)] as const);
    for (const [path, owner, rule] of rules) {
      if (path === '/etc/pf.conf') expect(rule).toMatchObject({ ok: false, shownOnly: true });
      else expect(rule).toMatchObject({ ok: true, owner });
    }
  });

  it('refuses paths outside the allow-list, naming the path and the rule', () => {
    for (const path of [
      '/etc/passwd',
      '/usr/local/etc/patchbay/agent.token',
      '/etc/jail.conf.d/a/b.conf',
      '/usr/local/etc/patchbay/../../../etc/passwd.conf',
      '/etc//rc.conf',
      'etc/rc.conf',
      '/usr/local/etc/patchbay/.hidden.conf',
      '/etc/rc.conf.local',
    ]) {
      const rule = persistRule(path);
      expect(rule.ok, path).toBe(false);
      if (!rule.ok) expect(rule.shownOnly).toBe(false);
    }
    const rule = persistRule('/etc/passwd');
    expect(!rule.ok && rule.reason).toMatch(
      /\/etc\/passwd is outside what Patchbay may write: its own files \(\/usr\/local\/etc\/patchbay\/\*\*\/\*\.conf/,
    );
  });

  it('lets Patchbay create only its own directories', () => {
    expect(mayCreateDirectory('/usr/local/etc/patchbay/pf')).toBe(true);
    expect(mayCreateDirectory('/etc/jail.conf.d')).toBe(true);
    expect(mayCreateDirectory('/usr/local/etc')).toBe(false);
    expect(mayCreateDirectory('/etc')).toBe(false);
    expect(mayCreateDirectory('/usr/local/etc/patchbay/../x')).toBe(false);
  });
});

describe('hasPatchbayHeader', () => {
  it('recognises the header of every file the renderers own, for its own path only', () => {
    for (const file of renderConfig(blogNetwork()).filter((f) => f.owner === 'patchbay')) {
      expect(hasPatchbayHeader(file.path, file.content), file.path).toBe(true);
      expect(hasPatchbayHeader('/etc/jail.conf.d/other.conf', file.content)).toBe(false);
    }
    expect(hasPatchbayHeader('/etc/jail.conf.d/a.conf', 'a { persist; }\n')).toBe(false);
  });
});

describe('mergeBlock and blockConflicts', () => {
  const admin = 'hostname="h"\nsshd_enable="YES"\ndefaultrouter="192.168.1.254"\n';

  it('appends a block once, then replaces it in place', () => {
    const first = mergeBlock(admin, 'gateway_enable="YES"\n');
    expect(first.content).toBe(`${admin}\n${BEGIN_MARK}\ngateway_enable="YES"\n${END_MARK}\n`);
    const second = mergeBlock(`${first.content}after="1"\n`, 'pf_enable="YES"\n');
    expect(second.content).toBe(`${admin}\n${BEGIN_MARK}\npf_enable="YES"\n${END_MARK}\nafter="1"\n`);
    expect(mergeBlock(second.content, 'pf_enable="YES"\n').content).toBe(second.content);
  });

  it('writes just the block into a file that does not exist', () => {
    expect(mergeBlock(undefined, 'a=1\n').content).toBe(`${BEGIN_MARK}\na=1\n${END_MARK}\n`);
  });

  it('refuses broken markers and marker lines in the content', () => {
    expect(() => mergeBlock(`${BEGIN_MARK}\na=1\n`, 'b=1\n')).toThrow(PatchbayBlockError);
    expect(() => mergeBlock(`${END_MARK}\n${BEGIN_MARK}\n`, 'b=1\n')).toThrow(PatchbayBlockError);
    expect(() => mergeBlock(`${BEGIN_MARK}\n${END_MARK}\n${BEGIN_MARK}\n${END_MARK}\n`, 'b=1\n')).toThrow(
      /2 "# BEGIN patchbay/,
    );
    expect(() => mergeBlock(admin, `${END_MARK}\nrm=1\n`)).toThrow(PatchbayBlockError);
  });

  it('reports a variable set outside and inside the block, with its line', () => {
    const merged = mergeBlock(
      admin,
      '# comment defaultrouter="x"\ndefaultrouter="192.168.1.1"\ngateway_enable="YES"\n',
    );
    expect(blockConflicts(merged, 'assignments')).toEqual([
      'defaultrouter is set on line 3 (defaultrouter="192.168.1.254") and in Patchbay\'s block (defaultrouter="192.168.1.1"); the block comes later and wins.',
    ]);
    expect(blockConflicts(mergeBlock('#defaultrouter="1"\n', 'defaultrouter="2"\n'), 'assignments')).toEqual([]);
    expect(
      blockConflicts(mergeBlock('net.link.bridge.pfil_member = 1\n', 'net.link.bridge.pfil_member=0\n'), 'assignments'),
    ).toHaveLength(1);
  });

  it('reports a jail.conf line that would be read twice', () => {
    const include = '.include "/etc/jail.conf.d/*.conf";';
    expect(blockConflicts(mergeBlock(`${include}\n`, `# c\n${include}\n`), 'lines')).toEqual([
      `line 1 (${include}) is also in Patchbay's block, so it would be read twice.`,
    ]);
  });
});
