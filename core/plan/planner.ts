import type { Phase, PlanCommand, PlanStep } from './types';
import type { Guard } from './guards';
import { markable, type IndexedInterface, type IndexedTopology } from './indexed';
import { settingsOf, type Settings } from './interface-steps';
import { cableOfInterface } from '../topology/cable';

// The state one plan() call builds up, in a file of its own so the step builders (lifecycle-steps.ts)
// can take it without importing plan.ts, which imports them.

export class Planner {
  readonly steps: PlanStep[] = [];
  readonly notes: string[] = [];
  /** Desired interface key → the actual interface it keeps being. */
  readonly kept = new Map<string, IndexedInterface>();
  /** Desired interface keys this plan creates. */
  readonly created = new Set<string>();
  /** Interfaces handed to a jail this plan creates: given at creation (`vnet.interface`), one call fewer each. */
  private readonly handedToNewJails = new Map<string, { names: string[]; labels: string[]; restore: PlanCommand[] }>();
  private tokens = 0;

  constructor(
    readonly actual: IndexedTopology,
    readonly desired: IndexedTopology,
    readonly guard: Guard,
  ) {}

  add(phase: Phase, summary: string, command: PlanCommand, inverse: PlanCommand[]) {
    this.steps.push({ phase, summary, command, inverse });
  }

  token(): string {
    return `new${++this.tokens}`;
  }

  /**
   * Moves `name` from the host into jail `path`; `restore` puts its host settings back when undone.
   * `label` names it for people when `name` is a capture placeholder (the end's name-to-be).
   */
  moveIn(name: string, path: string, restore: PlanCommand[] = [], label = name) {
    if (this.actual.stacks.has(path)) {
      this.add('move-in', `Move ${label} into jail ${path}`, { argv: ['ifconfig', name, 'vnet', path] }, [
        { argv: ['ifconfig', name, '-vnet', path] },
        ...restore,
      ]);
      return;
    }
    const entry = this.handedToNewJails.get(path) ?? { names: [], labels: [], restore: [] };
    entry.names.push(name);
    entry.labels.push(label);
    entry.restore.push(...restore);
    this.handedToNewJails.set(path, entry);
  }

  /**
   * jail(8) moves `vnet.interface` interfaces right after creating the jail (docs/freebsd.md §5.1); `jail -r` gives
   * them back.
   */
  handInterfacesToNewJails() {
    for (const step of this.steps) {
      const [command, flag, name] = step.command.argv;
      if (command !== 'jail' || flag !== '-c' || !name) continue;
      const entry = this.handedToNewJails.get(name.replace(/^name=/, ''));
      if (!entry) continue;
      step.command.argv.push(...entry.names.map((n) => `vnet.interface=${n}`));
      step.summary += `, with ${entry.labels.join(', ')}`;
      step.inverse.push(...entry.restore);
    }
  }

  /** Same stack and name; else, for epair ends and NICs, the same name in another stack (a move). */
  match(d: IndexedInterface, taken: ReadonlySet<string>): IndexedInterface | undefined {
    const same = this.actual.interfaces.get(d.key);
    if (same) return same.iface.kind === d.iface.kind && !taken.has(same.key) ? same : undefined;
    if (d.iface.kind !== 'epair' && d.iface.kind !== 'physical') return undefined;
    const elsewhere = [...this.actual.interfaces.values()].filter(
      (a) =>
        a.iface.name === d.iface.name &&
        a.iface.kind === d.iface.kind &&
        !taken.has(a.key) &&
        !this.desired.interfaces.has(a.key),
    );
    return elsewhere.length === 1 ? elsewhere[0] : undefined;
  }

  /**
   * Settings as the kernel holds them, the description with Patchbay's mark when `marked` (an epair
   * end's mark names its cable, as read from the topology the entry belongs to).
   */
  settings(entry: IndexedInterface, marked: boolean): Settings {
    const from = this.actual.byId.get(entry.iface.id) === entry ? this.actual : this.desired;
    const cable = cableOfInterface((id) => from.byId.get(id)?.iface, entry.iface);
    return settingsOf(entry.iface, marked && markable(entry), cable);
  }

  /** An actual interface's settings, its description as the kernel holds it now. */
  actualSettings(entry: IndexedInterface): Settings {
    return this.settings(entry, this.guard.hasMark(entry));
  }

  /** The design's host name (MACs Patchbay derives for new cables depend on it). */
  get hostname(): string {
    return this.desired.topology.stacks.find((s) => s.kind === 'host')?.hostname ?? '';
  }
}
