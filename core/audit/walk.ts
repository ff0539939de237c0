import { formatAddr, inPrefix, isLinkLocalAddr, isPrivate, scopeOf, type Addr } from '../net/addr';
import type { Decision, Packet } from '../pf/evaluate';
import type { FilterRule, Uncertainty } from '../pf/ruleset';
import { applyFilterTranslation } from '../pf/translate';
import { lookupRoute } from './routes';
import { loopbackFor, type AuditInterface, type AuditLan, type AuditNetwork, type AuditStack } from './network';
import { inheritsFor, jailSource, localOwner } from './shared-jails';
import {
  placeAddress,
  placeName,
  probePacket,
  referencePf,
  sameState,
  type Checkpoint,
  type Flows,
  type OwnState,
  type Outcome,
  type PfEvaluator,
  type Place,
  type Probe,
  type RuleRef,
  type Step,
  type Trip,
} from './trip';
import {
  answersOn,
  delegatedTo,
  isLanRouter,
  isLoopbackAddr,
  isUnset,
  lanPrefixes,
  localSource,
  onLink,
  routerName,
  routeThrough,
  scopeWords,
  sourceAddress,
} from './walk-addresses';

// A trip's data lives in trip.ts; its readers have always imported it from here.
export * from './trip';

// One packet's trip through the model, hop by hop, the way the kernel would take it:
// - a stack picks a route by longest prefix (connected, static, default) and sends out of it;
// - pf in that stack sees the packet `out` on that interface, after nat has rewritten it
//   (pf.conf(5): "translation occurs before filtering");
// - an epair delivers the frame to its other end; a bridge hands it to the member behind which the
//   next hop answers, or up to its own stack when the next hop is the bridge's own address;
// - bridged frames meet the bridge's stack's pf `in` on the arriving member and `out` on the leaving
//   one when pfil_member=1, and `in`/`out` on the bridge itself when pfil_bridge=1 (if_bridge(4);
//   the order member-in, bridge-in, bridge-out, member-out is if_bridge.c bridge_pfil()'s "in_if ->
//   bridge_if -> out_if"). Frames a stack sends out of its own bridge do not meet pfil again: pf
//   already saw them `out` on the bridge at the IP layer (bridge_output() calls no pfil). Frames
//   for the bridge's own address go up to the stack without meeting pf on the member: if_bridge.c
//   GRAB_OUR_PACKETS filters the member only with net.link.bridge.pfil_local_phys=1 (default 0,
//   which the model assumes); the stack then sees them `in` on the bridge.
// - a stack receiving a packet shows it to pf `in` on the receiving interface (the bridge, for a
//   packet that came up through a bridge), takes it if the address is its own, and otherwise routes
//   it on only when net.inet.ip.forwarding=1.
// - the LAN's router sends public addresses to the internet (when an internet segment is behind
//   it) and knows no route to anything private outside its LAN.
// A reply walks back the same way; pf lets it through where the forward trip created state (states
// float across interfaces; an `in` state matches the reply going `out` and the other way round) and
// undoes the nat there. A state also matches the packet that created it when that packet meets pf
// again in the same stack going the same way (member then bridge, with both pfil sysctls on): pf
// looks up the state before reading any rule (pf_test -> pf_find_state), so the second look passes
// whatever the rules there say.

const MAX_STACKS = 32;
const NO_STATES: Flows['states'] = new Map();
const NO_NATS: Flows['nats'] = new Map();
const NO_RDRS: Flows['rdrs'] = new Map();

/** A shared-IP jail limited to its own addresses in the family of `dst` (not `inherit`). */
const restricted = (stack: AuditStack, dst: Addr): boolean => stack.shares !== undefined && !inheritsFor(stack, dst);

function ref(rule: FilterRule | { anchor: string; line: number; text: string } | undefined): RuleRef | undefined {
  return rule ? { anchor: rule.anchor, line: rule.line, text: rule.text } : undefined;
}

const ip = formatAddr;

interface WalkerSetup {
  net: AuditNetwork;
  probe: Probe;
  src: Addr;
  dst: Addr;
  trace: boolean;
  /** The `%zone` of a link-local destination: the interface the first stack sends it out of. */
  zone: string | undefined;
  /** The interface the sending stack must send out of (a question's pinned egress). */
  egress: AuditInterface | undefined;
  pf: PfEvaluator;
  /** For a reply: what the forward trip set up. */
  forward: Flows | undefined;
  reasons: boolean;
  /** When given, every question put to pf is added to it, to be asked again for other probes. */
  record: Checkpoint[] | undefined;
}

class Walker {
  readonly steps: Step[] = [];
  readonly crossed: Trip['crossed'] = [];
  readonly flows: Flows = { states: NO_STATES, nats: NO_NATS, rdrs: NO_RDRS };
  /** One packet object per walk, rewritten before each pf question (pf keeps no reference to it). */
  private readonly scratch: Packet;
  private outcome: Outcome | undefined;
  private stacksEntered = 0;
  private arrivedOn: string | undefined;
  /** The states this packet created, for when it meets pf again in the same stack. */
  private own: OwnState[] | undefined;
  /** The interface the packet came into the current stack on; undefined in the stack that sent it. */
  private rcvif: string | undefined;
  /** The destination port the probe started with, to tell whether a translation changed it. */
  private readonly firstPort: number | undefined;
  private uncertain: Trip['uncertain'];

