import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bastilleDesign } from '../testing/bastille-design';
import type { JailStack, Topology } from '../topology/schema';
import { plan, type PlanOptions } from './plan';
import type { PlanCommand } from './types';

// Shared-IP jails in the plan (shared-ip-steps.ts): jail -c with iface|addr, jail -R with explicit
// -alias, jail -m with explicit alias steps; never a vnet, an lo0 or an external jail's lifecycle.

const text = (c: PlanCommand) => `${c.jail ? `[${c.jail}] ` : ''}${c.argv.join(' ')}`;
const owned = (...jails: string[]): PlanOptions => ({ owned: new Set(), ownedJails: new Set(jails) });

/** The Bastille-style host with no jails running: what the host looks like before the first apply. */
function hostOnly(): Topology {
  const t = bastilleDesign();
  return { ...t, stacks: t.stacks.filter((s) => s.kind === 'host') };
}

function jail(t: Topology, id: string): JailStack {
  return t.stacks.find((s): s is JailStack => s.kind === 'jail' && s.id === id)!;
}

function withWebAddresses(t: Topology, addresses: string[]): Topology {
  const next = structuredClone(t);
  jail(next, 'web').sharedIp = { ip4: addresses.map((address) => ({ interface: 'host:lo1', address })), ip6: [] };
  return next;
}

describe('the plan for shared-IP jails', () => {
  it('creates each with jail -c and iface|addr, no vnet, and undoes with jail -R and -alias', () => {
    const made = plan(hostOnly(), bastilleDesign());
    expect(made.refusals).toEqual([]);
    expect(made.steps.map((s) => [s.phase, text(s.command), s.inverse.map(text)])).toEqual([
      [
        'jail-create',
        'jail -c name=web persist ip4.addr=lo1|10.17.89.1/32 children.max=0',
        ['jail -R web', 'ifconfig lo1 inet 10.17.89.1/32 -alias'],
      ],
      [
        'jail-create',
        'jail -c name=db persist ip4.addr=lo1|10.17.89.2/32 children.max=0',
        ['jail -R db', 'ifconfig lo1 inet 10.17.89.2/32 -alias'],
      ],
    ]);
  });

  it('puts several addresses in one operand, split at commas, and ip6 apart', () => {
    const design = withWebAddresses(bastilleDesign(), ['10.17.89.1/32', '10.17.89.3']);
    jail(design, 'web').sharedIp!.ip6 = [{ interface: 'host:lo1', address: 'fd00:17::1' }];
    const create = plan(hostOnly(), design).steps.find((s) => s.command.argv.includes('name=web'))!;
    expect(text(create.command)).toBe(
      'jail -c name=web persist ip4.addr=lo1|10.17.89.1/32,lo1|10.17.89.3/32 ip6.addr=lo1|fd00:17::1/128 children.max=0',
    );
  });

  it('creates an inheriting jail with ip4=inherit', () => {
    const design = bastilleDesign();
    jail(design, 'web').sharedIp = { ip4: 'inherit', ip6: [] };
    const create = plan(hostOnly(), design).steps.find((s) => s.command.argv.includes('name=web'))!;
    expect(text(create.command)).toBe('jail -c name=web persist ip4=inherit children.max=0');
  });

  it('removes a jail of its own with -alias first, then jail -R, whose undo makes it again with bare addresses', () => {
    const made = plan(bastilleDesign(), hostOnly(), owned('web', 'db'));
    expect(made.steps.map((s) => [s.phase, text(s.command), s.inverse.map(text)])).toEqual([
      ['address-remove', 'ifconfig lo1 inet 10.17.89.1/32 -alias', ['ifconfig lo1 inet 10.17.89.1/32 alias']],
      ['address-remove', 'ifconfig lo1 inet 10.17.89.2/32 -alias', ['ifconfig lo1 inet 10.17.89.2/32 alias']],
      ['jail-remove', 'jail -R web', ['jail -c name=web persist ip4.addr=10.17.89.1/32 children.max=0']],
      ['jail-remove', 'jail -R db', ['jail -c name=db persist ip4.addr=10.17.89.2/32 children.max=0']],
    ]);
  });

  it('leaves a jail it did not make, and refuses to readdress it until adopted', () => {
    expect(plan(bastilleDesign(), hostOnly()).steps).toEqual([]);
    const readdressed = plan(bastilleDesign(), withWebAddresses(bastilleDesign(), ['10.17.89.5/32']));
    expect(readdressed.refusals).toEqual([expect.objectContaining({ subject: 'jail web', override: 'adopt' })]);
  });

  it('never creates, changes or removes an external jail', () => {
    const design = bastilleDesign();
    jail(design, 'web').root = { kind: 'external', manager: 'bastille' };
    const commands = [
      ...plan(hostOnly(), design).steps,
      ...plan(bastilleDesign(), { ...design, stacks: design.stacks.filter((s) => s.id !== 'web') }, owned()).steps,
    ].flatMap((s) => [s.command, ...s.inverse].map(text));
    expect(commands.filter((c) => c.includes('name=web') || c === 'jail -R web')).toEqual([]);
  });

  it('refuses to turn a vnet jail into a shared-IP one', () => {
    const design = bastilleDesign();
    const actual = structuredClone(design);
    const web = jail(actual, 'web');
    delete web.sharedIp;
    web.interfaces = [{ kind: 'loopback', id: 'web:lo0', name: 'lo0', up: true, addresses: ['127.0.0.1/8'] }];
    expect(plan(actual, design, owned('web')).refusals.map((r) => r.subject)).toEqual(['jail web']);
  });
});

