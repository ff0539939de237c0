import type { EpairEnd, JailStack, Topology } from '../topology/schema';
import { formatPath } from '../validate/problem';
import { validate } from '../validate/validate';
import { Guard, type GuardOptions } from './guards';
import {
  describeKey,
  indexTopology,
  inJail,
  uplinkNames,
  type IndexedInterface,
  type IndexedTopology,
} from './indexed';
import { withJailLoopbacks } from '../topology/jail-loopback';
import { matchCablesByConnection } from './cable-match';
import { bridgeMtuAfterMembers, memberMtuFollowingBridge } from './bridge-mtu';
import {
  clearedSettings,
  configureCalls,
  removeAddressCall,
  removedAddresses,
  restoreAfterMove,
  settingsOf,
  type Settings,
} from './interface-steps';
import { createSteps, destroyCommand, recreateCommands } from './lifecycle-steps';
import { createHostname, rootedJailNote, rootParams } from './jail-root-params';
import { externalJailStep } from './external-jails';
import { sharedIpJailRemoval, sharedIpJailSteps } from './shared-ip-steps';
import { isSharedIpJail } from '../topology/shared-ip';
import { Planner } from './planner';
import { pfSteps, denyRefusals, type PfState } from './pf-steps';
import { stackSteps } from './route-steps';
import { compilePf } from '../pf/compile';
import { stateHash } from './state-hash';
import { leftoverRefusals } from './leftovers';
import { heldByForeignJails, heldNote } from './foreign-jail-keeps';
import { canCutOff, hostValuesOf, settingDifferences } from './setting-differences';
import { PHASES, type Plan, type PlanCommand, type PlanStep } from './types';

// plan(actual, desired): the ordered steps, each with exact argv and inverse. Teardown runs first
// (pf, routes, members, addresses, moves out, destroys, jails), then creation in dependency order
// (interfaces, jails, moves in, settings, members, routes, sysctls, pf). Objects are matched by the
// names the kernel knows, so a design's ids and layout never cause a step; cables first by what they
// connect (cable-match.ts), so a design that names its cables differently moves none of them.

export interface PlanOptions extends GuardOptions {
  /** pf as read from the host: whether it is on, and Patchbay's anchors as pfctl printed them. */
  pf?: PfState;
}

/** What configure changes on an interface someone else guards (the uplink, or one not Patchbay's). */
const CONFIGURE_RULE =
  "changing an uplink's addresses, MTU, MAC or up/down state can cut the host off its network (its description alone Patchbay changes, since that touches no address or link state)";

function configureSteps(
  p: Planner,
  d: IndexedInterface,
  current: Settings,
  target: Settings,
  guardWith?: IndexedInterface,
) {
  const name = d.iface.name;
  const where = inJail(d.stackKey);
  const removed = removedAddresses(current, target);
  const calls = configureCalls(current, target);
  if (!removed.length && !calls.length) return;
  // One address per call, the family first (interface-steps.ts says why).
  const steps: PlanStep[] = [
    ...removed.map((address): PlanStep => {
      const call = removeAddressCall(address);
      return {
        phase: 'address-remove',
        summary: `Remove ${address} from ${describeKey(d.key)}`,
        command: { argv: ['ifconfig', name, ...call.words], ...where },
        inverse: [{ argv: ['ifconfig', name, ...call.undo], ...where }],
      };
    }),
    ...calls.map((call): PlanStep => ({
      phase: 'configure',
      summary: `Set ${describeKey(d.key)}: ${call.words.join(' ')}`,
      command: { argv: ['ifconfig', name, ...call.words], ...where },
      inverse: call.undo.length ? [{ argv: ['ifconfig', name, ...call.undo], ...where }] : [],
    })),
  ];
  if (guardWith && !mayConfigure(p, d, guardWith, current, target, steps)) return;
  for (const step of steps) p.add(step.phase, step.summary, step.command, step.inverse);
}

