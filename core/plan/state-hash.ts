import { semanticView } from '../topology/semantic-view';
import type { Topology } from '../topology/schema';
import { hashText, stableJson } from '../text/hash';
import type { PfState } from './pf-steps';

/** What a plan was made from: the host's semantic state, ownership and pf. Any change changes it. */
export function stateHash(actual: Topology, owned: ReadonlySet<string>, pf?: PfState): string {
  return hashText(stableJson({ view: semanticView(actual), owned: [...owned].sort(), pf: pf ?? null }));
}
