import { TopologySchema, type Topology } from '../topology/schema';
import { parseTopology, schemaProblems } from '../topology/document';
import { buildContext, type ValidationRule } from './context';
import { formatPath, samePath, type Problem } from './problem';
import { addressSyntax, duplicateAddresses, overlappingSubnets } from './rules-addresses';
import { hostnames, interfaceNames, jailNames, oneHost, physicalInOneStack, uniqueIds } from './rules-identity';
import { jailNesting } from './rules-jails';
import { interfaceMtus } from './rules-mtu';
import { pfText } from './rules-pf';
import { bridgeMembers, epairEnds } from './rules-links';
import { intents, layoutKeys, natRules, segments } from './rules-references';
import { interfaceGroups, interfaceRoutes } from './rules-iface-routes';
import { routes } from './rules-routes';
import { sharedIpJails } from './rules-shared-ip';

const RULES: readonly ValidationRule[] = [
  uniqueIds,
  oneHost,
  interfaceNames,
  interfaceMtus,
  interfaceGroups,
  physicalInOneStack,
  jailNames,
  hostnames,
  jailNesting,
  sharedIpJails,
  epairEnds,
  bridgeMembers,
  addressSyntax,
  duplicateAddresses,
  overlappingSubnets,
  routes,
  interfaceRoutes,
  segments,
  natRules,
  pfText,
  intents,
  layoutKeys,
];

/**
 * Every problem in a topology, errors first, each with the path of the field to fix. `schemaChecked`:
 * the topology is what the document reader's schema just returned, so Save's schema has nothing to
 * add (a second parse costs 150–200 ms at 1,000 jails).
 */
export function validate(topology: Topology, { schemaChecked = false } = {}): Problem[] {
  const ctx = buildContext(topology);
  const ruled = RULES.flatMap((rule) => rule(ctx));
  const problems = schemaChecked ? ruled : [...ruled, ...shapeProblems(topology, ruled)];
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
}

/**
 * What Save's schema would refuse in a design built in memory (an MTU of 99999999, a NaN), so that
 * a design validate() finds no problem in is always one Save accepts. A field a rule already
 * reports an error on is not reported twice.
 */
function shapeProblems(topology: Topology, ruled: readonly Problem[]): Problem[] {
  const parsed = TopologySchema.safeParse(topology);
  if (parsed.success) return [];
  return schemaProblems(parsed.error)
    .filter((p) => !ruled.some((r) => r.severity === 'error' && samePath(r.path, p.path)))
    .map((p) => ({ ...p, message: `${formatPath(p.path) || 'The design'}: ${p.message}` }));
}

/** From text to problems in one go: JSON and schema problems, or else every semantic problem. */
export function checkTopologyText(text: string): { topology?: Topology; problems: Problem[] } {
  const parsed = parseTopology(text);
  return parsed.ok
    ? { topology: parsed.topology, problems: validate(parsed.topology, { schemaChecked: true }) }
    : { problems: parsed.problems };
}
