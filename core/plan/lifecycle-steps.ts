import { designedMac, kernelNameProblem } from '../topology/cable';
import type { CableNames } from '../topology/ownership';
import { describeKey, inJail, type IndexedInterface } from './indexed';
import { configureCalls, freshSettings, restoreAfterCreate, type IfconfigCall, type Settings } from './interface-steps';
import type { Planner } from './planner';
import type { PlanCommand } from './types';

// Creating and destroying bridges, loopbacks and epairs, and the commands that undo a destroy by
// building the object again exactly (names, MACs, settings, memberships), so a revert leaves the
// host as it was.
//
// An epair is always made with `ifconfig epair create`, whose output (`epairNa`, only the a name:
// docs/freebsd.md §1.1) the apply captures; both ends are then renamed to the design's names, as
// Bastille (lib/network.sh) and jib do. A unit number is never asked for: another tool may hold it,
// and it is the kernel's to choose (if_clone.c alloc_unr). An end that stays on the host is renamed
// there; an end bound for a jail enters it under its kernel name and is renamed inside, in the same
// call as its first settings (one process fewer per cable than renaming it on the host first).

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

/** The settings a new end is given: the design's, its MAC from the design or else derived (cable.ts). */
function newEndSettings(p: Planner, end: IndexedInterface, cable: CableNames): Settings {
  const settings = p.settings(end, true);
  const mac = designedMac(p.hostname, end.iface, cable);
  return mac === undefined ? settings : { ...settings, mac };
}

function callsFor(p: Planner, want: IndexedInterface, settings: Settings = p.settings(want, true)): IfconfigCall[] {
  return configureCalls(freshSettings(want.iface.kind), settings);
}

function addCalls(p: Planner, name: string, want: IndexedInterface, calls: IfconfigCall[]) {
  const where = inJail(want.stackKey);
  for (const call of calls) {
    p.add(
      'configure',
      `Set ${describeKey(want.key)}: ${call.words.join(' ')}`,
      { argv: ['ifconfig', name, ...call.words], ...where },
      call.undo.length
        ? [{ argv: ['ifconfig', name, ...call.undo], ...where }]
        : [{ argv: ['ifconfig', name], ...where }],
    );
  }
}

/** A new epair: create, capture, rename each end where it lives, set each end up. */
function epairSteps(p: Planner, a: IndexedInterface, b: IndexedInterface) {
  const cable = { a: a.iface.name, b: b.iface.name };
  const kernelNamed = kernelNameProblem(cable);
  if (kernelNamed !== undefined) {
    p.guard.refuse({
      subject: describeKey(a.key),
      reason: `Patchbay creates epairs with "ifconfig epair create" and renames both ends; it will not rename an end to ${kernelNamed}, the kernel's own name form (it would block that unit for every later "ifconfig epair create": if_epair.c refuses a unit whose name exists). Name the cable's ends yourself, e.g. e0a_<jail> / e0b_<jail>.`,
    });
    return;
  }
  const token = p.token();
  const kernel = { a: `{${token}}`, b: `{${token}:b}` };
  const aCalls = callsFor(p, a, newEndSettings(p, a, cable));
  // The a end's first settings ride on the create call itself when it stays on the host
  // (`ifconfig epair create ether M description D up`: an address family may follow `create`).
  const aFirst = a.stackKey === '' ? aCalls.shift() : undefined;
  p.add(
    'create',
    `Create an epair: ${describeKey(a.key)} ⇄ ${describeKey(b.key)}`,
    { argv: ['ifconfig', 'epair', 'create', ...(aFirst?.words ?? [])], captures: token },
    [{ argv: ['ifconfig', kernel.a, 'destroy'] }],
  );
  for (const [end, kernelName, rest] of [
    [a, kernel.a, aCalls],
    [b, kernel.b, callsFor(p, b, newEndSettings(p, b, cable))],
  ] as const) {
    const name = end.iface.name;
    if (end.stackKey === '') {
      p.add(
        'rename',
        `Name the ${end === a ? 'a' : 'b'} end ${name}`,
        { argv: ['ifconfig', kernelName, 'name', name] },
        [{ argv: ['ifconfig', name, 'name', kernelName] }],
      );
      addCalls(p, name, end, rest);
      continue;
    }
    // Into its jail under the kernel name; inside, the first call renames it (the address, set at
    // the end of the call, goes on under the new name: ifconfig.c setifname updates the name).
    p.moveIn(kernelName, end.stackKey, [], `the new epair's ${end === a ? 'a' : 'b'} end (${name} inside)`);
    const [first, ...others] = rest;
    const where = inJail(end.stackKey);
    p.add(
      'configure',
      `Name ${describeKey(end.key)}${first ? ` and set ${first.words.join(' ')}` : ''}`,
      { argv: ['ifconfig', kernelName, ...(first?.words ?? []), 'name', name], ...where },
      [{ argv: ['ifconfig', name, 'name', kernelName], ...where }],
    );
    addCalls(p, name, end, others);
  }
}

