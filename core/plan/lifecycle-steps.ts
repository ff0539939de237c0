import { DEFAULT_MTU } from '../topology/defaults';
import { describeKey, inJail, type IndexedInterface } from './indexed';
import { configureWords, restoreAfterCreate, type Settings } from './interface-steps';
import type { Planner } from './plan';
import type { PlanCommand } from './types';

// Creating and destroying bridges, loopbacks and epairs, and the commands that undo a destroy by
// building the object again exactly (names, MACs, settings, memberships), so a rollback leaves the
// host as it was.

const KERNEL_NAME = { bridge: /^bridge[0-9]+$/, loopback: /^lo[0-9]+$/ } as const;
const CLONER = { bridge: 'bridge', loopback: 'lo' } as const;

/** Commands that make a bridge or loopback called `name` in a stack: directly, or create-capture-rename. */
function cloneCommands(p: Planner, kind: 'bridge' | 'loopback', name: string, jail: string): PlanCommand[] {
  const where = inJail(jail);
  if (KERNEL_NAME[kind].test(name)) return [{ argv: ['ifconfig', name, 'create'], ...where }];
  const token = p.token();
  return [
    { argv: ['ifconfig', CLONER[kind], 'create'], captures: token, ...where },
    { argv: ['ifconfig', `{${token}}`, 'name', name], ...where },
  ];
}

/** Commands that make an epair whose ends are called `a` and `b`, on the host. */
function epairCommands(p: Planner, a: string, b: string): PlanCommand[] {
  const unit = /^epair([0-9]+)a$/.exec(a)?.[1];
  if (unit !== undefined && b === `epair${unit}b`) return [{ argv: ['ifconfig', `epair${unit}`, 'create'] }];
  // Never assume a unit is free (users.md lessons): create, capture what the kernel printed, rename.
  const token = p.token();
  return [{ argv: ['ifconfig', 'epair', 'create'], captures: token }, { argv: ['ifconfig', `{${token}}`, 'name', a] }, { argv: ['ifconfig', `{${token}:b}`, 'name', b] }];
}

function freshSettings(kind: IndexedInterface['iface']['kind']): Settings {
  return { mtu: DEFAULT_MTU[kind], addresses: [], up: false };
}

function freshWords(p: Planner, want: IndexedInterface) {
  return configureWords(freshSettings(want.iface.kind), p.settings(want, true));
}

function configureFresh(p: Planner, want: IndexedInterface) {
  const { forward, backward } = freshWords(p, want);
  const where = inJail(want.stackKey);
  if (forward.length) p.add('configure', `Set ${describeKey(want.key)}: ${forward.join(' ')}`, { argv: ['ifconfig', want.iface.name, ...forward], ...where }, [{ argv: ['ifconfig', want.iface.name, ...backward], ...where }]);
}

/**
 * ifconfig can create and configure in one call (`ifconfig epair create up`, §1.1); the settings go
 * onto the interface just made, whatever the kernel names it. Only for an interface that stays where
 * it is created: a move into a jail would clear them.
 */
function withSettings(command: PlanCommand, words: string[]): PlanCommand {
  return { ...command, argv: [...command.argv, ...words] };
}

