import { unsupported } from '../commands/output';
import type { Jail } from '../state';
import { startUnit, stopUnit, warn, type JailSession, type Unit } from './lifecycle';
import type { ConfJail } from './load';
import { internalName, parseWholeInt } from './params';
import { byName, fullName } from './prison';
import { planJail, type Planned } from './spec';

// Which jails jail(8) acts on and in what order: usr.sbin/jail/state.c dep_setup(), dep_check(),
// dep_done(), start_state() (read at freebsd/freebsd-src commit 20a9e238) and the main loop of
// jail.c (docs/freebsd/jail.md "Dependencies"):
//   - a jail depends on the jails named in its `depend` parameter, and lightly on its parent
//     ("lab1" for "lab1.lab2") when the parent is defined in the same configuration;
//   - starting a jail first starts what it depends on (a light dependency only when the parent is
//     not running yet); stopping one first stops the jails that depend on it;
//   - a jail whose dependency failed is skipped ("<name>: skipped");
//   - ready jails are taken in order, and a jail waiting on others is queued again when they finish.
// The emulator runs each jail's whole sequence before the next one (jail(8) may interleave
// commands of independent jails unless -p1); that is one of the orders FreeBSD can produce.

type Op = 'start' | 'stop';

interface Edge {
  /** The dependent jail. */
  from: Entry;
  /** The jail it depends on. */
  to: Entry;
  light: boolean;
  seen: boolean;
}

interface Entry {
  conf: ConfJail;
  op?: Op;
  depend: boolean;
  wild: boolean;
  failed: boolean;
  deps: Edge[];
  dependants: Edge[];
  waiting: number;
  queued: 'ready' | 'waiting' | 'done' | 'none';
  /** Known after lookup: the running jail, or null when none. */
  running?: Jail | null;
  /** planJail's answer, kept for when the entry comes back after waiting (its op does not change). */
  planned?: Planned;
}

export interface Work {
  entries: Entry[];
}

function paramValues(conf: ConfJail, name: string): string[] | undefined {
  return conf.params.find((p) => internalName(p.name) === name)?.values;
}

/** jail.c running_jid(): by the jid parameter when there is one, else by the name parameter. */
function lookupRunning(session: JailSession, conf: ConfJail): Jail | null {
  const jid = paramValues(conf, 'jid')?.at(-1);
  if (jid !== undefined) {
    const n = parseWholeInt(jid);
    return n ? (session.state.jails.get(n) ?? null) : null;
  }
  const name = paramValues(conf, 'name')?.at(-1);
  if (name === undefined) return null;
  return byName(session.state, fullName(session.caller, name)) ?? null;
}

/** state.c running_jid(name): a nonzero number is a jid, anything else a name. */
export function runningByKey(session: JailSession, key: string): Jail | undefined {
  const n = parseWholeInt(key);
  if (n) return session.state.jails.get(n);
  return byName(session.state, key);
}

function entry(conf: ConfJail): Entry {
  return {
    conf,
    depend: false,
    wild: false,
    failed: conf.failed,
    deps: [],
    dependants: [],
    waiting: 0,
    queued: 'none',
  };
}

/** state.c dep_setup(docf=1): explicit `depend` edges and the implied light edge to a parent. */
export function setupDependencies(session: JailSession, confJails: ConfJail[]): Work {
  const entries = confJails.map(entry);
  const byConfName = new Map(entries.map((e) => [e.conf.name, e]));
  const link = (from: Entry, to: Entry, light: boolean) => {
    const edge: Edge = { from, to, light, seen: false };
    from.deps.push(edge);
    to.dependants.push(edge);
  };
  for (const e of entries) {
    if (e.failed) continue;
    for (const name of paramValues(e.conf, 'depend') ?? []) {
      const target = byConfName.get(name);
      if (target) link(e, target, false);
      else {
        warn(session, { displayName: e.conf.name }, `depends on undefined jail "${name}"`);
        e.failed = true;
      }
    }
    const dot = e.conf.name.lastIndexOf('.');
    const parent = dot < 0 ? undefined : byConfName.get(e.conf.name.slice(0, dot));
    if (parent) link(e, parent, true);
  }
  const visiting = new Set<Entry>();
  const visited = new Set<Entry>();
  const visit = (e: Entry) => {
    if (visited.has(e)) return;
    if (visiting.has(e)) return unsupported('jail', 'a dependency loop in the configuration');
    visiting.add(e);
    e.deps.forEach((d) => visit(d.to));
    visiting.delete(e);
    visited.add(e);
  };
  entries.forEach(visit);
  return { entries };
}

/** A jail given on the command line (docf=0): `depend` may only name running jails. */
export function commandLineWork(session: JailSession, conf: ConfJail): Work {
  const e = entry(conf);
  for (const name of paramValues(conf, 'depend') ?? []) {
    if (!runningByKey(session, name)) {
      session.stderr += `jail: depends on nonexistent jail "${name}"\n`;
      e.failed = true;
    }
  }
  return { entries: [e] };
}

/**
 * Adds a running jail jail.conf does not define, for -r (state.c start_state "Allow -[rR] to specify a currently
 * running jail").
 */
export function addRunning(work: Work, name: string): Entry {
  const e = entry({ name, params: [{ name: parseWholeInt(name) ? 'jid' : 'name', values: [name] }], failed: false });
  work.entries.push(e);
  return e;
}

export function findEntry(work: Work, name: string): Entry | undefined {
  return work.entries.find((e) => e.conf.name === name);
}

/** jail.c jail_quoted_warnx(): warnx("\"%s\" %s") with the jail's name, jid or name parameter. */
function quotedWarn(session: JailSession, e: Entry, message: string) {
  const shown = e.conf.name || paramValues(e.conf, 'jid')?.at(-1) || paramValues(e.conf, 'name')?.at(-1) || '';
  session.stderr += `jail: "${shown}" ${message}\n`;
}

