import type { Topology } from '../topology/schema';
import type { Edit } from './actions';

// A whole pf.conf pasted into a stack (PrintedPfRuleset.conf): the audit then reads it instead of
// pfctl's two listings. Text with pf problems is kept as it is (validate's pf.text says what and on
// which line): nothing pasted is lost. Clearing the box removes the pasted text, and the listings
// count again.

export function setPfConf(t: Topology, stackId: string, text: string): Edit {
  const next = structuredClone(t);
  const stack = next.stacks.find((s) => s.id === stackId);
  if (!stack) return { ok: false, reason: `There is no stack with id ${stackId}.` };
  if (text.trim() === '') {
    if (stack.pf) delete stack.pf.conf;
  } else {
    stack.pf = stack.pf ? { ...stack.pf, conf: text } : { enabled: true, rules: '', nat: '', conf: text };
  }
  return { ok: true, topology: next, created: [] };
}
