// Version 2 folds version 1's `policies` into `intents`: a policy with action "allow" or "deny"
// becomes an intent of that kind with the same id, endpoints, protocol, ports and description.
// They go after the design's own intents, in their order, so the compiled pf rules stay the same
// (core/pf/compile-intents.ts puts allow and deny in their anchor, denies first, as before).

type Json = Record<string, unknown>;

function asIntent(policy: unknown): unknown {
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) return policy;
  // A malformed policy is carried over as it is, for the schema to report at its new place.
  const { action, ...rest } = policy as Json;
  return { kind: action, ...rest };
}

export function foldPoliciesIntoIntents(design: Json): Json {
  const { policies, ...rest } = design;
  if (policies === undefined) return rest;
  const intents = rest.intents ?? [];
  // Not lists: left as they are, for the schema to report where they stand.
  if (!Array.isArray(policies) || !Array.isArray(intents)) return design;
  return { ...rest, intents: [...intents, ...policies.map(asIntent)] };
}
