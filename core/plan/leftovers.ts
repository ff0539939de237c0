import { describeKey, type IndexedTopology } from './indexed';
import type { PlanStep, Refusal } from './types';

// What a plan must not run on top of: things on the host that discovery read but cannot explain,
// where the plan's steps would touch them or need their names. A failed jail start, an interrupted
// apply or another tool leaves such things behind; running on top of them fails half-way at best
// and at worst destroys what nobody can see (destroying an epair end destroys its other end,
// wherever that is: docs/freebsd.md §1.2).

/** An epair end whose other end discovery did not find (its peer id is not an interface read). */
function unpairedEnds(actual: IndexedTopology) {
  return [...actual.interfaces.values()].filter(
    (entry) => entry.iface.kind === 'epair' && !actual.byId.has(entry.iface.peer),
  );
}

/**
 * Whether `step` acts on the interface `name` in stack `stackKey` (`ifconfig name …`, `addm name`,
 * `vnet.interface=name`).
 */
function touches(step: PlanStep, stackKey: string, name: string): boolean {
  const { argv, jail = '' } = step.command;
  if (jail !== stackKey) return false;
  if (argv[0] === 'ifconfig')
    return argv[1] === name || argv.some((word, i) => (word === 'addm' || word === 'deletem') && argv[i + 1] === name);
  return argv[0] === 'jail' && argv.includes(`vnet.interface=${name}`);
}

export function leftoverRefusals(actual: IndexedTopology, steps: readonly PlanStep[]): Refusal[] {
  const refusals: Refusal[] = [];
  for (const end of unpairedEnds(actual)) {
    if (!steps.some((step) => touches(step, end.stackKey, end.iface.name))) continue;
    refusals.push({
      subject: describeKey(end.key),
      reason: `${end.iface.name} is an epair end whose other end is nowhere Patchbay can see (left by a failed jail start or an interrupted apply, or renamed or moved by someone else). The plan would change it, and destroying or moving one end takes the other with it. Find the other end (ifconfig -g epair, on the host and in each jail) or destroy it yourself (ifconfig ${end.iface.name} destroy), then plan again.`,
    });
  }
  // A name a step renames something to must be free where the rename happens, unless the plan
  // destroys what holds it first.
  const destroyed = new Set(
    steps.filter((s) => s.phase === 'destroy').map((s) => `${s.command.jail ?? ''}/${s.command.argv[1]}`),
  );
  for (const step of steps) {
    const { argv, jail = '' } = step.command;
    const at = argv[0] === 'ifconfig' ? argv.lastIndexOf('name') : -1;
    if (at < 2 || argv[at + 1] === undefined) continue;
    const key = `${jail}/${argv[at + 1]}`;
    const holder = actual.interfaces.get(key);
    if (!holder || destroyed.has(key) || argv[1] === argv[at + 1]) continue;
    refusals.push({
      subject: describeKey(key),
      reason: `The plan names an interface ${argv[at + 1]}${jail ? ` in jail ${jail}` : ' on the host'}, but an interface of that name is already there and the design does not account for it (${holder.iface.kind}${holder.iface.description ? `, "${holder.iface.description}"` : ''}). Rename or destroy it, or put it in the design, then plan again.`,
    });
  }
  return refusals;
}