  readonly net: AuditNetwork;
  readonly probe: Probe;
  src: Addr;
  dst: Addr;
  readonly trace: boolean;
  readonly zone: string | undefined;
  readonly egress: AuditInterface | undefined;
  readonly pf: PfEvaluator;
  readonly forward: Flows | undefined;
  readonly reasons: boolean;
  readonly record: Checkpoint[] | undefined;

  constructor(setup: WalkerSetup) {
    this.net = setup.net;
    this.probe = setup.probe;
    this.src = setup.src;
    this.dst = setup.dst;
    this.trace = setup.trace;
    this.zone = setup.zone;
    this.egress = setup.egress;
    this.pf = setup.pf;
    this.forward = setup.forward;
    this.reasons = setup.reasons;
    this.record = setup.record;
    const { probe } = setup;
    const reply = setup.forward !== undefined;
    this.scratch = probePacket(probe, reply);
    // The reply leaves from the port the request arrived at, which an rdr may have changed.
    if (setup.forward?.dport !== undefined) this.scratch.sport = setup.forward.dport;
    this.firstPort = this.scratch.dport;
  }

  result(): Trip & { flows: Flows } {
    return {
      outcome: this.outcome ?? { kind: 'no-route', reason: 'the packet went nowhere' },
      src: this.src,
      dst: this.dst,
      arrivedOn: this.arrivedOn,
      steps: this.steps,
      crossed: this.crossed,
      flows: this.flows,
      ...(this.scratch.dport !== this.firstPort ? { dport: this.scratch.dport } : {}),
      ...(this.uncertain ? { uncertain: this.uncertain } : {}),
    };
  }

  private fail(outcome: Outcome): false {
    this.outcome ??= outcome;
    if (this.trace)
      this.steps.push({
        kind: 'drop',
        text: outcome.kind === 'delivered' ? '' : outcome.reason,
        ...(outcome.kind === 'blocked' ? { stack: outcome.stack, rule: outcome.rule, blocked: true as const } : {}),
      });
    return false;
  }

  /** Reasons are words for people; a matrix asks only for verdicts and skips building them. */
  private noRoute(reason: () => string, needsNat = false): false {
    return this.fail({ kind: 'no-route', reason: this.reasons ? reason() : '', ...(needsNat ? { needsNat } : {}) });
  }

  private deliver(at: Place): true {
    this.outcome = { kind: 'delivered', at };
    if (this.trace)
      this.steps.push({
        kind: 'deliver',
        ...(at.kind === 'stack' ? { stack: at.stack.id } : {}),
        text: `delivered to ${placeName(at)} (${ip(this.dst)})`,
      });
    return true;
  }

  private packet(iface: AuditInterface, direction: 'in' | 'out'): Packet {
    const packet = this.scratch;
    packet.src = this.src;
    packet.dst = this.dst;
    packet.iface = iface.name;
    packet.direction = direction;
    // received-on: where the packet came into this stack (pf.c pf_match_rcvif reads the mbuf's
    // rcvif); a packet the stack sent itself has none.
    packet.rcvif = direction === 'in' ? iface.name : this.rcvif;
    return packet;
  }

  private stateIn(stack: AuditStack, direction: 'in' | 'out'): void {
    if (this.flows.states === NO_STATES) this.flows.states = new Map();
    const state = this.flows.states.get(stack) ?? { in: false, out: false };
    state[direction] = true;
    this.flows.states.set(stack, state);
  }

  /** pf in `stack` sees the packet on `iface`; false when it is blocked. */
  private check(stack: AuditStack, iface: AuditInterface, direction: 'in' | 'out', where: string): boolean {
    if (!stack.pf) return true;
    this.record?.push({
      stack,
      iface: iface.name,
      direction,
      src: this.src,
      dst: this.dst,
      ...(direction === 'out' && this.rcvif !== undefined ? { rcvif: this.rcvif } : {}),
    });
    const state = this.forward?.states.get(stack);
    if (state && (direction === 'in' ? state.out : state.in)) {
      if (this.trace)
        this.steps.push({
          kind: 'pf',
          stack: stack.id,
          iface: iface.id,
          text: `pf in ${stack.label}: ${direction} on ${iface.name}${where}: passes, a reply to the state the request created`,
        });
      return true;
    }
    if (sameState(this.own, stack, direction, this.src, this.dst)) {
      if (this.trace)
        this.steps.push({
          kind: 'pf',
          stack: stack.id,
          iface: iface.id,
          text: `pf in ${stack.label}: ${direction} on ${iface.name}${where}: passes, the state this packet created ${direction} earlier in ${stack.label} matches it (states float across interfaces)`,
        });
      return true;
    }
    const decision = this.pf.decide(stack, this.packet(iface, direction));
    if (decision.uncertain) this.doubt(decision.uncertain);
    if (decision.skipped) {
      if (this.trace)
        this.steps.push({
          kind: 'pf',
          stack: stack.id,
          iface: iface.id,
          text: `pf in ${stack.label}: skips ${iface.name} (set skip)`,
        });
      return true;
    }
    if (decision.action === 'block') {
      return this.fail({
        kind: 'blocked',
        stack: stack.id,
        rule: ref(decision.rule),
        reason: !this.reasons
          ? ''
          : `pf in ${stack.label} blocks it ${direction} on ${iface.name}${where}${decision.rule ? ` (${ruleName(decision.rule)})` : ''}`,
      });
    }
    if (decision.keepState) {
      this.stateIn(stack, direction);
      (this.own ??= []).push({ stack, direction, src: this.src, dst: this.dst });
    }
    if (this.trace)
      this.steps.push({
        kind: 'pf',
        stack: stack.id,
        iface: iface.id,
        rule: ref(decision.rule),
        text: `pf in ${stack.label}: ${direction} on ${iface.name}${where}: ${decision.rule ? `passed by ${ruleName(decision.rule)}` : 'no rule matches, pass'}`,
      });
    if ((decision.packet || decision.translations) && !this.forward) this.filterTranslation(stack, iface, decision);
    return true;
  }

