import { describeKey, type IndexedInterface } from './indexed';
import type { HostValues, PlanStep, Refusal } from './types';

// What a plan may touch. Objects Patchbay did not make are off limits unless adopted, and the
// uplink (the host interface of the default route, or the agent's own connection) is never moved,
// bridged, readdressed or downed without an explicit override (docs/architecture.md, design rules).

export interface GuardOptions {
  /** Actual interface ids that carry Patchbay's mark. */
  owned: ReadonlySet<string>;
  /** Jail paths Patchbay created (the agent remembers them; jails carry no mark of their own). */
  ownedJails?: ReadonlySet<string>;
  /** "<stack>/<name>" keys ("/bridge9" is the host's bridge9) or jail paths the user adopted. */
  adopt?: ReadonlySet<string>;
  allowUplinkChanges?: boolean;
  /** Host interfaces the agent's own connection uses, guarded like the uplink. */
  agentInterfaces?: readonly string[];
}

/** What a refused change is about: the differences in words, the steps held back, the host's values. */
export interface RefusedChange {
  differences?: readonly string[];
  heldBack?: PlanStep[];
  takeHostValues?: HostValues;
  /** Why the change can cut the host off, when it is an uplink's; a general sentence otherwise. */
  rule?: string;
}

const UPLINK_RULE = 'that can cut the host off its network';

export class Guard {
  readonly refusals: Refusal[] = [];
  private readonly uplinks: Set<string>;

  constructor(
    private readonly options: GuardOptions,
    uplinkNames: readonly string[],
  ) {
    this.uplinks = new Set([...uplinkNames, ...(options.agentInterfaces ?? [])]);
  }

  allowsUplinkChanges(): boolean {
    return this.options.allowUplinkChanges === true;
  }

  ownsJail(path: string): boolean {
    return (this.options.ownedJails?.has(path) ?? false) || (this.options.adopt?.has(path) ?? false);
  }

  /** Whether the interface carries Patchbay's mark right now. */
  hasMark(entry: IndexedInterface): boolean {
    return this.options.owned.has(entry.iface.id);
  }

  owns(entry: IndexedInterface): boolean {
    if (this.options.owned.has(entry.iface.id) || (this.options.adopt?.has(entry.key) ?? false)) return true;
    // A jail's own lo0 belongs to whoever made the jail.
    return entry.iface.kind === 'loopback' && entry.stackKey !== '' && this.ownsJail(entry.stackKey);
  }

  isUplink(entry: IndexedInterface): boolean {
    return entry.stackKey === '' && this.uplinks.has(entry.iface.name);
  }

  /**
   * Whether the plan may change `entry`; records why not. `what` says what the change would be, and
   * `change` what it is about, so the refusal names the exact difference and the steps it holds back.
   */
  mayChange(entry: IndexedInterface, what: string, change: RefusedChange = {}): boolean {
    const subject = describeKey(entry.key);
    const name = entry.iface.name;
    const differs = change.differences?.length ? `, and ${change.differences.join('; ')}` : '';
    const about = {
      ...(change.heldBack?.length ? { heldBack: change.heldBack } : {}),
      ...(change.takeHostValues ? { takeHostValues: change.takeHostValues } : {}),
    };
    if (this.isUplink(entry)) {
      if (this.options.allowUplinkChanges) return true;
      this.refuse({
        subject,
        reason: `${name} carries the host's default route or the agent's connection${differs}. Patchbay will not ${what} it unless uplink changes are allowed: ${change.rule ?? UPLINK_RULE}.`,
        override: 'allowUplinkChanges',
        ...about,
      });
      return false;
    }
    if (this.owns(entry)) return true;
    this.refuse({
      subject,
      reason: `${name} was not made by Patchbay${differs}. Adopt it before Patchbay may ${what} it.`,
      override: 'adopt',
      adoptKey: entry.key,
      ...about,
    });
    return false;
  }

  refuse(refusal: Refusal) {
    if (!this.refusals.some((r) => r.subject === refusal.subject && r.reason === refusal.reason))
      this.refusals.push(refusal);
  }
}