/** What the plan's commands do to lo1's aliases and web's address list: a model of jail(8) and ifconfig. */
interface Model {
  aliases: Set<string>;
  web?: string[];
}

function run(model: Model, c: PlanCommand): void {
  const [tool, ...args] = c.argv;
  if (tool === 'ifconfig' && args[0] === 'lo1' && args[1] === 'inet') {
    if (args[3] === 'alias') model.aliases.add(args[2]!);
    else if (args[3] === '-alias' && !model.aliases.delete(args[2]!)) throw new Error(`no alias ${args[2]}`);
    else if (args[3] !== 'alias' && args[3] !== '-alias') throw new Error(text(c));
    return;
  }
  if (tool !== 'jail' || !args.includes('name=web')) throw new Error(`unexpected ${text(c)}`);
  const list = (args.find((a) => a.startsWith('ip4.addr=')) ?? 'ip4.addr=').slice('ip4.addr='.length);
  const entries = list === '' ? [] : list.split(',');
  if (args[0] === '-c') {
    if (model.web) throw new Error('web exists');
    // command.c IP__IP4_IFADDR: jail(8) adds each iface|addr before it creates the jail.
    for (const e of entries.filter((e) => e.includes('|'))) model.aliases.add(e.split('|')[1]!);
    model.web = entries.map((e) => e.split('|').pop()!.replace(/\/32$/, ''));
  } else if (args[0] === '-m') model.web = entries;
  else throw new Error(text(c));
}

// db holds 10.17.89.2: two jails may not share it once one has more (rules-shared-ip.ts).
const octet = fc.integer({ min: 3, max: 8 });
const addressSet = fc.uniqueArray(octet, { maxLength: 4 }).map((xs) => xs.map((x) => `10.17.89.${x}`));

describe('shared-IP jail address changes (property)', () => {
  it('the steps give the design its addresses, and their undo, newest first, gives the host back', () => {
    fc.assert(
      fc.property(addressSet, addressSet, (have, want) => {
        const actual = withWebAddresses(
          bastilleDesign(),
          have.map((a) => `${a}/32`),
        );
        const desired = withWebAddresses(
          bastilleDesign(),
          want.map((a) => `${a}/32`),
        );
        const made = plan(actual, desired, owned('web'));
        expect(made.refusals).toEqual([]);
        const model: Model = { aliases: new Set(have.map((a) => `${a}/32`)), web: [...have] };
        for (const step of made.steps) run(model, step.command);
        expect([...model.aliases].sort()).toEqual(want.map((a) => `${a}/32`).sort());
        expect([...(model.web ?? [])].sort()).toEqual([...want].sort());
        for (const step of [...made.steps].reverse()) for (const undo of step.inverse) run(model, undo);
        expect([...model.aliases].sort()).toEqual(have.map((a) => `${a}/32`).sort());
        expect([...(model.web ?? [])].sort()).toEqual([...have].sort());
      }),
    );
  });
});