/**
 * Whether the guard lets `steps` change `have`. On the uplink only what can cut the host off is
 * refused (a description is not); a refusal names each difference and holds the steps back for
 * the plan to show, with the host's values for the design to take.
 */
function mayConfigure(
  p: Planner,
  want: IndexedInterface,
  have: IndexedInterface,
  current: Settings,
  target: Settings,
  steps: PlanStep[],
) {
  const differences = settingDifferences(have.iface.name, current, target);
  if (p.guard.isUplink(have) && !differences.some((d) => canCutOff(d.field))) {
    if (!p.guard.allowsUplinkChanges())
      p.notes.push(
        `${describeKey(have.key)} carries the host's default route or the agent's connection; only its description changes, which touches no address or link state, so Patchbay goes ahead.`,
      );
    return true;
  }
  const readdress = differences.some((d) => d.field === 'addresses' || d.field === 'mac');
  const what = current.up && !target.up ? 'down' : readdress ? 'readdress' : 'reconfigure';
  // On the uplink the design keeps its description; elsewhere it takes every host value it differs on.
  const refused = p.guard.isUplink(have) ? differences.filter((d) => canCutOff(d.field)) : differences;
  return p.guard.mayChange(have, what, {
    differences: differences.map((d) => d.words),
    heldBack: steps,
    takeHostValues: hostValuesOf(
      { stack: want.stackKey, name: want.iface.name, description: have.iface.description },
      current,
      refused.map((d) => d.field),
    ),
    rule: CONFIGURE_RULE,
  });
}

/** Moves between stacks; returns the settings the interface has afterwards (a move clears them, §1.5). */
function moveSteps(p: Planner, a: IndexedInterface, d: IndexedInterface, current: Settings): Settings {
  const name = a.iface.name;
  if (a.stackKey !== '') {
    p.add('move-out', `Take ${name} back from jail ${a.stackKey}`, { argv: ['ifconfig', name, '-vnet', a.stackKey] }, [
      { argv: ['ifconfig', name, 'vnet', a.stackKey] },
      ...restoreAfterMove(name, current, a.stackKey),
    ]);
    current = clearedSettings(current);
  }
  if (d.stackKey !== '') {
    p.moveIn(name, d.stackKey, restoreAfterMove(name, current));
    current = clearedSettings(current);
  }
  return current;
}

function jailCreateCommand(path: string, jail: JailStack): PlanCommand {
  return {
    argv: [
      'jail',
      '-c',
      `name=${path}`,
      ...(createHostname(jail) ? [`host.hostname=${createHostname(jail)}`] : []),
      ...rootParams(jail),
      'persist',
      'vnet',
      `children.max=${jail.childrenMax}`,
    ],
  };
}

const depth = (path: string) => path.split('.').length;

