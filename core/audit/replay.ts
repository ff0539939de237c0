import type { Decision, Packet } from '../pf/evaluate';
import {
  probePacket,
  sameState,
  type Checkpoint,
  type Flows,
  type OwnState,
  type PfEvaluator,
  type Probe,
} from './trip';

// Replaying a trip: the first probe walks the network and records every question it puts to pf
// (Checkpoint); another probe takes the same way unless a translation says otherwise, so asking pf
// the same questions again for it tells its fate without walking (Auditor.tally, Auditor.arrivals).

/** The states a replay created; undefined when pf blocked it; 'walk' when its way may differ. */
export type Replayed = Flows['states'] | undefined | 'walk';

/** How a probe fares in `Auditor.arrivals`. */
export type Arrival = 'reachable' | 'one-way' | false | 'walk';

/** The states of a replay that created none: never written to. */
const NO_STATES: Flows['states'] = new Map();

/** Whether an rdr or binat the trip asked on its way applies to this probe. */
export function redirectedOnTheWay(pf: PfEvaluator, points: readonly Checkpoint[], probe: Probe): boolean {
  const packet = probePacket(probe, false);
  for (const point of points) {
    if (!point.rdr) continue;
    packet.src = point.src;
    packet.dst = point.dst;
    packet.iface = point.iface;
    packet.direction = 'in';
    packet.rcvif = point.iface;
    if (pf.rdr(point.stack, packet)) return true;
  }
  return false;
}

/**
 * Asks pf the recorded questions again for another probe. Forward: returns the states it created
 * (undefined when blocked). Reply: passes where the forward states say so; returns non-undefined
 * when everything passed. 'walk' when this probe meets a translation the first did not (an rdr
 * naming its port, a pass rule's rdr-to): its way may differ, so it must be walked.
 */
export function replayPoints(
  pf: PfEvaluator,
  points: readonly Checkpoint[],
  packet: Packet,
  reply: boolean,
  first: Flows,
  forwardStates?: Flows['states'],
): Replayed {
  // Most replays create no state and meet none of their own: the map and the list are made on
  // first write (allocating them per replay was a tenth of the matrix's garbage, profiled).
  let states: Flows['states'] | undefined;
  let own: OwnState[] | undefined;
  // A translation keeps state whatever the filter rules say.
  for (const stack of first.nats.keys()) (states ??= new Map()).set(stack, { in: false, out: true });
  for (const point of points) {
    packet.src = point.src;
    packet.dst = point.dst;
    packet.iface = point.iface;
    packet.direction = point.direction;
    packet.rcvif = point.direction === 'in' ? point.iface : point.rcvif;
    if (point.rdr) {
      if (pf.rdr(point.stack, packet)) return 'walk';
      continue;
    }
    if (point.nat) {
      if (!forwardStates?.has(point.stack) && pf.nat(point.stack, packet)) return undefined;
      continue;
    }
    if (reply) {
      const state = forwardStates?.get(point.stack);
      if (state && (point.direction === 'in' ? state.out : state.in)) continue;
    }
    // The walk's own rule: the packet meeting a state it created earlier in the stack passes.
    if (sameState(own, point.stack, point.direction, point.src, point.dst)) continue;
    let decision: Decision;
    if (pf.prepare && pf.decidePrepared) {
      if (point.prepared === undefined) point.prepared = pf.prepare(point.stack, packet);
      decision = pf.decidePrepared(point.stack, point.prepared, packet);
    } else decision = pf.decide(point.stack, packet);
    if (decision.skipped) continue;
    if (decision.action === 'block') return undefined;
    if (decision.packet || decision.translations) return 'walk';
    if (decision.keepState) {
      states ??= new Map();
      const state = states.get(point.stack) ?? { in: false, out: false };
      state[point.direction] = true;
      states.set(point.stack, state);
      (own ??= []).push({ stack: point.stack, direction: point.direction, src: point.src, dst: point.dst });
    }
  }
  return states ?? NO_STATES;
}
