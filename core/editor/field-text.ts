import type { Edit } from './actions';
import { TopologySchema, type FreebsdRelease, type InterfaceKind } from '../topology/schema';
import { schemaProblems } from '../topology/document';
import { formatPath, type PathSegment } from '../validate/problem';
import { mtuRefusal } from '../validate/rules-mtu';

// What the inspector's text boxes mean, read before anything is written: a keystroke that is not a
// value (issue 16: "abc" became NaN in the design) is held back with a reason, in the same words
// and under the same rule as validate() and Save use, and the design keeps its last good value.

/** Text a field could not take: the rule it breaks and why, in words. */
export interface FieldRefusal {
  ok: false;
  rule: string;
  message: string;
}
export type FieldRead<T> = { ok: true; value: T } | FieldRefusal;

const WHOLE = /^\s*\d+\s*$/;

/** An MTU box: empty is the kernel's default; otherwise a whole number FreeBSD accepts on this kind. */
export function readMtu(text: string, kind: InterfaceKind, release?: FreebsdRelease): FieldRead<number | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined };
  const mtu = WHOLE.test(text) ? Number(text) : Number.NaN;
  const refusal = mtuRefusal(kind, mtu, release);
  if (!refusal) return { ok: true, value: mtu };
  const shown = Number.isNaN(mtu) ? `"${text}" is not a number. ` : '';
  return { ok: false, rule: 'interface.mtu.range', message: `${shown}${refusal} Leave it empty for the default.` };
}

/** A count box such as children.max: a whole number, 0 or more. */
export function readCount(text: string, label: string): FieldRead<number> {
  if (WHOLE.test(text)) return { ok: true, value: Number(text) };
  return {
    ok: false,
    rule: 'schema.invalid_type',
    message: `${label} must be a whole number, 0 or more; "${text}" is not.`,
  };
}

/**
 * An edit made from a field, checked against the schema Save uses: the design only ever holds what
 * Save accepts. The first refusal at `path` (or below it) is the field's; elsewhere, the design's.
 */
export function editRefusal(edit: Edit, path: readonly PathSegment[]): FieldRefusal | undefined {
  if (!edit.ok) return undefined;
  const parsed = TopologySchema.safeParse(edit.topology);
  if (parsed.success) return undefined;
  const problems = schemaProblems(parsed.error);
  const own = problems.find((p) => formatPath(p.path).startsWith(formatPath(path))) ?? problems[0]!;
  return { ok: false, rule: own.rule, message: `${own.message} (${formatPath(own.path)})` };
}