/** Steps that create a desired interface (an epair: both ends, `end` being its a end) and set it up. */
export function createSteps(p: Planner, end: IndexedInterface, other?: IndexedInterface) {
  const { iface } = end;
  p.created.add(end.key);
  if (other) p.created.add(other.key);
  if (iface.kind === 'epair') {
    epairSteps(p, end, other!);
    return;
  }
  if (iface.kind !== 'bridge' && iface.kind !== 'loopback') return;
  const phase = end.stackKey === '' ? 'create' : 'jail-create';
  const [first, ...renames] = cloneCommands(p, iface.kind, iface.name, end.stackKey);
  const where = inJail(end.stackKey);
  const capturedName = first!.captures ? `{${first!.captures}}` : iface.name;
  const calls = callsFor(p, end);
  // A bridge made under its own name takes its first settings in the create call; a renamed one is
  // set up after the rename.
  const onCreate = renames.length === 0 ? calls.shift() : undefined;
  p.add(
    phase,
    `Create ${describeKey(end.key)}${onCreate ? `: ${onCreate.words.join(' ')}` : ''}`,
    { ...first!, argv: [...first!.argv, ...(onCreate?.words ?? [])] },
    [{ argv: ['ifconfig', capturedName, 'destroy'], ...where }],
  );
  for (const rename of renames)
    p.add(end.stackKey === '' ? 'rename' : 'jail-create', `Name it ${iface.name}`, rename, [
      { argv: ['ifconfig', iface.name, 'name', capturedName], ...where },
    ]);
  addCalls(p, iface.name, end, calls);
}

export function destroyCommand(a: IndexedInterface): PlanCommand {
  return { argv: ['ifconfig', a.iface.name, 'destroy'], ...inJail(a.stackKey) };
}

/** The inverse of a destroy: the object built again as it was, back on the bridges it was on. */
export function recreateCommands(
  p: Planner,
  a: IndexedInterface,
  peer: IndexedInterface | undefined,
  survivingBridges: IndexedInterface[],
): PlanCommand[] {
  const restoreEnd = (end: IndexedInterface) =>
    restoreAfterCreate(end.iface.name, end.iface.kind, p.actualSettings(end), end.stackKey || undefined);
  const rejoin = (end: IndexedInterface) =>
    survivingBridges
      .filter(
        (bridge) =>
          bridge.stackKey === end.stackKey &&
          bridge.iface.kind === 'bridge' &&
          bridge.iface.members.includes(end.iface.id),
      )
      .map((bridge) => ({ argv: ['ifconfig', bridge.iface.name, 'addm', end.iface.name], ...inJail(bridge.stackKey) }));
  if (a.iface.kind === 'bridge' || a.iface.kind === 'loopback') {
    const members =
      a.iface.kind === 'bridge'
        ? a.iface.members.map((id) => p.actual.byId.get(id)?.iface.name).filter((n): n is string => n !== undefined)
        : [];
    return [
      ...cloneCommands(p, a.iface.kind, a.iface.name, a.stackKey),
      ...restoreEnd(a),
      ...(members.length
        ? [{ argv: ['ifconfig', a.iface.name, ...members.flatMap((m) => ['addm', m])], ...inJail(a.stackKey) }]
        : []),
    ];
  }
  const ends = peer ? (a.iface.kind === 'epair' && a.iface.end === 'b' ? [peer, a] : [a, peer]) : [a];
  const [first, second] = ends as [IndexedInterface, IndexedInterface | undefined];
  const token = p.token();
  // Made again the way it was first made: a new unit, both ends renamed on the host, then moved.
  return [
    { argv: ['ifconfig', 'epair', 'create'], captures: token },
    { argv: ['ifconfig', `{${token}}`, 'name', first.iface.name] },
    ...(second ? [{ argv: ['ifconfig', `{${token}:b}`, 'name', second.iface.name] }] : []),
    ...ends.flatMap((end) =>
      end.stackKey !== '' ? [{ argv: ['ifconfig', end.iface.name, 'vnet', end.stackKey] }] : [],
    ),
    ...ends.flatMap(restoreEnd),
    ...ends.flatMap(rejoin),
  ];
}
