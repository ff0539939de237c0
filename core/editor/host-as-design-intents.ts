import { canonicalPfRule } from '../pf/rule-meaning';
import type { Endpoint, Intent, Topology } from '../topology/schema';

// How host-as-design.ts recovers intents from the rules they compiled to: every intent a jail,
// bridge or segment could have is compiled on its own, and the candidates whose rules together are
// the anchor's rules are kept, in the order that compiles to the anchor's order.

function subjectsOf(t: Topology): Endpoint[] {
  return [
    ...t.stacks.map((s): Endpoint => ({ kind: 'stack', id: s.id })),
    ...t.stacks.flatMap((s) =>
      s.interfaces.filter((i) => i.kind === 'bridge').map((i): Endpoint => ({ kind: 'network', id: i.id })),
    ),
  ];
}

function labelOf(t: Topology, endpoint: Endpoint): string {
  if (endpoint.kind === 'segment') return t.segments.find((s) => s.id === endpoint.id)?.name ?? endpoint.id;
  if (endpoint.kind === 'network')
    return t.stacks.flatMap((s) => s.interfaces).find((i) => i.id === endpoint.id)?.name ?? endpoint.id;
  const stack = t.stacks.find((s) => s.id === endpoint.id);
  return stack?.kind === 'jail' ? stack.name : 'host';
}

const PROTOCOLS = ['any', 'tcp', 'udp', 'icmp'] as const;

/** Ports the printed rules name (`port = 80`), the candidates for intents limited to ports. */
function portsIn(rules: string[]): number[] {
  const ports = rules.flatMap((r) => [...r.matchAll(/\bport = ([0-9]+)\b/g)].map((m) => Number(m[1])));
  return [...new Set(ports)].filter((p) => p >= 1 && p <= 65535);
}

/** An anchor's printed rules by canonical form (rule-meaning.ts), each with where it first stands. */
export interface Printed {
  rules: string[];
  at: Map<string, number>;
  canonical: (rule: string) => string;
}

export function printedRules(rules: string[]): Printed {
  const memo = new Map<string, string>();
  const canonical = (rule: string) => {
    let known = memo.get(rule);
    if (known === undefined) memo.set(rule, (known = canonicalPfRule(rule)));
    return known;
  };
  const at = new Map<string, number>();
  rules.forEach((rule, i) => {
    const key = canonical(rule);
    if (!at.has(key)) at.set(key, i);
  });
  return { rules, at, canonical };
}

interface Candidate {
  intent: Intent;
  /** Indexes of the printed rules it compiles to. */
  at: number[];
}

/**
 * Every intent this design could hold whose rules all stand in `printed`, each compiled on its own.
 * Ports of one pair of endpoints make one intent when `mergePorts`, else one intent per port.
 */
export function candidates(
  t: Topology,
  printed: Printed,
  compile: (t: Topology) => string[],
  kinds: Intent['kind'][],
  mergePorts: boolean,
): Candidate[] {
  const found: Candidate[] = [];
  const contained = (intent: Intent): number[] | undefined => {
    const rules = compile({ ...t, intents: [intent] });
    const at = rules.map((rule) => printed.at.get(printed.canonical(rule)));
    return at.length > 0 && at.every((i) => i !== undefined) ? (at as number[]) : undefined;
  };
  const subjects = subjectsOf(t);
  const endpoints: Endpoint[] = [...subjects, ...t.segments.map((s): Endpoint => ({ kind: 'segment', id: s.id }))];
  const ports = portsIn(printed.rules);
  const protocols = PROTOCOLS.filter((p) => p === 'any' || printed.rules.some((r) => r.includes(`proto ${p}`)));
  for (const kind of kinds) {
    if (kind === 'allow' || kind === 'deny' || kind === 'may-reach') {
      for (const from of endpoints)
        for (const to of endpoints) {
          if (from === to) continue;
          const id = `${kind}-${labelOf(t, from)}-${labelOf(t, to)}`;
          for (const protocol of protocols) {
            const make = (p: number[]): Intent => ({ kind, id, from, to, protocol, ports: p });
            const whole = contained(make([]));
            if (whole) {
              found.push({ intent: make([]), at: whole });
              continue;
            }
            if (protocol !== 'tcp' && protocol !== 'udp') continue;
            const some = ports.filter((port) => contained(make([port])));
            for (const group of mergePorts && some.length ? [some] : some.map((port) => [port])) {
              const at = contained(make(group));
              if (at) found.push({ intent: make(group), at });
            }
          }
        }
      continue;
    }
    for (const subject of subjects) {
      const intent = { kind, id: `${kind}-${labelOf(t, subject)}`, subject } as Intent;
      const at = contained(intent);
      if (at) found.push({ intent, at });
    }
  }
  return found;
}

/** Search steps `exactCover` may take before it settles for the greedy cover. */
const EXACT_COVER_BUDGET = 20_000;

/**
 * Candidates whose compiled rules, together, are the printed rules exactly: each printed rule as
 * often as it stands. The intents' rules are concatenated, never merged (compile-intents.ts), so a
 * rule two intents share stands twice; covering a rule twice, as a greedy cover may, compiles to a
 * rule the host does not run (isolated and unreachable share their inbound block, and unreachable's
 * pass is a may-reach's). Larger candidates are tried first; when no exact cover is found within
 * the budget, the greedy one is returned and the caller's comparison with the host says so.
 */
