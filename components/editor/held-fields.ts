import type { Topology } from '../../core/topology/schema';
import type { PathSegment, Problem } from '../../core/validate/problem';
import type { HeldField } from './editor-store';
import { problemsOf } from './editor-store';
import { fieldPath, locate } from './inspector/locate';

// Text held back at a field (core/editor/field-text.ts) is a problem like any other: the problems
// list shows it, and Save and Export refuse while it waits, so nothing typed is silently dropped.

export function heldProblem(held: HeldField, path: PathSegment[]): Problem {
  return { severity: 'error', rule: held.rule, path, message: held.message };
}

/** Held fields as problems, at their element's path now (elements that are gone are dropped). */
export function heldProblems(topology: Topology, held: readonly HeldField[]): Problem[] {
  return held.flatMap((h) => {
    const found = locate(topology, h.id);
    return found ? [heldProblem(h, [...found.path, ...fieldPath(h.field)])] : [];
  });
}

/** Everything wrong: held field text first, then the validator's verdict on the design. */
export function allProblems(topology: Topology, held: readonly HeldField[]): Problem[] {
  return held.length ? [...heldProblems(topology, held), ...problemsOf(topology)] : problemsOf(topology);
}
