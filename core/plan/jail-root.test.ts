import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { validTopology } from '../testing/arbitrary-topology';
import { bareHost } from '../testing/bare-host';
import { handbookRoot } from '../topology/jail-root';
import type { JailStack, Topology } from '../topology/schema';
import { jailPath } from './indexed';
import { plan } from './plan';

// A jail's root in the plan: a rooted jail is created with the Handbook's parameters; an external
// one (jail.conf, Bastille, AppJail) is never created, changed or removed, only wired up.

const argvs = (actual: Topology, desired: Topology) =>
  plan(actual, desired).steps.map((s) => `${s.command.jail ? `[${s.command.jail}] ` : ''}${s.command.argv.join(' ')}`);

function withRoot(t: Topology, name: string, root: JailStack['root']): Topology {
  const next = structuredClone(t);
  const jail = next.stacks.find((s): s is JailStack => s.kind === 'jail' && s.name === name)!;
  jail.root = root;
  return next;
}

/** The host as it would be with the design's external jails already running, empty. */
function withRunningJails(host: Topology, design: Topology, paths: string[]): Topology {
  const next = structuredClone(host);
  for (const stack of design.stacks)
    if (stack.kind === 'jail' && paths.includes(jailPath(design, stack)))
      next.stacks.push({
        ...structuredClone(stack),
        // A new vnet has its lo0, down and unaddressed, until someone configures it.
        interfaces: [{ kind: 'loopback', id: `${stack.id}:lo0`, name: 'lo0', up: false, addresses: [], mtu: 16384 }],
        root: undefined,
      });
  return next;
}

describe('the plan for a jail with a root', () => {
  it("creates it with the Handbook's path, hostname, devfs and rc in one jail -c, and says what an undo leaves", () => {
    const design = withRoot(blogNetwork(), 'www-jail', handbookRoot());
    const result = plan(bareHost(), design);
    const create = result.steps.find((s) => s.command.argv.includes('name=www-jail'))!;
    expect(create.command.argv.slice(0, 10)).toEqual([
      'jail',
      '-c',
      'name=www-jail',
      'host.hostname=www-jail',
      'path=/usr/local/jails/containers/www-jail',
      'mount.devfs',
      'devfs_ruleset=5',
      'exec.start=/bin/sh /etc/rc',
      'exec.stop=/bin/sh /etc/rc.shutdown',
      'persist',
    ]);
    expect(result.notes.join('\n')).toMatch(/leaves devfs mounted on \/usr\/local\/jails\/containers\/www-jail\/dev/);
  });

  it("keeps a network-only jail's jail -c as before: no path, no devfs, no rc", () => {
    const design = withRoot(blogNetwork(), 'www-jail', { kind: 'network-only' });
    expect(argvs(bareHost(), design)).toContain(
      'jail -c name=www-jail persist vnet children.max=0 vnet.interface={new2:b}',
    );
  });
});

describe('the plan for a jail another tool defines', () => {
  const design = withRoot(blogNetwork(), 'www-jail', { kind: 'external', manager: 'bastille' });

  it('refuses, and creates nothing for it, while that jail is not running', () => {
    const result = plan(bareHost(), design);
    expect(result.refusals.map((r) => r.subject)).toContain('jail www-jail');
    expect(result.refusals.find((r) => r.subject === 'jail www-jail')!.reason).toMatch(/defined by Bastille/);
    expect(argvs(bareHost(), design).filter((s) => s.includes('www-jail') && s.startsWith('jail'))).toEqual([]);
  });

  it('moves its interfaces into the running jail and configures them there, and says so', () => {
    const actual = withRunningJails(bareHost(), design, ['www-jail']);
    const result = plan(actual, design);
    const steps = argvs(actual, design);
    // Only its lo0 waits for adoption: the jail's own loopback is the other tool's until then.
    expect(result.refusals.map((r) => r.subject)).toEqual(['jail www-jail/lo0']);
    expect(steps.some((s) => /^jail .*www-jail/.test(s))).toBe(false);
    expect(steps.some((s) => /^ifconfig \S+ vnet www-jail$/.test(s))).toBe(true);
    expect(steps).toContain('[www-jail] ifconfig e0b_www_jail inet 10.0.0.3/24 alias');
    expect(result.notes.join('\n')).toMatch(/www-jail is defined by Bastille: the plan only moves interfaces/);
  });

  it('never runs jail -c, -m, -r or -R for an external jail, nor undoes with one (property)', () => {
    fc.assert(
      fc.property(validTopology, fc.array(fc.boolean(), { maxLength: 12 }), (design, marks) => {
        const jails = design.stacks.filter((s): s is JailStack => s.kind === 'jail');
        const external = jails.filter((_, i) => marks[i]);
        for (const jail of external) jail.root = { kind: 'external', manager: 'appjail' };
        const paths = external.map((j) => jailPath(design, j));
        const actual = withRunningJails(bareHost(), design, paths);
        const result = plan(actual, design);
        const commands = result.steps.flatMap((s) => [s.command, ...s.inverse]);
        for (const { argv } of commands.filter((c) => c.argv[0] === 'jail')) {
          const named = argv.slice(1).map((w) => w.replace(/^name=/, ''));
          for (const path of paths) expect(named, argv.join(' ')).not.toContain(path);
        }
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});