  /** The first rule the audit could not evaluate in full that could change this trip. */
  private doubt(uncertain: Uncertainty): void {
    this.uncertain ??= { rule: { ...uncertain.rule }, reason: uncertain.reason };
  }

  /**
   * nat-to / rdr-to / binat-to on the pass rule that let the packet through, and on match rules
   * before it (evaluate.ts decide): the packet goes on translated. A reply is not translated again:
   * the state the request made answers for it.
   */
  private filterTranslation(stack: AuditStack, iface: AuditInterface, decision: Decision): void {
    let out = decision.packet ?? this.scratch;
    if (decision.rule)
      for (const t of decision.translations ?? []) out = applyFilterTranslation(stack.pf!.ctx, decision.rule, t, out);
    const rule = decision.rule ?? { anchor: '', line: 0, text: 'a match rule' };
    if (out.dst !== this.dst || out.dport !== this.scratch.dport)
      this.redirect(stack, iface, { rule, address: out.dst, ...(out.dport !== undefined ? { port: out.dport } : {}) });
    if (out.src !== this.src) this.translateSource(stack, iface, rule, out.src);
  }

  /** The destination (and port) rewritten in `stack`, remembered for the reply (rdr, binat, rdr-to). */
  private redirect(
    stack: AuditStack,
    iface: AuditInterface,
    t: { rule: { anchor: string; line: number; text: string }; address: Addr; port?: number },
  ): void {
    const original = this.dst;
    const originalPort = this.scratch.dport;
    if (this.flows.rdrs === NO_RDRS) this.flows.rdrs = new Map();
    this.flows.rdrs.set(stack, {
      original,
      ...(originalPort !== undefined ? { originalPort } : {}),
      translated: t.address,
      ...(t.port !== undefined ? { translatedPort: t.port } : {}),
    });
    this.stateIn(stack, 'in'); // a translation always keeps state (pf.c pf_test_rule: `nr != NULL` creates one)
    this.dst = t.address;
    if (t.port !== undefined && t.port !== originalPort) {
      this.scratch.dport = t.port;
      this.flows.dport = t.port;
    }
    if (this.trace) {
      const port = (p: number | undefined) => (p === undefined ? '' : `:${p}`);
      this.steps.push({
        kind: 'rdr',
        stack: stack.id,
        iface: iface.id,
        rule: ref(t.rule),
        text: `rdr in ${stack.label} on ${iface.name}: ${ip(original)}${port(originalPort)} → ${ip(t.address)}${port(this.scratch.dport)} (${ruleName(t.rule)})`,
      });
    }
  }

  private translateSource(
    stack: AuditStack,
    egress: AuditInterface,
    rule: { anchor: string; line: number; text: string },
    address: Addr,
  ): void {
    const original = this.src;
    if (this.flows.nats === NO_NATS) this.flows.nats = new Map();
    this.flows.nats.set(stack, { original, translated: address });
    this.stateIn(stack, 'out'); // a translation always keeps state
    this.src = address;
    if (this.trace)
      this.steps.push({
        kind: 'nat',
        stack: stack.id,
        iface: egress.id,
        rule: ref(rule),
        text: `nat in ${stack.label} on ${egress.name}: ${ip(original)} → ${ip(address)} (${ruleName(rule)})`,
      });
  }

  fromStack(stack: AuditStack): boolean {
    if ((!stack.shares && stack.sharedBy) || inheritsFor(stack, this.dst)) this.flows.sender = stack;
    const owner = stack.local.has(this.dst) ? stack : localOwner(stack, this.dst);
    if (owner) return this.overLoopback(stack, owner);
    return this.route(stack, true);
  }

