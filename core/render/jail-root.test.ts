import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { handbookRoot, JailRootSchema } from '../topology/jail-root';
import { TopologySchema, type JailStack, type Topology } from '../topology/schema';
import { renderJailConfs } from './jail-conf';
import { renderRcConf } from './rc-conf';

function withRoot(t: Topology, name: string, root: JailStack['root']): Topology {
  const next = structuredClone(t);
  next.stacks.find((s): s is JailStack => s.kind === 'jail' && s.name === name)!.root = root;
  return next;
}
const fileOf = (t: Topology, jail: string) => renderJailConfs(t).find((f) => f.jail === jail)!.content;

describe('jail.conf.d for each kind of root', () => {
  it("writes the Handbook's VNET jail: path, hostname, devfs, rc after the network, rc.shutdown", () => {
    const text = fileOf(withRoot(blogNetwork(), 'www-jail', handbookRoot()), 'www-jail');
    expect(text).toContain(
      '\tpath = "/usr/local/jails/containers/www-jail";\n\thost.hostname = "www-jail";\n\tmount.devfs;\n\tdevfs_ruleset = 5;\n',
    );
    expect(text).toContain('\texec.stop += "/bin/sh /etc/rc.shutdown";');
    const start = text.split('\n').filter((l) => l.includes('exec.start'));
    expect(start.at(-1)).toBe('\texec.start += "/bin/sh /etc/rc";');
    expect(start.length).toBeGreaterThan(1);
    expect(text).toContain('changes made here are lost on the next export');
  });

  it('says a network-only jail has no root, and writes no path', () => {
    const text = fileOf(blogNetwork(), 'www-jail');
    expect(text).toContain("# Network-only: no path, so the jail shares the host's root");
    expect(text).not.toMatch(/path =|mount.devfs|\/etc\/rc/);
  });

  it('writes only the network part of an external jail, commented out, and keeps it out of jail_list', () => {
    const design = withRoot(blogNetwork(), 'www-jail', { kind: 'external', manager: 'bastille' });
    const text = fileOf(design, 'www-jail');
    expect(text).toMatch(/^# \/etc\/jail.conf.d\/www-jail.conf: the network part of jail www-jail/);
    expect(text).toContain('Bastille defines, starts and stops this jail, not Patchbay');
    expect(text).not.toContain('changes made here are lost');
    // Nothing jail(8) would read: every line is a comment.
    expect(
      text
        .trimEnd()
        .split('\n')
        .every((line) => line.startsWith('#')),
    ).toBe(true);
    expect(text).toContain('# \tvnet.interface += "e0b_www_jail";');
    expect(text).not.toMatch(/persist;|path =/);
    const rc = renderRcConf(design);
    expect(rc).toMatch(/jail_list="[^"]*"/);
    expect(rc.match(/jail_list="([^"]*)"/)![1]!.split(' ')).not.toContain('www-jail');
    expect(rc).toContain('# Started by the tools that define them, not listed here: www-jail.');
  });
});

describe('the root fields refuse what could break out of jail.conf or argv', () => {
  const parse = (root: object) => JailRootSchema.safeParse({ kind: 'directory', ...root });
  const message = (root: object) => {
    const result = parse(root);
    return result.success ? 'accepted' : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };

  it('accepts the Handbook defaults and a plain absolute path', () => {
    expect(parse({}).success).toBe(true);
    expect(parse({ path: '/jails/web-1', devfsRuleset: 4 }).success).toBe(true);
  });

  it.each([
    ['relative path', { path: 'jails/web' }, /^path: path must be absolute/],
    ['the host root', { path: '/' }, /^path: path is made of plain components/],
    ['dot-dot', { path: '/jails/../etc' }, /no "\." or "\.\." component/],
    ['quote in path', { path: '/jails/"web' }, /plain components/],
    ['newline in path', { path: '/jails/web\nexec.start' }, /plain components/],
    ['quote in command', { execStart: '/bin/sh "/etc/rc"' }, /^execStart: the command may not hold quotes/],
    ['variable in command', { execStop: '/bin/sh ${name}' }, /^execStop: the command may not hold/],
    ['newline in command', { execStart: '/bin/sh /etc/rc\n}' }, /^execStart: the command may not hold/],
    ['empty command', { execStart: '' }, /^execStart: the command is empty/],
    ['ruleset too big', { devfsRuleset: 70000 }, /^devfsRuleset: the devfs ruleset is 0 \(none\) to 65535/],
  ])('refuses a %s, naming the field and the rule', (_, root, expected) => {
    expect(message(root)).toMatch(expected);
  });

  it('reads a version 2 file without roots as network-only jails, unchanged', () => {
    const parsed = TopologySchema.parse(blogNetwork());
    expect(parsed.stacks.filter((s) => s.kind === 'jail').every((s) => s.root === undefined)).toBe(true);
    expect(renderJailConfs(parsed)).toEqual(renderJailConfs(blogNetwork()));
  });
});
