import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { lab } from '../templates/templates';
import type { Topology } from '../topology/schema';
import { renderJailConfs } from './jail-conf';
import { anchorOfFilePath, renderPfAnchors, renderPfHooks } from './pf-files';
import {
  jailQuote,
  rcDescription,
  rcIfconfigValue,
  rcInterfaceVar,
  rcQuote,
  RenderError,
  shQuote,
} from '../text/quote';
import { renderConfig } from './render-all';
import { renderLoaderConf, renderRcConf, renderSysctlConf } from './rc-conf';

const HOSTILE = ['$(reboot)', '`reboot`', 'a"b', 'a\\b', 'line\nbreak', 'two words'];

describe('rc.conf quoting', () => {
  it('refuses what sh would expand inside double quotes, and line breaks, naming the field', () => {
    for (const value of ['$(reboot)', '`reboot`', 'a"b', 'a\\b', 'line\nbreak']) {
      expect(() => rcQuote(value, 'host interface em0 description')).toThrow(RenderError);
      expect(() => rcQuote(value, 'host interface em0 description')).toThrow(/host interface em0 description/);
    }
    expect(rcQuote('two words', 'f')).toBe('"two words"');
  });

  it('keeps evaluated ifconfig_ values to plain words', () => {
    expect(rcIfconfigValue(['inet', '10.0.0.1/24', 'up'], 'f')).toBe('"inet 10.0.0.1/24 up"');
    for (const word of [...HOSTILE, 'a;b', "it's", '*'])
      expect(() => rcIfconfigValue(['inet', word], 'f')).toThrow(RenderError);
  });

  it('refuses descriptions network.subr would glob or collapse', () => {
    expect(rcDescription('patchbay: jails (dmz)', 'f')).toBe('"patchbay: jails (dmz)"');
    for (const value of ['*', 'a  b', ' a', "it's", ...HOSTILE.filter((h) => h !== 'two words')])
      expect(() => rcDescription(value, 'f')).toThrow(RenderError);
  });

  it('maps ".-/+" in interface names to "_" as network.subr get_if_var does, and refuses the rest', () => {
    expect(rcInterfaceVar('em0.2', 'f')).toBe('em0_2');
    expect(rcInterfaceVar('a-b+c/d', 'f')).toBe('a_b_c_d');
    expect(() => rcInterfaceVar('em0$x', 'f')).toThrow(RenderError);
    expect(() => rcInterfaceVar('em 0', 'f')).toThrow(RenderError);
  });
});

describe('jail.conf and sh quoting', () => {
  it('escapes backslash, quote and $ for jail.conf, and refuses line breaks', () => {
    expect(jailQuote('$(reboot)', 'f')).toBe('"\\$(reboot)"');
    expect(jailQuote('a"b\\c', 'f')).toBe('"a\\"b\\\\c"');
    expect(jailQuote('two words', 'f')).toBe('"two words"');
    expect(() => jailQuote('line\nbreak', 'jail www: hostname')).toThrow(/jail www: hostname/);
  });

  it('single-quotes sh words that are not plain', () => {
    expect(shQuote('epair0a', 'f')).toBe('epair0a');
    expect(shQuote('$(reboot)', 'f')).toBe("'$(reboot)'");
    expect(shQuote("it's", 'f')).toBe("'it'\\''s'");
    expect(shQuote('two words', 'f')).toBe("'two words'");
    expect(() => shQuote('a\nb', 'f')).toThrow(RenderError);
  });
});

function withDescription(description: string): Topology {
  const t = blogNetwork();
  const www = t.stacks.find((s) => s.id === 'www')!;
  www.interfaces[1]!.description = description;
  return t;
}

describe('hostile strings in a design', () => {
  it('a jail interface description stays one literal ifconfig argument', () => {
    const [, , www] = [...renderJailConfs(withDescription('$(reboot) "x" \\ `y`'))].sort((a, b) =>
      a.path.localeCompare(b.path),
    );
    const line = www!.content.split('\n').find((l) => l.includes('e0b_www_jail ether'))!;
    // sh sees: /sbin/ifconfig e0b_www_jail ether … description 'patchbay epair …: $(reboot) "x" \ `y`' up; jail.conf
    // escapes \ " $.
    expect(line).toBe(
      `\texec.start += "/sbin/ifconfig e0b_www_jail ether 02:62:18:0a:d7:0b description 'patchbay epair e0a_www_jail/e0b_www_jail: \\$(reboot) \\"x\\" \\\\ \`y\`' up";`,
    );
  });

  it('a newline in a description is refused with the field named', () => {
    expect(() => renderConfig(withDescription('a\nb'))).toThrow(/jail www-jail: interface e0b_www_jail/);
  });

  it('a host description with "$" is refused for rc.conf', () => {
    const t = blogNetwork();
    t.stacks[0]!.interfaces[1]!.description = 'up $(reboot)';
    expect(() => renderRcConf(t)).toThrow(/host interface ixl0 description/);
  });

  it('a hostile hostname is quoted in jail.conf', () => {
    const t = blogNetwork();
    (t.stacks[1] as { hostname?: string }).hostname = 'x"; exec.start += "reboot';
    const snort = renderJailConfs(t).find((f) => f.jail === 'snort-jail')!;
    expect(snort.content).toContain('\thost.hostname = "x\\"; exec.start += \\"reboot";');
  });
});