  /**
   * A packet for one of the stack's own addresses: the host route via the loopback sends it out of
   * lo0 (or the loopback clone carrying the address) and it comes back in there, so pf sees it `out`
   * then `in` on that loopback unless `set skip` covers it (FreeBSD's pf tests `set skip on lo`).
   * The source is the destination's own interface address: in_pcbladdr() (sys/netinet/in_pcb.c), for
   * a route out of a loopback, takes the address of the interface holding the destination
   * (ifa_ifwithdstaddr, ifa_ifwithnet, ifa_ifwithaddr); in6_selectsrc() (sys/netinet6/in6_src.c)
   * prefers the destination itself (RFC 6724 rule 1). Without it the reply went to 0.0.0.0.
   */
  private overLoopback(stack: AuditStack, owner: AuditStack): boolean {
    // A shared-IP jail's packet goes through the stack it shares (shared-jails.ts); it sends from
    // its own address (kern_jail.c prison_get_ip4), or not at all.
    const network = stack.shares ?? stack;
    if (isUnset(this.src)) {
      const source = restricted(stack, this.dst) ? jailSource(stack, this.dst) : localSource(network, this.dst);
      if (source === undefined) return this.noRoute(() => `${stack.label} has no address of that family`);
      this.src = source;
    }
    const lo = loopbackFor(network, this.dst);
    if (this.trace)
      this.steps.push({
        kind: 'route',
        stack: network.id,
        ...(network.interfaces.includes(lo) ? { iface: lo.id } : {}),
        text:
          owner === stack
            ? `${stack.label}: ${ip(this.dst)} is its own address → ${lo.name} (host route via the loopback)`
            : `${stack.label}: ${ip(this.dst)} is ${placeName({ kind: 'stack', stack: owner })}'s, local → ${lo.name} (loopback)`,
      });
    if (!this.nat(network, lo)) return false;
    if (!this.check(network, lo, 'out', '')) return false;
    if (!this.check(network, lo, 'in', '')) return false;
    return this.deliver({ kind: 'stack', stack: this.receiver(network, owner) });
  }

  /**
   * Who receives a packet for a shared-IP jail's address: the jail, unless this is the reply to a
   * request the unjailed stack it shares sent from that address. The host (not in a jail) sends to
   * its jail from the jail's own address: in_pcbladdr() (sys/netinet/in_pcb.c) finds the route to a
   * local address is the loopback route (IFF_LOOPBACK) and takes the address of the interface holding
   * the destination (ifa_ifwithdstaddr, ifa_ifwithnet, ifa_ifwithaddr), here the jail's alias on lo1.
   * The reply's lookup (in_pcb.c in_pcblookup_hash_locked: "First look for an exact match") finds
   * the host's connected socket on the full 4-tuple before any listening one, and an unjailed socket
   * may hold every address of its stack, and so may a jail with `ip4 = inherit` (kern_jail.c
   * prison_check_ip4 accepts any): the reply to either is for its socket, whoever holds the address.
   */
  private receiver(network: AuditStack, owner: AuditStack): AuditStack {
    const sender = this.forward?.sender;
    const holdsEvery = sender === network || (sender?.shares === network && inheritsFor(sender, this.dst));
    return sender && holdsEvery && (owner === network || owner.shares === network) ? sender : owner;
  }

  private route(stack: AuditStack, originating: boolean): boolean {
    if (!originating && (isLinkLocalAddr(this.dst) || isLinkLocalAddr(this.src)))
      // ip6_forward() (sys/netinet6/ip6_forward.c) drops a packet whose source or destination scope
      // zone differs between the receiving and the outgoing interface ("Source scope check",
      // "Destination scope check"): a link-local address is never forwarded off its link.
      return this.noRoute(
        () =>
          `${stack.label} does not forward it: ${ip(isLinkLocalAddr(this.dst) ? this.dst : this.src)} is link-local, valid only on its own link (RFC 4291 2.5.6)`,
      );
    const route =
      originating && this.egress
        ? routeThrough(stack, this.egress, this.dst)
        : lookupRoute(stack, this.dst, originating ? this.zone : undefined);
    if (!route)
      return this.noRoute(() =>
        isLinkLocalAddr(this.dst) && (!originating || this.zone === undefined)
          ? `${ip(this.dst)} is link-local: it needs a zone (%interface) naming the link, and is never routed`
          : `${stack.label} has no route to ${ip(this.dst)}${isLinkLocalAddr(this.dst) ? ` on ${this.zone}` : ''}`,
      );
    const egress = route.iface;
    if (!egress)
      return this.noRoute(() =>
        route.gateway === undefined
          ? `${stack.label}'s interface route to ${ip(route.net)}/${route.bits} names no interface of its that is up`
          : `${stack.label}'s gateway ${ip(route.gateway)} is on none of its networks`,
      );
    const nexthop = route.gateway ?? this.dst;
    if (originating && isUnset(this.src)) {
      // A shared-IP jail sends from its own address (kern_jail.c prison_get_ip4), or not at all.
      const source = restricted(stack, this.dst) ? jailSource(stack, this.dst) : sourceAddress(egress, this.dst);
      if (source === undefined) return this.noRoute(() => `${stack.label} has no address of that family`);
      this.src = source;
    }
    if (this.trace)
      this.steps.push({
        kind: 'route',
        stack: stack.id,
        iface: egress.id,
        text: `${stack.label}: ${route.kind === 'default' ? 'default route' : route.kind === 'static' ? `static route ${ip(route.net)}/${route.bits}` : `connected ${ip(route.net)}/${route.bits}${route.scoped ? `%${egress.name}` : ''}`} → ${egress.name}${route.gateway !== undefined ? ` via ${ip(route.gateway)}` : ''}${originating && this.egress ? ' (the question sends out of this interface)' : ''}`,
      });
    // A shared-IP jail's packet leaves through the stack it shares: that stack's nat, pf and states.
    return this.leave(stack.shares ?? stack, egress, nexthop);
  }