function jailSteps(p: Planner) {
  const jails = (t: IndexedTopology) =>
    [...t.stacks.entries()].filter((e): e is [string, JailStack] => e[1].kind === 'jail');
  for (const [path, jail] of jails(p.desired).sort((x, y) => depth(x[0]) - depth(y[0]))) {
    const existing = p.actual.stacks.get(path);
    if (externalJailStep(p, path, jail, existing)) continue;
    // Shared-IP jails have steps of their own; children.max is changed below as for any jail.
    if (sharedIpJailSteps(p, path, jail, existing) && !existing) continue;
    if (!existing) {
      p.add('jail-create', `Create vnet jail ${path}`, jailCreateCommand(path, jail), [{ argv: ['jail', '-R', path] }]);
      const note = rootedJailNote(path, jail);
      if (note) p.notes.push(note);
    } else if (existing.kind === 'jail' && existing.childrenMax !== jail.childrenMax) {
      if (p.guard.ownsJail(path))
        p.add(
          'jail-create',
          `Allow ${jail.childrenMax} child jail(s) in ${path}`,
          { argv: ['jail', '-m', `name=${path}`, `children.max=${jail.childrenMax}`] },
          [{ argv: ['jail', '-m', `name=${path}`, `children.max=${existing.childrenMax}`] }],
        );
      else
        p.guard.refuse({
          subject: `jail ${path}`,
          reason: `Jail ${path} was not made by Patchbay; adopt it before Patchbay may change children.max.`,
          override: 'adopt',
        });
    }
  }
  for (const [path, jail] of jails(p.actual)
    .filter(([path]) => !p.desired.stacks.has(path))
    .sort((x, y) => depth(y[0]) - depth(x[0]))) {
    if (!p.guard.ownsJail(path)) {
      p.notes.push(
        `Jail ${path} is not in the design and was not made by Patchbay; it is left as it is (adopt key "${path}" removes it).`,
      );
      continue;
    }
    if (isSharedIpJail(jail)) {
      sharedIpJailRemoval(p, path, jail);
      continue;
    }
    // Routes and forwarding go first, as their own steps, so a revert puts them back last.
    const bare: JailStack = { ...jail, forwarding: { ipv4: false, ipv6: false }, defaultGateway: {}, staticRoutes: [] };
    p.steps.push(...stackSteps(path, jail, bare, p.guard, true));
    const lo0 = jail.interfaces.find((i) => i.name === 'lo0');
    // -R, not -r: jail(8) -r would read /etc/jail.conf, and once a design is made to last its file
    // there names this jail and would run its stop commands too (docs/freebsd/jail.md); the plan
    // does every step itself.
    p.add('jail-remove', `Remove jail ${path}`, { argv: ['jail', '-R', path] }, [
      jailCreateCommand(path, jail),
      ...(lo0 ? restoreAfterMove('lo0', settingsOf(lo0, false), path) : []),
    ]);
  }
}

function keepSteps(p: Planner, want: IndexedInterface, have: IndexedInterface) {
  p.kept.set(want.key, have);
  let current = p.actualSettings(have);
  if (have.stackKey !== want.stackKey) {
    const stackName = (key: string) => (key === '' ? "the host's own stack" : `jail ${key}`);
    const differences = [
      `the design puts ${want.iface.name} in ${stackName(want.stackKey)}; on the host it is in ${stackName(have.stackKey)}`,
    ];
    if (!p.guard.mayChange(have, 'move', { differences })) return;
    current = moveSteps(p, have, want, current);
  }
  // What Patchbay may change it marks as its own (an adopted object gains the mark here).
  const target = p.settings(want, p.guard.owns(have));
  configureSteps(p, want, memberMtuFollowingBridge(p.actual, p.desired, want, have, current, target), target, have);
}

function interfaceSteps(p: Planner) {
  const taken = new Set<string>();
  const done = new Set<string>();
  for (const d of p.desired.interfaces.values()) {
    if (done.has(d.key)) continue;
    done.add(d.key);
    const peer = d.iface.kind === 'epair' ? p.desired.byId.get((d.iface as EpairEnd).peer) : undefined;
    if (peer) done.add(peer.key);
    const a = p.match(d, taken);
    const aPeer = peer ? p.match(peer, new Set([...taken, ...(a ? [a.key] : [])])) : undefined;
    const intact = a && (!peer || (aPeer && a.iface.kind === 'epair' && a.iface.peer === aPeer.iface.id));
    if (intact) {
      taken.add(a.key);
      if (aPeer) taken.add(aPeer.key);
      keepSteps(p, d, a);
      if (peer && aPeer) keepSteps(p, peer, aPeer);
      continue;
    }
    if (d.iface.kind === 'loopback' && d.iface.name === 'lo0') {
      if (!p.actual.stacks.has(d.stackKey)) {
        // A new jail's lo0 exists from its creation, down and unaddressed.
        configureSteps(p, d, { mtu: 16384, addresses: [], up: false, groups: [] }, settingsOf(d.iface, false));
      } else
        p.guard.refuse({
          subject: describeKey(d.key),
          reason: 'lo0 is missing from a stack that exists; Patchbay cannot create it.',
        });
      continue;
    }
    if (d.iface.kind === 'physical') {
      p.guard.refuse({
        subject: describeKey(d.key),
        reason: `There is no NIC ${d.iface.name} on this host; Patchbay cannot create hardware.`,
      });
      continue;
    }
    // Whatever stands in the way (an epair whose ends no longer pair up) must be Patchbay's to replace.
    const stale = [a, aPeer].filter((x): x is IndexedInterface => x !== undefined);
    if (!stale.every((x) => p.guard.mayChange(x, 'replace'))) continue;
    const ends = peer ? ((d.iface as EpairEnd).end === 'a' ? [d, peer] : [peer, d]) : [d];
    createSteps(p, ends[0]!, ends[1]);
  }
  destroySteps(p, taken);
}

