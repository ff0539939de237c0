import { containsAddress, parseCidr, parseIp } from '../net/ip';
import { isPairIntent, type Endpoint } from '../topology/schema';
import { interfaceLabel, problem, stackLabel, type ValidationContext } from './context';
import type { PathSegment, Problem } from './problem';

/** LANs are plugged into physical NICs and have sane addressing; the internet hangs off a LAN. */
export function segments(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const uplinked = new Map<string, string>();
  for (const { segment, path } of ctx.segments) {
    if (segment.kind === 'internet') {
      const via = ctx.segmentById.get(segment.via);
      if (!via || via.segment.kind !== 'lan') {
        problems.push(
          problem(
            'error',
            'segment.via.missing',
            [...path, 'via'],
            `${segment.name} is reached via "${segment.via}", which is not a LAN segment of this design.`,
          ),
        );
      }
      continue;
    }
    const uplink = ctx.interfaceById.get(segment.uplink);
    if (!uplink) {
      problems.push(
        problem(
          'error',
          'segment.uplink.missing',
          [...path, 'uplink'],
          `LAN ${segment.name} is plugged into "${segment.uplink}", which does not exist.`,
        ),
      );
    } else if (uplink.iface.kind !== 'physical') {
      problems.push(
        problem(
          'error',
          'segment.uplink.kind',
          [...path, 'uplink'],
          `LAN ${segment.name} is plugged into ${interfaceLabel(uplink)}, a ${uplink.iface.kind} interface; a LAN is reached through a physical NIC.`,
        ),
      );
    } else if (uplinked.has(segment.uplink)) {
      problems.push(
        problem(
          'error',
          'segment.uplink.shared',
          [...path, 'uplink'],
          `${uplink.iface.name} is already plugged into LAN ${uplinked.get(segment.uplink)}; a NIC reaches one LAN.`,
        ),
      );
    } else uplinked.set(segment.uplink, segment.name);
    const cidrs = [
      { text: segment.cidr, at: [...path, 'cidr'] },
      ...(segment.cidr6 === undefined ? [] : [{ text: segment.cidr6, at: [...path, 'cidr6'] }]),
    ].flatMap(({ text, at }) => {
      const parsed = parseCidr(text);
      if (!parsed.ok) problems.push(problem('error', 'address.syntax', at, `LAN ${segment.name}: ${parsed.reason}.`));
      return parsed.ok ? [parsed.value] : [];
    });
    if (segment.gateway === undefined) continue;
    const gateway = parseIp(segment.gateway);
    if (!gateway.ok) {
      problems.push(
        problem('error', 'address.syntax', [...path, 'gateway'], `Gateway of LAN ${segment.name}: ${gateway.reason}.`),
      );
    } else if (!cidrs.some((c) => containsAddress(c, gateway.value))) {
      problems.push(
        problem(
          'error',
          'segment.gateway.outside',
          [...path, 'gateway'],
          `Gateway ${segment.gateway} is outside LAN ${segment.name} (${segment.cidr}).`,
        ),
      );
    }
  }
  return problems;
}

export function natRules(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  for (const { stack, path } of ctx.stacks) {
    stack.nat.forEach((rule, i) => {
      const at: PathSegment[] = [...path, 'nat', i];
      const egress = ctx.interfaceById.get(rule.egress);
      if (!egress || egress.stack.id !== stack.id) {
        problems.push(
          problem(
            'error',
            'nat.egress.missing',
            [...at, 'egress'],
            `NAT in ${stackLabel(stack)} leaves through "${rule.egress}", which is not an interface of that stack.`,
          ),
        );
      }
      rule.sources.forEach((source, j) => {
        const parsed = parseCidr(source);
        if (!parsed.ok)
          problems.push(problem('error', 'address.syntax', [...at, 'sources', j], `NAT source: ${parsed.reason}.`));
      });
    });
  }
  return problems;
}

function endpointExists(ctx: ValidationContext, endpoint: Endpoint): boolean {
  switch (endpoint.kind) {
    case 'stack':
      return ctx.stackById.has(endpoint.id);
    case 'network':
      return ctx.interfaceById.get(endpoint.id)?.iface.kind === 'bridge';
    case 'segment':
      return ctx.segmentById.has(endpoint.id);
  }
}

/** How an endpoint or subject reads in a message: a `network` is a bridge, the rest say what they are. */
function endpointLabel(endpoint: Endpoint): string {
  return `${endpoint.kind === 'network' ? 'bridge' : endpoint.kind} "${endpoint.id}"`;
}

/**
 * Intents are about jails and bridges that exist (allow, deny and may-reach also about segments, and
 * the host as either side); a may-reach's ports narrow only tcp and udp.
 */
export function intents(ctx: ValidationContext): Problem[] {
  return ctx.topology.intents.flatMap((intent, i): Problem[] => {
    const at: PathSegment[] = ['intents', i];
    if (!isPairIntent(intent)) {
      const { subject } = intent;
      if (!endpointExists(ctx, subject)) {
        return [
          problem(
            'error',
            'intent.subject.missing',
            [...at, 'subject', 'id'],
            `Intent ${intent.id} is about ${endpointLabel(subject)}, which does not exist.`,
          ),
        ];
      }
      const host = subject.kind === 'stack' ? ctx.stackById.get(subject.id)?.stack : undefined;
      return host?.kind === 'host'
        ? [
            problem(
              'error',
              'intent.subject.host',
              [...at, 'subject', 'id'],
              `Intent ${intent.id} is about ${stackLabel(host)}; intents are about jails or bridges. Name a jail or a bridge instead.`,
            ),
          ]
        : [];
    }
    const problems = (['from', 'to'] as const).flatMap((side) =>
      endpointExists(ctx, intent[side])
        ? []
        : [
            problem(
              'error',
              'intent.endpoint.missing',
              [...at, side, 'id'],
              `Intent ${intent.id} refers to ${endpointLabel(intent[side])}, which does not exist.`,
            ),
          ],
    );
    // allow and deny came from version 1's policies, which ignored such ports; refusing them now would
    // make designs that were valid invalid.
    if (
      intent.kind === 'may-reach' &&
      intent.ports.length > 0 &&
      intent.protocol !== 'tcp' &&
      intent.protocol !== 'udp'
    ) {
      problems.push(
        problem(
          'error',
          'intent.ports.protocol',
          [...at, 'ports'],
          `Intent ${intent.id} lists ports with protocol ${intent.protocol}; ports only apply to tcp and udp. Choose tcp or udp, or remove the ports.`,
        ),
      );
    }
    return problems;
  });
}

/** Positions for things that are gone are harmless but mean the layout drifted from the design. */
export function layoutKeys(ctx: ValidationContext): Problem[] {
  const known = new Set<string>([...ctx.stackById.keys(), ...ctx.interfaceById.keys(), ...ctx.segmentById.keys()]);
  return Object.keys(ctx.topology.layout.positions)
    .filter((id) => !known.has(id))
    .map((id) =>
      problem(
        'warning',
        'layout.unknown-id',
        ['layout', 'positions', id],
        `The layout has a position for "${id}", which is not in the design; remove it.`,
      ),
    );
}