  private leave(stack: AuditStack, egress: AuditInterface, nexthop: Addr): boolean {
    const nat = this.nat(stack, egress);
    if (!nat) return false;
    if (nat === 'pass') {
      if (this.trace)
        this.steps.push({
          kind: 'pf',
          stack: stack.id,
          iface: egress.id,
          text: `pf in ${stack.label}: out on ${egress.name}: not filtered (nat pass)`,
        });
    } else if (!this.check(stack, egress, 'out', '')) return false;
    return this.wire(egress, nexthop);
  }

  /**
   * False when a reply would be translated: it then no longer answers the connection it belongs to.
   * 'pass' when a `nat pass` / `binat pass` rule translated: the filter rules are not asked.
   */
  private nat(stack: AuditStack, egress: AuditInterface): boolean | 'pass' {
    if (!stack.pf) return true;
    if (this.forward) {
      this.record?.push({ stack, iface: egress.name, direction: 'out', src: this.src, dst: this.dst, nat: true });
      this.undoRedirect(stack, egress);
      // Where the request left state, the reply matches it and is not translated again.
      if (this.forward.states.has(stack)) return true;
      const translated = this.pf.nat(stack, this.packet(egress, 'out'));
      if (!translated) return true;
      return this.noRoute(
        () =>
          `the reply leaves ${stack.label} on ${egress.name} through a nat rule (${ruleName(translated.rule)}) without state from the request, so it comes back from the wrong address`,
      );
    }
    const translated = this.pf.nat(stack, this.packet(egress, 'out'));
    if (translated?.uncertain) this.doubt(translated.uncertain);
    if (!translated || translated.address === this.src) return true;
    this.translateSource(stack, egress, translated.rule, translated.address);
    return translated.pass ? 'pass' : true;
  }

  /**
   * A reply leaving the stack that redirected its request gets the address and port the request was
   * sent to back as its source: the state keeps both sides of the translation (pf.c pf_state_key,
   * rewritten in pf_test_state).
   */
  private undoRedirect(stack: AuditStack, egress: AuditInterface): void {
    const rdr = this.forward?.rdrs.get(stack);
    if (!rdr || this.src !== rdr.translated) return;
    const from = `${ip(this.src)}${this.scratch.sport === undefined ? '' : `:${this.scratch.sport}`}`;
    this.src = rdr.original;
    if (rdr.originalPort !== undefined) this.scratch.sport = rdr.originalPort;
    if (this.trace)
      this.steps.push({
        kind: 'rdr',
        stack: stack.id,
        iface: egress.id,
        text: `pf in ${stack.label} translates the reply back on ${egress.name}: ${from} → ${ip(this.src)}${rdr.originalPort === undefined ? '' : `:${rdr.originalPort}`}`,
      });
  }

  /**
   * rdr and binat on the way in, before the filter rules (pf.c pf_test_rule: pf_get_translation, then
   * the rules on the translated packet); false when a `pass` rdr is all there is to ask. Only the
   * request: a reply is matched by the request's state and never redirected.
   */
  private redirectIn(stack: AuditStack, rcvif: AuditInterface): 'pass' | 'filter' {
    if (!stack.pf || this.forward || this.pf.mayTranslate?.(stack, rcvif.name) === false) return 'filter';
    const packet = this.packet(rcvif, 'in');
    this.record?.push({ stack, iface: rcvif.name, direction: 'in', src: this.src, dst: this.dst, rdr: true });
    const t = this.pf.rdr(stack, packet);
    if (!t) return 'filter';
    if (t.uncertain) this.doubt(t.uncertain);
    this.redirect(stack, rcvif, t);
    if (!t.pass) return 'filter'; // the filter rules decide on the translated packet
    (this.own ??= []).push({ stack, direction: 'in', src: this.src, dst: this.dst });
    if (this.trace)
      this.steps.push({
        kind: 'pf',
        stack: stack.id,
        iface: rcvif.id,
        rule: ref(t.rule),
        text: `pf in ${stack.label}: in on ${rcvif.name}: not filtered (rdr pass)`,
      });
    return 'pass';
  }

