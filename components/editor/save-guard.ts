import { issuesInWords } from '../../core/wire/safe-errors';
import { TopologySchema, type Topology } from '../../core/topology/schema';
import { formatPath, hasErrors } from '../../core/validate/problem';
import type { HeldField } from './editor-store';
import { allProblems, heldProblems } from './held-fields';

// Save and Export JSON never fail silently (issue 16: Export JSON did nothing on a design with a
// NaN MTU). Text held at a field is not in the design, so saving or exporting would drop it
// unseen: both refuse, naming the field. A design with validate() problems is still exported,
// as Save stores it: work in progress is worth keeping, Import reads it back, and the message
// says how many problems travel with it.

/** Why nothing is saved or exported while a field holds text the design could not take. */
export function refusedByHeld(verb: 'saved' | 'exported', topology: Topology, held: readonly HeldField[]) {
  const problems = heldProblems(topology, held);
  if (!problems.length) return undefined;
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more field${problems.length > 2 ? 's' : ''})` : '';
  return `Not ${verb}: ${formatPath(first.path)}: ${first.message}${more}`;
}

export function exportJson(
  topology: Topology,
  held: readonly HeldField[],
): { ok: true; text: string; message: string } | { ok: false; message: string } {
  const refused = refusedByHeld('exported', topology, held);
  if (refused) return { ok: false, message: refused };
  const parsed = TopologySchema.safeParse(topology);
  if (!parsed.success) return { ok: false, message: `Not exported: ${issuesInWords(parsed.error.issues)}` };
  const problems = allProblems(topology, held);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    ok: true,
    text: `${JSON.stringify(parsed.data, null, 2)}\n`,
    message: hasErrors(problems)
      ? `Exported with ${errors} problem${errors === 1 ? '' : 's'} (listed under Problems); it imports back as it is.`
      : 'Exported.',
  };
}