/** Steps that create a desired interface (an epair: both ends, `end` being its a end) and set it up. */
export function createSteps(p: Planner, end: IndexedInterface, other?: IndexedInterface) {
  const { iface } = end;
  p.created.add(end.key);
  if (other) p.created.add(other.key);
  if (iface.kind === 'bridge' || iface.kind === 'loopback') {
    const phase = end.stackKey === '' ? 'create' : 'jail-create';
    const [first, ...rest] = cloneCommands(p, iface.kind, iface.name, end.stackKey);
    const where = inJail(end.stackKey);
    const capturedName = first!.captures ? `{${first!.captures}}` : iface.name;
    const { forward } = freshWords(p, end);
    p.add(phase, `Create ${describeKey(end.key)}${forward.length ? `: ${forward.join(' ')}` : ''}`, withSettings(first!, forward), [{ argv: ['ifconfig', capturedName, 'destroy'], ...where }]);
    for (const rename of rest) p.add(end.stackKey === '' ? 'rename' : 'jail-create', `Name it ${iface.name}`, rename, [{ argv: ['ifconfig', iface.name, 'name', capturedName], ...where }]);
    return;
  }
  const b = other!;
  const [create, ...renames] = epairCommands(p, iface.name, b.iface.name);
  const token = create!.captures;
  const aWords = end.stackKey === '' ? freshWords(p, end).forward : [];
  p.add('create', `Create an epair: ${describeKey(end.key)} ⇄ ${describeKey(b.key)}`, withSettings(create!, aWords), [{ argv: ['ifconfig', token ? `{${token}}` : iface.name, 'destroy'] }]);
  [end, b].forEach((want, i) => {
    const kernelName = token ? `{${token}${i === 0 ? '' : ':b'}}` : want.iface.name;
    const renamed = renames.length > 0;
    if (want.stackKey === '') {
      if (renamed) p.add('rename', `Name the ${i === 0 ? 'a' : 'b'} end ${want.iface.name}`, renames[i]!, [{ argv: ['ifconfig', want.iface.name, 'name', kernelName] }]);
      if (want !== end) configureFresh(p, want); // the a end was configured by the create call itself
      return;
    }
    // An end bound for a jail moves under its kernel name and is renamed and set up inside, in one
    // call: ifconfig goes on with the new name after `name` (our reading of ifconfig.c setifname).
    p.moveIn(kernelName, want.stackKey);
    const { forward, backward } = freshWords(p, want);
    const where = inJail(want.stackKey);
    const words = renamed ? ['name', want.iface.name, ...forward] : forward;
    const undo = renamed ? [...backward, 'name', kernelName] : backward;
    if (words.length) p.add('configure', `Set ${describeKey(want.key)}: ${words.join(' ')}`, { argv: ['ifconfig', kernelName, ...words], ...where }, [{ argv: ['ifconfig', want.iface.name, ...undo], ...where }]);
  });
}

export function destroyCommand(a: IndexedInterface): PlanCommand {
  return { argv: ['ifconfig', a.iface.name, 'destroy'], ...inJail(a.stackKey) };
}

/** The inverse of a destroy: the object built again as it was, back on the bridges it was on. */
export function recreateCommands(p: Planner, a: IndexedInterface, peer: IndexedInterface | undefined, survivingBridges: IndexedInterface[]): PlanCommand[] {
  const restoreEnd = (end: IndexedInterface) => restoreAfterCreate(end.iface.name, end.iface.kind, p.settings(end, p.guard.hasMark(end)), end.stackKey || undefined);
  const rejoin = (end: IndexedInterface) =>
    survivingBridges
      .filter((bridge) => bridge.stackKey === end.stackKey && bridge.iface.kind === 'bridge' && bridge.iface.members.includes(end.iface.id))
      .map((bridge) => ({ argv: ['ifconfig', bridge.iface.name, 'addm', end.iface.name], ...inJail(bridge.stackKey) }));
  if (a.iface.kind === 'bridge' || a.iface.kind === 'loopback') {
    const members = a.iface.kind === 'bridge' ? a.iface.members.map((id) => p.actual.byId.get(id)?.iface.name).filter((n): n is string => n !== undefined) : [];
    return [
      ...cloneCommands(p, a.iface.kind, a.iface.name, a.stackKey),
      ...restoreEnd(a),
      ...(members.length ? [{ argv: ['ifconfig', a.iface.name, ...members.flatMap((m) => ['addm', m])], ...inJail(a.stackKey) }] : []),
    ];
  }
  const ends = peer ? (a.iface.kind === 'epair' && a.iface.end === 'b' ? [peer, a] : [a, peer]) : [a];
  const [first, second] = ends as [IndexedInterface, IndexedInterface | undefined];
  return [
    ...epairCommands(p, first.iface.name, second?.iface.name ?? `${first.iface.name}_peer`),
    ...ends.flatMap((end) => (end.stackKey !== '' ? [{ argv: ['ifconfig', end.iface.name, 'vnet', end.stackKey] }] : [])),
    ...ends.flatMap(restoreEnd),
    ...ends.flatMap(rejoin),
  ];
}