  private wire(egress: AuditInterface, nexthop: Addr): boolean {
    if (!egress.up) return this.noRoute(() => `${egress.name} in ${egress.stack.label} is down`);
    if (this.trace) this.crossed.push({ iface: egress, direction: 'tx' });
    if (egress.kind === 'epair') {
      const peer = egress.peer;
      if (!peer) return this.noRoute(() => `the other end of ${egress.name} is missing`);
      if (!peer.up) return this.noRoute(() => `${peer.name}, the other end of ${egress.name}, is down`);
      if (this.trace)
        this.steps.push({
          kind: 'wire',
          iface: egress.id,
          text: `${egress.name} → ${peer.name} (${peer.stack.label})`,
        });
      return this.arrive(peer, nexthop);
    }
    if (egress.kind === 'bridge') {
      const member = egress.members.find((m) => m.up && this.answersBehind(m, nexthop, 0));
      if (!member) return this.noRoute(() => `nothing on ${egress.name} answers for ${ip(nexthop)}`);
      if (this.trace) this.crossed.push({ iface: member, direction: 'tx' });
      if (this.trace)
        this.steps.push({
          kind: 'bridge',
          stack: egress.stack.id,
          iface: member.id,
          text: `${egress.name} sends it out of member ${member.name}`,
        });
      return this.beyondMember(member, nexthop);
    }
    if (egress.kind === 'physical') {
      if (!egress.lan) return this.noRoute(() => `${egress.name} is plugged into no LAN in the design`);
      return this.onLan(egress.lan, nexthop, egress);
    }
    return this.noRoute(() => `${egress.name} leads nowhere`);
  }

  /** Whether the next hop answers behind bridge member `member` (its far side, through further bridges). */
  private answersBehind(member: AuditInterface, address: Addr, depth: number): boolean {
    if (depth > 4) return false;
    if (member.kind === 'physical') {
      const lan = member.lan;
      return lan !== undefined && (address === lan.gateway || inPrefix(address, lan.net.address, lan.net.bits));
    }
    const peer = member.peer;
    if (!peer?.up) return false;
    if (answersOn(peer, address)) return true;
    const bridge = peer.bridge;
    if (!bridge?.up) return false;
    return (
      bridge.addresses.some((a) => a.address === address) ||
      (this.membersAnswer() && bridge.members.some((m) => m.up && m.addresses.some((a) => a.address === address))) ||
      bridge.members.some((m) => m !== peer && m.up && this.answersBehind(m, address, depth + 1))
    );
  }

  private beyondMember(member: AuditInterface, nexthop: Addr): boolean {
    if (member.kind === 'physical') return this.onLan(member.lan!, nexthop, member);
    const peer = member.peer!;
    if (this.trace)
      this.steps.push({ kind: 'wire', iface: member.id, text: `${member.name} → ${peer.name} (${peer.stack.label})` });
    return this.arrive(peer, nexthop);
  }

  private arrive(iface: AuditInterface, nexthop: Addr): boolean {
    if (this.trace) this.crossed.push({ iface, direction: 'rx' });
    if (iface.bridge) return this.bridged(iface.bridge, iface, nexthop);
    if (!answersOn(iface, nexthop))
      return this.noRoute(() => `nothing on ${iface.name} in ${iface.stack.label} answers for ${ip(nexthop)}`);
    return this.enter(iface.stack, iface);
  }

  private bridged(bridge: AuditInterface, from: AuditInterface, nexthop: Addr): boolean {
    const stack = bridge.stack;
    if (!bridge.up) return this.noRoute(() => `${bridge.name} in ${stack.label} is down`);
    const { member: pfilMember, bridge: pfilBridge } = stack.bridgeFilter;
    this.rcvif = from.name;
    if (answersOn(bridge, nexthop)) {
      // For the stack itself: pf sees it `in` on the bridge only (pfil_local_phys=0, see above).
      if (this.trace) this.crossed.push({ iface: bridge, direction: 'rx' });
      return this.enter(stack, bridge);
    }
    // bridge_input() GRAB_OUR_PACKETS, after the bridge: the arriving member, then every member. A
    // frame for a member's own address goes up the stack on that member (rcvif = the member), where
    // pf sees it `in` (see membersAnswer for the release rule).
    const own = this.membersAnswer()
      ? [from, ...bridge.members].find((m) => m.up && m.addresses.some((a) => a.address === nexthop))
      : undefined;
    if (own) {
      if (this.trace)
        this.steps.push({
          kind: 'bridge',
          stack: stack.id,
          iface: own.id,
          text: `${bridge.name} hands it up on member ${own.name}, which has ${ip(nexthop)} (if_bridge GRAB_OUR_PACKETS)`,
        });
      return this.enter(stack, own);
    }
    if (pfilMember && !this.check(stack, from, 'in', ' (bridge member, pfil_member=1)')) return false;
    const out = bridge.members.find((m) => m !== from && m.up && this.answersBehind(m, nexthop, 0));
    if (!out) return this.noRoute(() => `nothing on ${bridge.name} answers for ${ip(nexthop)}`);
    if (this.trace) this.crossed.push({ iface: bridge, direction: 'forward' });
    if (this.trace)
      this.steps.push({
        kind: 'bridge',
        stack: stack.id,
        iface: bridge.id,
        text: `${bridge.name} bridges it from ${from.name} to ${out.name}${pfilMember || pfilBridge ? '' : ' (pfil_member=0, pfil_bridge=0: pf does not see it)'}`,
      });
    if (
      pfilBridge &&
      (!this.check(stack, bridge, 'in', ' (pfil_bridge=1)') || !this.check(stack, bridge, 'out', ' (pfil_bridge=1)'))
    )
      return false;
    if (pfilMember && !this.check(stack, out, 'out', ' (bridge member, pfil_member=1)')) return false;
    if (this.trace) this.crossed.push({ iface: out, direction: 'tx' });
    return this.beyondMember(out, nexthop);
  }