export function cover(found: Candidate[], printed: Printed): Intent[] {
  const need = new Map<number, number>();
  for (const rule of printed.rules) {
    const first = printed.at.get(printed.canonical(rule))!;
    need.set(first, (need.get(first) ?? 0) + 1);
  }
  const bySize = [...found].sort((x, y) => y.at.length - x.at.length);
  return exactCover(bySize, need) ?? greedyCover(bySize);
}

function exactCover(bySize: Candidate[], need: Map<number, number>): Intent[] | undefined {
  const left = new Map(need);
  const kept: Intent[] = [];
  let steps = 0;
  const fits = (c: Candidate) => {
    const uses = new Map<number, number>();
    for (const i of c.at) uses.set(i, (uses.get(i) ?? 0) + 1);
    return [...uses].every(([i, n]) => (left.get(i) ?? 0) >= n);
  };
  const take = (c: Candidate, sign: 1 | -1) => c.at.forEach((i) => left.set(i, left.get(i)! - sign));
  const search = (): boolean => {
    if (++steps > EXACT_COVER_BUDGET) return false;
    // The printed rule the fewest candidates can still cover decides the branch (Knuth's algorithm X).
    let rule: number | undefined;
    let choices: Candidate[] = [];
    for (const [i, n] of left) {
      if (n === 0) continue;
      const can = bySize.filter((c) => c.at.includes(i) && fits(c));
      if (rule === undefined || can.length < choices.length) [rule, choices] = [i, can];
      if (can.length === 0) return false;
    }
    if (rule === undefined) return true;
    for (const c of choices) {
      take(c, 1);
      kept.push(c.intent);
      if (search()) return true;
      kept.pop();
      take(c, -1);
    }
    return false;
  };
  return search()
    ? kept.sort((x, y) => bySize.findIndex((c) => c.intent === x) - bySize.findIndex((c) => c.intent === y))
    : undefined;
}

/** The fewest candidates covering every printed rule: the largest first, each kept only when it covers a new rule. */
function greedyCover(bySize: Candidate[]): Intent[] {
  const covered = new Set<number>();
  const kept: Intent[] = [];
  for (const candidate of bySize) {
    if (candidate.at.every((i) => covered.has(i))) continue;
    candidate.at.forEach((i) => covered.add(i));
    kept.push(candidate.intent);
  }
  return kept;
}

/** Orders `inAnchorOrder` may try before it settles for the pairwise one. */
const ORDER_BUDGET = 5_000;

/**
 * The intents in the order that compiles to the anchor's order. Within each kind of rule
 * (compile-intents.ts lists four) the rules follow the intents' order, so the rules of the first n
 * intents of the right order stand in the anchor in their compiled order (a subsequence of it),
 * whatever n: a search that extends an order one intent at a time while that holds, and takes
 * the first whose rules are the anchor's. It tries the intents in the order two at a time fix
 * (pairwiseOrder) first, which is right unless rules repeat: two intents that compile to one rule
 * leave open which of its lines is whose (host-as-design.examples.test.ts). When the search finds
 * nothing within its budget the pairwise order is kept, and the caller's comparison says so.
 */
export function inAnchorOrder(
  intents: Intent[],
  t: Topology,
  printed: Printed,
  compile: (t: Topology) => string[],
): Intent[] {
  const lines = printed.rules.map(printed.canonical);
  const standsInOrder = (order: Intent[]) => {
    let at = 0;
    for (const rule of compile({ ...t, intents: order })) {
      const key = printed.canonical(rule);
      while (at < lines.length && lines[at] !== key) at++;
      if (at++ >= lines.length) return false;
    }
    return true;
  };
  const preferred = pairwiseOrder(intents, standsInOrder);
  let tries = 0;
  const extend = (order: Intent[]): Intent[] | undefined => {
    if (order.length === preferred.length)
      return compile({ ...t, intents: order }).length === lines.length ? order : undefined;
    for (const next of preferred.filter((i) => !order.includes(i))) {
      if (++tries > ORDER_BUDGET) return undefined;
      const longer = [...order, next];
      if (!standsInOrder(longer)) continue;
      const whole = extend(longer);
      if (whole) return whole;
    }
    return undefined;
  };
  return extend([]) ?? preferred;
}

/**
 * Intents sorted by the order each pair fixes. Two intents whose rules stand apart in every list fix
 * none, so the pairs make a partial order; an insertion sort by it can put an intent before one it
 * must follow through a third (host-as-design.examples.test.ts). A topological sort, which keeps
 * the given order where the anchor leaves it free.
 */
function pairwiseOrder(intents: Intent[], standsInOrder: (order: Intent[]) => boolean): Intent[] {
  const mustPrecede = intents.map((a) =>
    intents.map((b) => a !== b && standsInOrder([a, b]) && !standsInOrder([b, a])),
  );
  const sorted: Intent[] = [];
  const placed = new Set<number>();
  while (placed.size < intents.length) {
    const free = (n: number) => !placed.has(n) && intents.every((_, m) => placed.has(m) || !mustPrecede[m]![n]);
    // A cycle means no order compiles to the anchor; the given order is kept there.
    const next = intents.findIndex((_, n) => free(n));
    const pick = next >= 0 ? next : intents.findIndex((_, n) => !placed.has(n));
    placed.add(pick);
    sorted.push(intents[pick]!);
  }
  return sorted;
}

export function uniqueIds(intents: Intent[]): Intent[] {
  const seen = new Set<string>();
  return intents.map((intent) => {
    let id = intent.id.replace(/[^A-Za-z0-9_.:-]/g, '-');
    for (let n = 2; seen.has(id); n++) id = `${intent.id}-${n}`;
    seen.add(id);
    return { ...intent, id };
  });
}