describe('rc.conf content', () => {
  it('puts the address before addm and gives members their own up line', () => {
    const t = blogNetwork();
    const host = t.stacks[0]!;
    host.interfaces.push({ kind: 'physical', id: 'host:em1', name: 'em1', up: true, addresses: [] });
    const bridge = host.interfaces.find((i) => i.id === 'host:bridge0')!;
    if (bridge.kind === 'bridge') bridge.members.push('host:em1');
    const rc = renderRcConf(t);
    expect(rc).toContain('ifconfig_bridge0="inet 10.0.0.1/24 addm em1 up"');
    expect(rc).toContain('ifconfig_em1="up"');
  });

  it('clones a free unit and renames it for a custom bridge name', () => {
    const t = lab(2);
    t.stacks[0]!.interfaces[0]!.name = 'labnet';
    const rc = renderRcConf(t);
    expect(rc).toContain('cloned_interfaces="bridge0"');
    expect(rc).toContain('ifconfig_bridge0_name="labnet"');
    expect(rc).toContain('ifconfig_labnet="inet 10.30.0.1/24 up"');
  });

  it('writes sysctl.conf and loader.conf only when bridge filtering is set', () => {
    const t = blogNetwork();
    expect(renderSysctlConf(t)).toBeUndefined();
    expect(renderLoaderConf(t)).toBeUndefined();
    t.stacks[0]!.bridgeFilter = { member: false, bridge: false };
    expect(renderSysctlConf(t)).toContain('net.link.bridge.pfil_member=0\nnet.link.bridge.pfil_bridge=0\n');
    expect(renderLoaderConf(t)).toContain('if_bridge_load="YES"');
  });

  it('enables pf only for a design with rules, and writes the same hook lines and every anchor file for all', () => {
    expect(renderRcConf(lab(2))).not.toContain('pf_enable');
    const hooks = renderPfHooks();
    expect(hooks.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      'nat-anchor "patchbay/*"',
      'anchor "patchbay/*"',
      'load anchor "patchbay/nat" from "/usr/local/etc/patchbay/pf/patchbay-nat.conf"',
      'load anchor "patchbay/intents" from "/usr/local/etc/patchbay/pf/patchbay-intents.conf"',
      'load anchor "patchbay/policy" from "/usr/local/etc/patchbay/pf/patchbay-policy.conf"',
    ]);
    // A design without rules still gets its (empty) files: pfctl rolls back a load whose file is missing.
    const empty = renderPfAnchors(lab(2));
    expect(empty.map((f) => f.anchor)).toEqual(['patchbay/nat', 'patchbay/intents', 'patchbay/policy']);
    expect(empty.every((f) => f.content.split('\n').every((l) => l === '' || l.startsWith('#')))).toBe(true);
    expect(anchorOfFilePath('/usr/local/etc/patchbay/pf/patchbay-intents.conf')).toBe('patchbay/intents');
    expect(anchorOfFilePath('/usr/local/etc/patchbay/pf/other.conf')).toBeUndefined();
  });
});

describe('nested jails', () => {
  it('lists parents first, names the child by its path and sets children.max', () => {
    const t = lab(2);
    const [parent, child] = t.stacks.filter((s) => s.kind === 'jail') as [
      Extract<Topology['stacks'][number], { kind: 'jail' }>,
      Extract<Topology['stacks'][number], { kind: 'jail' }>,
    ];
    t.stacks = [t.stacks[0]!, child, parent];
    child.parent = parent.id;
    parent.childrenMax = 1;
    const files = renderJailConfs(t);
    // One file per top-level jail, the child's block in it; rc.d/jail maps jail_list names with
    // `tr /. _`, so only top-level names go there and the parent starts and stops its children.
    expect(files.map((f) => f.path)).toEqual(['/etc/jail.conf.d/lab1.conf']);
    const content = files[0]!.content;
    expect(content).toContain('\tchildren.max = 1;');
    expect(content.indexOf('lab1 {')).toBeLessThan(content.indexOf('lab1.lab2 {'));
    expect(content).toContain('\texec.poststart += "/usr/sbin/jail -f /etc/jail.conf.d/lab1.conf -c lab1.lab2";');
    expect(content).toContain('\texec.prestop += "/usr/sbin/jail -f /etc/jail.conf.d/lab1.conf -r lab1.lab2";');
    expect(renderRcConf(t)).toContain('jail_list="lab1"');
  });
});