  private enter(stack: AuditStack, rcvif: AuditInterface): boolean {
    if (++this.stacksEntered > MAX_STACKS) return this.noRoute(() => 'the packet loops between stacks');
    this.rcvif = rcvif.name;
    this.arrivedOn = rcvif.name;
    const nat = this.forward?.nats.get(stack);
    if (nat && this.dst === nat.translated) {
      this.dst = nat.original;
      if (this.trace)
        this.steps.push({
          kind: 'nat',
          stack: stack.id,
          iface: rcvif.id,
          text: `pf in ${stack.label} undoes its nat: → ${ip(nat.original)}`,
        });
    }
    if (this.redirectIn(stack, rcvif) === 'filter' && !this.check(stack, rcvif, 'in', '')) return false;
    if (rcvif.kind !== 'loopback' && isLoopbackAddr(this.dst))
      // ip_input() and ip6_input() drop a loopback destination arriving on a non-loopback interface.
      return this.noRoute(() => `${ip(this.dst)} is a loopback address: it never arrives from a wire`);
    if (stack.local.has(this.dst)) {
      // A link-local address is its link's: the same address on another interface of the stack is
      // another zone (RFC 4007; ip6_input() compares the scope-embedded address).
      if (!isLinkLocalAddr(this.dst) || rcvif.addresses.some((p) => p.address === this.dst))
        return this.deliver({ kind: 'stack', stack: this.receiver(stack, stack) });
    }
    const jail = stack.sharedBy?.get(this.dst);
    if (jail) return this.deliver({ kind: 'stack', stack: this.receiver(stack, jail) });
    const v6 = typeof this.dst === 'bigint';
    if (!(v6 ? stack.forwarding6 : stack.forwarding))
      return this.noRoute(
        () =>
          `${stack.label} does not forward packets (${v6 ? 'net.inet6.ip6.forwarding' : 'net.inet.ip.forwarding'}=0)`,
      );
    return this.route(stack, false);
  }

  private onLan(lan: AuditLan, nexthop: Addr, from: AuditInterface | undefined): boolean {
    if (isLanRouter(lan, nexthop)) return this.lanRouter(lan);
    if (!onLink(lan, nexthop)) return this.noRoute(() => `${ip(nexthop)} is not on ${lan.name} (${lanPrefixes(lan)})`);
    for (const iface of lan.nics) {
      if (iface === from || !iface.up) continue;
      if (answersOn(iface, nexthop) || (iface.bridge && this.answersBehindBridge(iface, nexthop))) {
        if (this.trace)
          this.steps.push({
            kind: 'wire',
            iface: iface.id,
            segment: lan.id,
            text: `${lan.name} → ${iface.name} (${iface.stack.label})`,
          });
        return this.arrive(iface, nexthop);
      }
    }
    if (nexthop !== this.dst)
      return this.noRoute(() => `${ip(nexthop)} on ${lan.name} is not a router the design knows`);
    const delegated = typeof nexthop === 'bigint' ? delegatedTo(lan, nexthop, from) : undefined;
    if (delegated) {
      if (this.trace)
        this.steps.push({
          kind: 'wire',
          iface: delegated.nic.id,
          segment: lan.id,
          text: `${lan.name} → ${delegated.nic.name} (${delegated.nic.stack.label}), which routes ${ip(nexthop)}`,
        });
      return this.arrive(delegated.nic, delegated.address);
    }
    if (this.trace) this.steps.push({ kind: 'wire', segment: lan.id, text: `out onto ${lan.name}` });
    return this.deliver({ kind: 'lan', lan });
  }

  private answersBehindBridge(member: AuditInterface, address: Addr): boolean {
    const bridge = member.bridge!;
    return (
      bridge.addresses.some((a) => a.address === address) ||
      (this.membersAnswer() && bridge.members.some((m) => m.up && m.addresses.some((a) => a.address === address))) ||
      bridge.members.some((m) => m !== member && m.up && this.answersBehind(m, address, 0))
    );
  }