function destroySteps(p: Planner, taken: ReadonlySet<string>) {
  const doomed = [...p.actual.interfaces.values()].filter(
    (a) => !taken.has(a.key) && a.iface.kind !== 'physical' && a.iface.name !== 'lo0',
  );
  const survivingBridges = [...p.actual.interfaces.values()].filter(
    (a) => a.iface.kind === 'bridge' && taken.has(a.key),
  );
  const order = { bridge: 0, loopback: 1, epair: 2, physical: 3 };
  const seen = new Set<string>();
  const held = heldByForeignJails(p);
  for (const a of doomed.sort((x, y) => order[x.iface.kind] - order[y.iface.kind])) {
    if (seen.has(a.key)) continue;
    seen.add(a.key);
    const peer = a.iface.kind === 'epair' ? p.actual.byId.get(a.iface.peer) : undefined;
    if (peer) seen.add(peer.key);
    const holder = held.get(a.key) ?? (peer && held.get(peer.key));
    if (holder !== undefined) {
      // The jail's own interfaces go with it; its cable and bridge are what the note is about.
      if (a.stackKey !== holder || peer) p.notes.push(heldNote(a.key, peer?.key, holder));
      continue;
    }
    if (!p.guard.owns(a)) {
      p.notes.push(`${describeKey(a.key)} is not in the design and was not made by Patchbay; it is left as it is.`);
      continue;
    }
    p.add(
      'destroy',
      `Destroy ${describeKey(a.key)}${peer ? ` and its other end ${describeKey(peer.key)}` : ''}`,
      destroyCommand(a),
      recreateCommands(p, a, peer, survivingBridges),
    );
  }
}

