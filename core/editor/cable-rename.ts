import { abPartners, isKernelEpairName } from '../topology/cable';
import type { Interface, Topology } from '../topology/schema';
import { INTERFACE_NAME, MAX_INTERFACE_NAME } from '../validate/rules-identity';
import type { Edit } from './actions';

// A cable (an epair) is renamed as a whole: its ends are the cable's name with "a" and "b" after it,
// so renaming one end alone can never leave the other behind with a name that no longer matches.

type EpairEnd = Interface & { kind: 'epair' };

function epairEnds(t: Topology, endId: string): { end: EpairEnd; peer: EpairEnd } | undefined {
  const all = t.stacks.flatMap((s) => s.interfaces);
  const end = all.find((i) => i.id === endId);
  if (end?.kind !== 'epair') return undefined;
  const peer = all.find((i) => i.id === end.peer);
  return peer?.kind === 'epair' ? { end, peer } : undefined;
}

/** The ends' names `base` gives a cable: the a end and the b end. */
export function cableEndNames(base: string): { a: string; b: string } {
  return { a: `${base}a`, b: `${base}b` };
}

/**
 * The name a cable goes by, to show and to edit: the common part of ends named `<base>a` / `<base>b`,
 * else the short name of ends named alike but for their a/b (e0a_www ⇄ e0b_www is e0_www), else the
 * a end's name. Undefined when `endId` is not an epair end with its peer in the design.
 */
export function cableBaseName(t: Topology, endId: string): string | undefined {
  const ends = epairEnds(t, endId);
  if (!ends) return undefined;
  const [a, b] = ends.end.end === 'a' ? [ends.end, ends.peer] : [ends.peer, ends.end];
  if (a.name.endsWith('a') && b.name === `${a.name.slice(0, -1)}b`) return a.name.slice(0, -1);
  return abPartners(a.name).find((p) => p.end === 'a' && p.peer === b.name)?.short ?? a.name;
}

/**
 * Why `base` cannot name the cable `endId` belongs to, in words that name the field and the rule;
 * undefined when it can. The rules are FreeBSD's for each end's interface name (15 characters,
 * IFNAMSIZ), the character set every renderer can write unquoted, never the kernel's own epairN
 * form (core/topology/cable.ts says why), and names no other interface in the design uses: an epair
 * is made and renamed on the host before an end moves into its jail, so both names must be free there.
 */
export function cableNameProblem(t: Topology, endId: string, base: string): string | undefined {
  const ends = epairEnds(t, endId);
  if (!ends) return `There is no cable with an end ${endId}.`;
  const { a, b } = cableEndNames(base);
  if (base === '') return 'Cable name is empty: type a name such as lan0 (its ends become lan0a and lan0b).';
  if (!INTERFACE_NAME.test(base))
    return `Cable name "${base}" must start with a letter and use only letters, digits and "_".`;
  if (b.length > MAX_INTERFACE_NAME)
    return `Cable name "${base}" is ${base.length} characters; with its "a" or "b" an end's name may have at most ${MAX_INTERFACE_NAME} (FreeBSD's IFNAMSIZ), so at most ${MAX_INTERFACE_NAME - 1}.`;
  if (isKernelEpairName(a))
    return `Cable name "${base}" would give the ends the kernel's own names ${a} and ${b}, which block that epair unit for every later "ifconfig epair create". Choose another name.`;
  const own = new Set([ends.end.id, ends.peer.id]);
  const taken = t.stacks.flatMap((s) => s.interfaces).find((i) => !own.has(i.id) && (i.name === a || i.name === b));
  if (taken)
    return `Cable name "${base}" would give an end the name ${taken.name}, which another interface already has.`;
  return undefined;
}

/**
 * Renames both ends of the cable `endId` belongs to, to `<base>a` and `<base>b`; refused when the name breaks a rule.
 */
export function renameCable(t: Topology, endId: string, base: string): Edit {
  const problem = cableNameProblem(t, endId, base);
  if (problem) return { ok: false, reason: problem };
  const next = structuredClone(t);
  const { end, peer } = epairEnds(next, endId)!;
  const names = cableEndNames(base);
  for (const iface of [end, peer]) iface.name = names[iface.end];
  return { ok: true, topology: next, created: [] };
}
