import type { Interface, Segment, Stack, Topology } from '../topology/schema';
import type { PathSegment, Problem, Severity } from './problem';
import type { RuleId } from './rule-catalog';

export interface LocatedInterface {
  iface: Interface;
  stack: Stack;
  path: PathSegment[];
}

export interface LocatedStack {
  stack: Stack;
  path: PathSegment[];
}

export interface LocatedSegment {
  segment: Segment;
  path: PathSegment[];
}

/** Lookups every rule needs, built once per validation. */
export interface ValidationContext {
  topology: Topology;
  stacks: LocatedStack[];
  interfaces: LocatedInterface[];
  segments: LocatedSegment[];
  interfaceById: Map<string, LocatedInterface>;
  stackById: Map<string, LocatedStack>;
  segmentById: Map<string, LocatedSegment>;
}

export type ValidationRule = (ctx: ValidationContext) => Problem[];

export function buildContext(topology: Topology): ValidationContext {
  const stacks = topology.stacks.map((stack, i) => ({ stack, path: ['stacks', i] as PathSegment[] }));
  const interfaces = stacks.flatMap(({ stack, path }) =>
    stack.interfaces.map((iface, j) => ({ iface, stack, path: [...path, 'interfaces', j] })),
  );
  const segments = topology.segments.map((segment, i) => ({ segment, path: ['segments', i] as PathSegment[] }));
  // First occurrence wins: a duplicate id is reported by its own rule, the rest resolve to one object.
  const byId = <T extends { path: PathSegment[] }>(items: T[], id: (item: T) => string) => {
    const map = new Map<string, T>();
    for (const item of items) if (!map.has(id(item))) map.set(id(item), item);
    return map;
  };
  return {
    topology,
    stacks,
    interfaces,
    segments,
    interfaceById: byId(interfaces, (i) => i.iface.id),
    stackById: byId(stacks, (s) => s.stack.id),
    segmentById: byId(segments, (s) => s.segment.id),
  };
}

export function problem(severity: Severity, rule: RuleId, path: PathSegment[], message: string): Problem {
  return { severity, rule, path, message };
}

export function stackLabel(stack: Stack): string {
  return stack.kind === 'host' ? `the host (${stack.hostname})` : `jail ${stack.name}`;
}

export function interfaceLabel({ iface, stack }: Pick<LocatedInterface, 'iface' | 'stack'>): string {
  return `${iface.name} in ${stackLabel(stack)}`;
}