  /**
   * The LAN's router: IPv4 sends public addresses to the internet and knows no private address
   * outside its LAN. IPv6 has no NAT: the router routes the LAN's prefix (cidr6) and sends global
   * unicast to the internet; unique-local (fc00::/7) and link-local addresses go nowhere beyond it.
   */
  private lanRouter(lan: AuditLan): boolean {
    const v6 = typeof this.dst === 'bigint';
    if (!isLinkLocalAddr(this.dst) && onLink(lan, this.dst)) return this.onLan(lan, this.dst, undefined);
    // A site's border drops unique-local and link-local sources too (RFC 4193 4.3): only a global
    // source leaves for the internet.
    const outward = v6 ? scopeOf(this.dst) === 'global' && scopeOf(this.src) === 'global' : !isPrivate(this.dst);
    if (lan.internet && outward) {
      if (this.trace)
        this.steps.push({
          kind: 'wire',
          segment: lan.id,
          text: `${lan.name}'s router ${routerName(lan, v6)} → the internet`,
        });
      return this.deliver({ kind: 'internet' });
    }
    const needsNat = !v6 && isPrivate(this.dst);
    return this.noRoute(
      () =>
        `${lan.name}'s router ${routerName(lan, v6)} has no route to ${ip(this.dst)}${needsNat ? ' (a private address: only nat on the way out makes replies come back)' : v6 && !outward ? ` (${scopeWords(scopeOf(this.dst) === 'global' ? this.src : this.dst)}: never routed to or from the internet)` : ''}`,
      needsNat,
    );
  }

  fromLan(lan: AuditLan): boolean {
    if (onLink(lan, this.dst)) return this.onLan(lan, this.dst, undefined);
    if (typeof this.dst === 'bigint' ? lan.routers6.size === 0 : lan.gateway === undefined)
      return this.noRoute(() => `${lan.name} has no gateway to ${ip(this.dst)}`);
    return this.lanRouter(lan);
  }

  fromInternet(): boolean {
    if (typeof this.dst === 'bigint') {
      // No NAT in IPv6: the LAN's router routes the LAN's global prefix from the internet, so new
      // connections arrive unless pf stops them.
      const lan = this.net.lans.find((l) => l.internet && l.net6 && inPrefix(this.dst, l.net6.address, l.net6.bits));
      if (lan && scopeOf(this.dst) === 'global') return this.onLan(lan, this.dst, undefined);
      return this.noRoute(
        () =>
          `nothing on the internet routes to ${ip(this.dst)}${scopeOf(this.dst) !== 'global' ? ` (${scopeWords(this.dst)})` : " (it is in no internet-facing LAN's IPv6 prefix)"}`,
      );
    }
    // Replies come back through the LAN router's own nat. A LAN of public addresses (a server's
    // public uplink) is routed to from the internet; a private one would need a port forward on
    // its router, which the design does not describe.
    const lan = this.net.lans.find((l) => l.internet && inPrefix(this.dst, l.net.address, l.net.bits));
    if (lan && (this.forward || !isPrivate(lan.net.address))) {
      if (this.trace && !this.forward)
        this.steps.push({
          kind: 'wire',
          segment: lan.id,
          text: `the internet routes it to ${lan.name} (public addresses)`,
        });
      return this.onLan(lan, this.dst, undefined);
    }
    return this.noRoute(
      () =>
        `nothing on the internet routes to ${ip(this.dst)}${lan ? ` (${lan.name}'s router would need a port forward)` : isPrivate(this.dst) ? ' (a private address: only nat on the way out makes replies come back)' : ''}`,
      !lan && isPrivate(this.dst),
    );
  }

  /**
   * Whether a frame for a bridge member's own address is taken up by the stack on that member.
   * if_bridge.c bridge_input(): GRAB_OUR_PACKETS runs for the bridge and, on 13 and 14, for every
   * member (addresses on members are allowed there). FreeBSD 15 refuses addresses on members unless
   * net.link.bridge.member_ifaddrs=1 (bridge(4) on 15; default 0), and checks members only with
   * that sysctl on, as the model assumes it off. The 15.0 source itself was not read here (the
   * index holds an older if_bridge.c); the rule follows bridge(4) and the 15.0 release notes.
   */
  membersAnswer(): boolean {
    return this.net.release !== '15';
  }
}

function ruleName(rule: { anchor: string; line: number; text: string }): string {
  return `${rule.anchor ? `anchor ${rule.anchor}` : 'main ruleset'}${rule.line ? ` line ${rule.line}` : ''}: ${rule.text}`;
}

/** Sends one packet from `from` to `dst`; with `forward`, it is the reply to that trip. */
export function walk(
  net: AuditNetwork,
  from: Place,
  dst: Addr,
  probe: Probe,
  options: {
    src?: Addr;
    /** The `%zone` of a link-local destination. */
    zone?: string | undefined;
    /** The interface the sending stack sends out of, whatever its routes prefer (a pinned question). */
    egress?: AuditInterface | undefined;
    trace?: boolean;
    reasons?: boolean;
    pf?: PfEvaluator;
    forward?: Flows;
    record?: Checkpoint[];
  } = {},
): Trip & { flows: Flows } {
  const walker = new Walker({
    net,
    probe,
    src: options.src ?? placeAddress(net, from, typeof dst === 'bigint' ? 6 : 4),
    dst,
    trace: options.trace ?? false,
    zone: options.zone,
    egress: options.egress,
    pf: options.pf ?? referencePf,
    forward: options.forward,
    reasons: options.reasons ?? true,
    record: options.record,
  });
  if (from.kind === 'stack') walker.fromStack(from.stack);
  else if (from.kind === 'lan') walker.fromLan(from.lan);
  else walker.fromInternet();
  return walker.result();
}
