import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { validTopology } from '../testing/arbitrary-topology';
import type { Topology } from '../topology/schema';
import { compilePf } from '../pf/compile';
import { bareHost } from '../testing/bare-host';
import { uplinkNames } from './indexed';
import { plan } from './plan';

const argvs = (t: Topology, d: Topology, options?: Parameters<typeof plan>[2]) =>
  plan(t, d, options).steps.map((s) => `${s.command.jail ? `[${s.command.jail}] ` : ''}${s.command.argv.join(' ')}`);

describe('plan', () => {
  it('builds the blog network from a bare host in dependency order, in calls FreeBSD accepts', () => {
    const steps = argvs(bareHost(), blogNetwork());
    expect(steps.filter((s) => s.includes(' create')).sort()).toEqual([
      'ifconfig bridge0 create inet 10.0.0.1/24 alias description patchbay: jails up',
      'ifconfig bridge1 create inet 10.0.1.1/24 alias description patchbay: tor relay, internet only up',
      'ifconfig epair create ether 02:62:18:0a:d7:0a description patchbay epair e0a_www_jail/e0b_www_jail up',
      'ifconfig epair create ether 02:87:73:73:65:0a description patchbay epair e0a_tor_relay/e0b_tor_relay up',
      'ifconfig epair create ether 02:89:da:58:de:0a description patchbay epair e0a_snort_jail/e0b_snort_jail up',
    ]);
    // Never a unit number: the kernel picks it, the apply captures the printed name and renames.
    expect(steps.some((s) => /epair[0-9]/.test(s))).toBe(false);
    expect(steps).toContain('ifconfig {new1} name e0a_snort_jail');
    // The jail receives its end under the kernel name as it is created, and renames it inside.
    expect(steps).toContain('jail -c name=snort-jail persist vnet children.max=0 vnet.interface={new1:b}');
    expect(steps).toContain(
      '[snort-jail] ifconfig {new1:b} ether 02:89:da:58:de:0b description patchbay epair e0a_snort_jail/e0b_snort_jail up name e0b_snort_jail',
    );
    // One address per call, the family first.
    expect(steps).toContain('[snort-jail] ifconfig e0b_snort_jail inet 10.0.0.2/24 alias');
    expect(steps).toContain('[snort-jail] ifconfig lo0 inet 127.0.0.1/8 alias up');
    expect(steps).toContain('ifconfig bridge0 addm e0a_snort_jail addm e0a_www_jail');
    expect(steps).toContain('[snort-jail] route add default 10.0.0.1');
    expect(steps).toContain('sysctl net.inet.ip.forwarding=1');
    for (const step of steps.filter((s) => /ifconfig \S+ .*\binet6?\b/.test(s))) {
      expect(step, 'the address family is the word after the name').toMatch(/ifconfig \S+ (create )?inet6? /);
      expect(step.match(/\binet6?\b/g)?.length, 'one address per call').toBe(1);
    }
    const order = (needle: string) => steps.findIndex((s) => s.startsWith(needle));
    expect(order('ifconfig {new1} name')).toBeLessThan(order('jail -c name=snort-jail'));
    expect(order('jail -c name=snort-jail')).toBeLessThan(order('[snort-jail] ifconfig {new1:b}'));
    expect(order('[snort-jail] ifconfig {new1:b}')).toBeLessThan(order('[snort-jail] ifconfig e0b_snort_jail'));
    expect(order('[snort-jail] ifconfig e0b_snort_jail')).toBeLessThan(order('[snort-jail] route add'));
  });

  it('gives every jail an lo0 that is up, drawn or not', () => {
    const design = blogNetwork();
    for (const stack of design.stacks)
      if (stack.kind === 'jail') stack.interfaces = stack.interfaces.filter((i) => i.name !== 'lo0');
    expect(argvs(bareHost(), design).filter((s) => s.includes('lo0'))).toEqual([
      '[snort-jail] ifconfig lo0 inet 127.0.0.1/8 alias up',
      '[www-jail] ifconfig lo0 inet 127.0.0.1/8 alias up',
      '[tor-relay] ifconfig lo0 inet 127.0.0.1/8 alias up',
    ]);
  });

  it("refuses to create a cable under the kernel's own epairN names", () => {
    const design = blogNetwork();
    const end = design.stacks[0]!.interfaces.find((i) => i.id === 'host:e0a_tor_relay')!;
    end.name = 'epair3a';
    const made = plan(bareHost(), design);
    expect(made.refusals).toEqual([
      expect.objectContaining({
        subject: 'host/epair3a',
        reason: expect.stringMatching(/will not rename an end to epair3a/),
      }),
    ]);
  });

  it('compiles NAT and intents into Patchbay anchors, and leaves turning pf on to the admin', () => {
    const made = plan(bareHost(), blogNetwork(), { owned: new Set(), pf: { enabled: false, anchors: [] } });
    const steps = made.steps;
    expect(made.notes).toEqual([expect.stringMatching(/pf is disabled/)]);
    expect(steps.some((s) => s.command.argv.join(' ') === 'pfctl -e')).toBe(false);
    const nat = steps.find((s) => s.command.argv.join(' ') === 'pfctl -a patchbay/nat -f -');
    expect(nat?.command.stdin).toBe(
      'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\nnat on ixl0 from 10.0.1.0/24 to any -> (ixl0)\n',
    );
    const intents = steps.find((s) => s.command.argv.join(' ') === 'pfctl -a patchbay/intents -f -');
    expect(intents?.command.stdin?.split('\n')[0]).toBe('block drop quick from 10.0.1.2 to 10.0.0.0/8');
  });

  it('never makes a step for a moved box or a new id', () => {
    const moved = blogNetwork();
    moved.layout.positions['snort'] = { x: 999, y: 1 };
    moved.name = 'renamed design';
    // pf as the host would print it back: the compiled anchors, loaded.
    const anchors = [...compilePf(blogNetwork())].map(([name, lines]) => ({
      name,
      nat: lines.filter((l) => l.startsWith('nat')),
      rules: lines.filter((l) => !l.startsWith('nat')),
    }));
    const owned = new Set(
      blogNetwork().stacks.flatMap((s) =>
        s.interfaces.filter((i) => i.kind === 'bridge' || i.kind === 'epair').map((i) => i.id),
      ),
    );
    expect(plan(blogNetwork(), moved, { owned, pf: { enabled: true, anchors } }).steps).toEqual([]);
  });

  it('gives every step an inverse', () => {
    for (const step of plan(bareHost(), blogNetwork()).steps)
      expect(step.inverse.length, step.summary).toBeGreaterThan(0);
  });

  it('refuses to readdress, bridge or down the uplink, unless told to', () => {
    const desired = bareHost();
    const ixl0 = desired.stacks[0]!.interfaces[1]!;
    ixl0.addresses = ['192.168.1.11/24'];
    const refused = plan(bareHost(), desired, { owned: new Set() });
    expect(refused.refusals).toEqual([
      expect.objectContaining({ subject: 'host/ixl0', override: 'allowUplinkChanges' }),
    ]);
    expect(refused.steps).toEqual([]);
    expect(
      plan(bareHost(), desired, { owned: new Set(), allowUplinkChanges: true }).steps.map((s) =>
        s.command.argv.join(' '),
      ),
    ).toEqual(['ifconfig ixl0 inet 192.168.1.10/24 -alias', 'ifconfig ixl0 inet 192.168.1.11/24 alias']);
    const bridged = blogNetwork();
    const bridge0 = bridged.stacks[0]!.interfaces.find((i) => i.id === 'host:bridge0');
    if (bridge0?.kind !== 'bridge') throw new Error('demo changed');
    bridge0.members.push('host:ixl0');
    ixl0.addresses = [];
    expect(plan(bareHost(), bridged).refusals.map((r) => r.subject)).toContain('host/ixl0');
  });

  it('guards host routes, pf rules that could lock the admin out, and a link-local uplink', () => {
    const routed = bareHost();
    routed.stacks[0]!.staticRoutes.push(
      { destination: '0.0.0.0/1', gateway: '192.168.1.254' },
      { destination: '128.0.0.0/1', gateway: '192.168.1.254' },
    );
    expect(plan(bareHost(), routed).refusals).toEqual([
      expect.objectContaining({ subject: 'host routes', override: 'allowUplinkChanges' }),
    ]);
    expect(plan(bareHost(), routed).steps).toEqual([]);
    const locked = blogNetwork();
    locked.intents.push({
      kind: 'deny',
      id: 'lockout',
      from: { kind: 'segment', id: 'internet' },
      to: { kind: 'stack', id: 'host' },
      protocol: 'any',
      ports: [],
    });
    expect(plan(bareHost(), locked).refusals).toEqual([expect.objectContaining({ subject: 'intent lockout' })]);
    const linkLocal = bareHost();
    linkLocal.stacks[0]!.defaultGateway = { ipv6: 'fe80::1%ixl0' };
    const moved = structuredClone(linkLocal);
    moved.stacks[0]!.interfaces[1]!.up = false;
    expect(plan(linkLocal, moved, { owned: new Set(), adopt: new Set(['/ixl0']) }).refusals).toEqual([
      expect.objectContaining({ subject: 'host/ixl0', override: 'allowUplinkChanges' }),
    ]);
  });

  it('leaves foreign objects alone and changes them only once adopted', () => {
    const actual = bareHost();
    actual.stacks[0]!.interfaces.push({
      kind: 'bridge',
      id: 'host:bridge9',
      name: 'bridge9',
      up: true,
      addresses: ['10.9.0.1/24'],
      members: [],
      description: 'made by hand',
    });
    const untouched = plan(actual, bareHost(), { owned: new Set() });
    expect(untouched.steps).toEqual([]);
    expect(untouched.notes).toEqual([expect.stringMatching(/bridge9 is not in the design/)]);
    const desired = structuredClone(actual);
    desired.stacks[0]!.interfaces[2]!.addresses = ['10.9.9.1/24'];
    expect(plan(actual, desired, { owned: new Set() }).refusals).toEqual([
      expect.objectContaining({ subject: 'host/bridge9', override: 'adopt' }),
    ]);
    const adopted = plan(actual, desired, { owned: new Set(), adopt: new Set(['/bridge9']) });
    expect(adopted.refusals).toEqual([]);
    expect(adopted.steps.map((s) => s.command.argv.join(' '))).toContain(
      'ifconfig bridge9 inet 10.9.9.1/24 alias description patchbay: made by hand',
    );
  });

  it('refuses a design with unsafe names before building any command', () => {
    for (const name of ['bridge0; reboot', 'br\nidge', '..', 'a_much_too_long_name']) {
      const desired = bareHost();
      desired.stacks[0]!.interfaces.push({
        kind: 'bridge',
        id: 'host:new',
        name,
        up: true,
        addresses: [],
        members: [],
      });
      const result = plan(bareHost(), desired);
      expect(result.steps, JSON.stringify(name)).toEqual([]);
      // The name check refuses it, quoting the name, before any command is built.
      expect(result.refusals, JSON.stringify(name)).toEqual([
        { subject: 'design stacks[0].interfaces[2].name', reason: expect.stringContaining(`Interface name "${name}"`) },
      ]);
    }
  });

  it('records the state it was made from', () => {
    const a = plan(bareHost(), blogNetwork());
    const changed = bareHost();
    changed.stacks[0]!.forwarding.ipv4 = true;
    expect(plan(bareHost(), blogNetwork()).actualHash).toBe(a.actualHash);
    expect(plan(changed, blogNetwork()).actualHash).not.toBe(a.actualHash);
  });

  it('never touches an unowned or uplink object, whatever the designs (property)', () => {
    fc.assert(
      fc.property(validTopology, validTopology, (actual, desired) => {
        const result = plan(actual, desired, { owned: new Set() });
        const existing = new Set(actual.stacks.flatMap((s) => s.interfaces.map((i) => i.name)));
        const created = new Set(
          result.steps.flatMap((s) =>
            s.phase === 'create' || s.phase === 'rename' || s.phase === 'jail-create' ? s.command.argv : [],
          ),
        );
        // Its description is the one thing the uplink guard lets through (it cannot cut the host off).
        const uplinks = uplinkNames(actual);
        const describesUplink = ([, name, word, ...rest]: string[]) =>
          uplinks.includes(name!) &&
          (word === 'description' ? rest.length === 1 : word === '-description' && !rest.length);
        for (const step of result.steps) {
          if (step.command.argv[0] !== 'ifconfig' || (!step.command.jail && describesUplink(step.command.argv)))
            continue;
          const touched = step.command.argv.filter((w) => existing.has(w) && !created.has(w));
          expect(touched, step.command.argv.join(' ')).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
