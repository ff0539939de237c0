import type { Topology } from '../topology/schema';
import { parseTopology } from '../topology/document';
import { buildContext, type ValidationRule } from './context';
import type { Problem } from './problem';
import { addressSyntax, duplicateAddresses, overlappingSubnets } from './rules-addresses';
import { hostnames, interfaceNames, jailNames, oneHost, physicalInOneStack, uniqueIds } from './rules-identity';
import { jailNesting } from './rules-jails';
import { bridgeMembers, epairEnds } from './rules-links';
import { intents, layoutKeys, natRules, segments } from './rules-references';
import { routes } from './rules-routes';

const RULES: readonly ValidationRule[] = [
  uniqueIds,
  oneHost,
  interfaceNames,
  physicalInOneStack,
  jailNames,
  hostnames,
  jailNesting,
  epairEnds,
  bridgeMembers,
  addressSyntax,
  duplicateAddresses,
  overlappingSubnets,
  routes,
  segments,
  natRules,
  intents,
  layoutKeys,
];

/** Every problem in a topology, errors first, each with the path of the field to fix. */
export function validate(topology: Topology): Problem[] {
  const ctx = buildContext(topology);
  const problems = RULES.flatMap((rule) => rule(ctx));
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
}

/** From text to problems in one go: JSON and schema problems, or else every semantic problem. */
export function checkTopologyText(text: string): { topology?: Topology; problems: Problem[] } {
  const parsed = parseTopology(text);
  return parsed.ok ? { topology: parsed.topology, problems: validate(parsed.topology) } : { problems: parsed.problems };
}
