import { IntentSchema, type Topology } from '../topology/schema';
import { validate } from '../validate/validate';
import type { Edit } from './actions';
import { freshId } from './names';

// Adding and removing intents. An intent is checked before it lands: the schema for its shape,
// then validation for what it refers to, so a bad one is refused with the field and the rule and
// the design stays as it was.

type IntentDraft = Record<string, unknown> & { kind: string };

export function addIntent(t: Topology, draft: IntentDraft): Edit {
  const candidate = { ...draft, id: typeof draft.id === 'string' && draft.id ? draft.id : freshId(t, draft.kind) };
  const parsed = IntentSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `Intent ${issue.path.join('.') || 'shape'}: ${issue.message}` };
  }
  const next: Topology = { ...t, intents: [...t.intents, parsed.data] };
  const index = next.intents.length - 1;
  const problem = validate(next).find((p) => p.severity === 'error' && p.path[0] === 'intents' && p.path[1] === index);
  if (problem) return { ok: false, reason: problem.message };
  return { ok: true, topology: next, created: [] };
}

export function removeIntent(t: Topology, id: string): Edit {
  if (!t.intents.some((i) => i.id === id)) return { ok: false, reason: `There is no intent with id ${id}.` };
  return { ok: true, topology: { ...t, intents: t.intents.filter((i) => i.id !== id) }, created: [] };
}