function memberSteps(p: Planner) {
  for (const d of p.desired.interfaces.values()) {
    if (d.iface.kind !== 'bridge') continue;
    const have = p.kept.get(d.key);
    const where = inJail(d.stackKey);
    const wanted = d.iface.members
      .map((id) => p.desired.byId.get(id)?.iface.name)
      .filter((n): n is string => n !== undefined);
    const existing =
      have?.iface.kind === 'bridge'
        ? have.iface.members.map((id) => p.actual.byId.get(id)?.iface.name).filter((n): n is string => n !== undefined)
        : [];
    // A member about to be destroyed leaves the bridge with it; only survivors are taken off.
    const survivors = new Set(
      [...p.kept.values()].filter((k) => k.stackKey === have?.stackKey).map((k) => k.iface.name),
    );
    const removed = existing.filter((m) => !wanted.includes(m) && survivors.has(m));
    const added = wanted.filter((m) => !existing.includes(m));
    const names = (list: string[]) => list.join(', ') || 'none';
    const memberChange = {
      differences: [`the design's ${d.iface.name} has members ${names(wanted)}; the host's has ${names(existing)}`],
    };
    if ((removed.length || added.length) && have && !p.guard.mayChange(have, 'change the members of', memberChange))
      continue;
    // Bridging an interface that already exists changes it too: ownership and the uplink guard apply (§1.4).
    const keptHere = new Map(
      [...p.kept.entries()].filter(([key]) => key.startsWith(`${d.stackKey}/`)).map(([, k]) => [k.iface.name, k]),
    );
    const blocked = added.some((name) => {
      const member = keptHere.get(name);
      if (member)
        return !p.guard.mayChange(member, 'bridge', {
          differences: [`the design puts ${name} on ${describeKey(d.key)}`],
        });
      // Neither kept nor made: its creation was refused (and said why); bridge nothing in its name.
      return !p.created.has(`${d.stackKey}/${name}`);
    });
    if (blocked) continue;
    const words = (verb: string, names: string[]) => names.flatMap((n) => [verb, n]);
    if (removed.length)
      p.add(
        'member-remove',
        `Take ${removed.join(', ')} off ${describeKey(d.key)}`,
        { argv: ['ifconfig', d.iface.name, ...words('deletem', removed)], ...where },
        [{ argv: ['ifconfig', d.iface.name, ...words('addm', removed)], ...where }],
      );
    if (added.length)
      p.add(
        'member-add',
        `Put ${added.join(', ')} on ${describeKey(d.key)}`,
        { argv: ['ifconfig', d.iface.name, ...words('addm', added)], ...where },
        [{ argv: ['ifconfig', d.iface.name, ...words('deletem', [...added].reverse())], ...where }],
      );
  }
}

/** The steps that take the host from `actual` to `desired`, or the reasons it may not. */
export function plan(actual: Topology, design: Topology, options: PlanOptions = { owned: new Set() }): Plan {
  const actualHash = stateHash(actual, options.owned, options.pf);
  // Every jail brings its lo0 up, drawn or not (core/topology/jail-loopback.ts).
  const desired = withJailLoopbacks(design);
  const errors = validate(desired).filter((problem) => problem.severity === 'error');
  if (errors.length) {
    return {
      steps: [],
      refusals: errors.map((e) => ({ subject: `design ${formatPath(e.path)}`, reason: e.message })),
      notes: [],
      actualHash,
    };
  }
  // Cables the host already holds between the same places keep the host's names (cable-match.ts).
  const matched = matchCablesByConnection(actual, desired);
  const p = new Planner(indexTopology(actual), indexTopology(matched.design), new Guard(options, uplinkNames(actual)));
  p.notes.push(...matched.notes);
  jailSteps(p);
  interfaceSteps(p);
  memberSteps(p);
  for (const [key, stack] of p.desired.stacks) {
    const remade = new Set([...p.created].flatMap((k) => (k.startsWith(`${key}/`) ? [k.slice(key.length + 1)] : [])));
    p.steps.push(...stackSteps(key, p.actual.stacks.get(key), stack, p.guard, false, remade));
  }
  for (const refusal of denyRefusals(desired, options.allowUplinkChanges === true)) p.guard.refuse(refusal);
  p.steps.push(...pfSteps(desired, options.pf));
  // Turning pf on (or off) is the admin's call: it also brings the main ruleset into force.
  if (compilePf(desired).size > 0 && options.pf && !options.pf.enabled) {
    p.notes.push(
      'pf is disabled on this host: Patchbay loads its anchors, and they act once you enable pf (pfctl -e) with the anchor hooks in /etc/pf.conf.',
    );
  }
  p.handInterfacesToNewJails();
  const rank = (s: PlanStep) => PHASES.indexOf(s.phase);
  const steps = bridgeMtuAfterMembers(
    p.desired,
    p.steps
      .map((step, i) => ({ step, i }))
      .sort((x, y) => rank(x.step) - rank(y.step) || x.i - y.i)
      .map((x) => x.step),
  );
  for (const refusal of leftoverRefusals(p.actual, steps)) p.guard.refuse(refusal);
  return { steps, refusals: p.guard.refusals, notes: p.notes, actualHash };
}