class Runner {
  ready: Entry[] = [];
  error = false;
  constructor(
    readonly session: JailSession,
    readonly displayNames: boolean,
  ) {}

  name(e: Entry): string | null {
    return this.displayNames ? e.conf.name : null;
  }

  queue(e: Entry) {
    e.queued = 'ready';
    this.ready.push(e);
  }

  /** The edges that must be settled before `e` acts, and the jail at their other end. */
  before(e: Entry): { edge: Edge; other: Entry }[] {
    return e.op === 'stop'
      ? e.dependants.map((edge) => ({ edge, other: edge.from }))
      : e.deps.map((edge) => ({ edge, other: edge.to }));
  }

  after(e: Entry): { edge: Edge; other: Entry }[] {
    return e.op === 'stop'
      ? e.deps.map((edge) => ({ edge, other: edge.to }))
      : e.dependants.map((edge) => ({ edge, other: edge.from }));
  }

  /** state.c dep_check(): pulls in what `e` waits for; true when it has to wait. */
  depCheck(e: Entry): boolean {
    let waits = 0;
    for (const { edge, other } of this.before(e)) {
      if (edge.seen) continue;
      if (other.failed) {
        if (!(e.depend || e.failed) && this.session.verbose >= 0)
          warn(this.session, { displayName: this.name(e) }, 'skipped');
        e.failed = true;
        continue;
      }
      if (!other.op) {
        other.op = e.op;
        other.depend = true;
        this.queue(other);
      }
      const satisfied =
        edge.light &&
        other.running !== undefined &&
        (e.op === 'stop' ? other.running === null : other.running !== null);
      if (!satisfied) waits++;
    }
    if (waits === 0) return false;
    e.waiting = waits;
    e.queued = 'waiting';
    return true;
  }

  /** state.c dep_done(): tells the jails waiting on `e`; a failure makes them skip. */
  depDone(e: Entry, lightOnly = false) {
    for (const { edge, other } of this.after(e)) {
      if (edge.seen || (lightOnly && !edge.light)) continue;
      edge.seen = true;
      if (e.failed) {
        if (!(other.depend || other.failed) && this.session.verbose >= 0)
          warn(this.session, { displayName: this.name(other) }, 'skipped');
        other.failed = true;
      }
      if (other.waiting > 0 && --other.waiting === 0 && other.queued === 'waiting') this.queue(other);
    }
  }

  finish(e: Entry) {
    if (e.failed) this.error = true;
    e.queued = 'done';
    this.depDone(e);
  }

  unit(e: Entry, op: Op): Unit | undefined {
    const planned = (e.planned ??= planJail(e.conf.params, { kernel: op === 'start' }));
    if ('errors' in planned) {
      for (const message of planned.errors) warn(this.session, { displayName: this.name(e) }, message);
      e.failed = true;
      return undefined;
    }
    return { displayName: this.name(e), plan: planned.plan, failed: false };
  }

  process(e: Entry) {
    if (e.failed) return this.finish(e);
    const unit = this.unit(e, e.op!);
    if (!unit) return this.finish(e);
    if (e.running === undefined) e.running = lookupRunning(this.session, e.conf);
    if (e.op === 'start') {
      if (e.running && !(e.depend || e.wild)) {
        quotedWarn(this.session, e, 'already exists');
        e.failed = true;
        return this.finish(e);
      }
      if (this.depCheck(e)) return;
      if (e.failed || e.running) return this.finish(e);
      const jail = startUnit(this.session, unit, () => this.depDone(e, true));
      e.running = jail ?? null;
      e.failed ||= unit.failed;
      return this.finish(e);
    }
    if (this.depCheck(e)) return;
    if (e.failed) return this.finish(e);
    if (!e.running) {
      if (!(e.depend || e.wild)) {
        if (this.session.verbose >= 0) quotedWarn(this.session, e, 'not found');
        e.failed = true;
      }
      return this.finish(e);
    }
    const jail = e.running;
    stopUnit(this.session, unit, jail);
    const gone = !this.session.state.jails.has(jail.jid);
    e.running = gone ? null : jail;
    if (gone && unit.failed) {
      // dep_done(j, DF_LIGHT) ran when the jail was removed, before the later failure.
      const failed = e.failed;
      this.depDone(e, true);
      e.failed = failed;
    }
    e.failed ||= unit.failed;
    this.finish(e);
  }

  run() {
    for (let e = this.ready.shift(); e; e = this.ready.shift()) this.process(e);
  }
}

/**
 * Acts on `targets` (already given their op, and WILD when named by a wildcard) and whatever they
 * pull in. `displayNames`: jail.conf jails carry their block name into messages; a jail given on
 * the command line does not. Returns whether any jail failed (jail(8)'s exit status 1).
 */
export function runWork(session: JailSession, targets: Entry[], displayNames: boolean): boolean {
  const runner = new Runner(session, displayNames);
  for (const t of targets) runner.queue(t);
  runner.run();
  return runner.error;
}

/** state.c start_state() for a global wildcard: every jail of the file, those without dependencies first. */
export function runAll(session: JailSession, work: Work, op: Op): boolean {
  const runner = new Runner(session, true);
  for (const e of work.entries) {
    e.op = op;
    e.wild = true;
  }
  const pending = (e: Entry) => (op === 'stop' ? e.dependants.length : e.deps.length);
  for (const e of work.entries) {
    if (pending(e) === 0) runner.queue(e);
    else {
      e.waiting = pending(e);
      e.queued = 'waiting';
    }
  }
  runner.run();
  return runner.error;
}

export type { Entry };
