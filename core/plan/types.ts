// A plan: ordered steps that take a host from its actual topology to the desired one. Each step is
// one command with the exact argv, a sentence for people, and the commands that undo it.

export interface PlanCommand {
  argv: string[];
  /** Run inside this jail (jexec); absent for the host. */
  jail?: string;
  stdin?: string;
  /**
   * `ifconfig epair create` prints a name the kernel picks; the command binds it to this token, and
   * later argv say `{token}` (that name) or `{token:b}` (its b end). Apply substitutes them, and
   * skips a rename whose old and new names turn out equal.
   */
  captures?: string;
}

/** Every phase, in the order a plan runs them: teardown first, then creation in dependency order. */
export const PHASES = [
  'pf-remove',
  'route-remove',
  'member-remove',
  'address-remove',
  'move-out',
  'destroy',
  'jail-remove',
  'create',
  'rename',
  'jail-create',
  'move-in',
  'configure',
  'member-add',
  'route-add',
  'sysctl',
  'pf',
] as const;

export type Phase = (typeof PHASES)[number];

export interface PlanStep {
  phase: Phase;
  summary: string;
  command: PlanCommand;
  /** Undo, in order. Empty only for steps that change nothing worth undoing. */
  inverse: PlanCommand[];
}

/**
 * The host's values of one interface, for a design to take (null: the host has none). By the names
 * the kernel knows: `stack` is "" for the host, or the jail's path.
 */
export interface HostValues {
  stack: string;
  interface: string;
  values: {
    description?: string | null;
    mtu?: number;
    mac?: string | null;
    addresses?: string[];
    up?: boolean;
    /** The host's interface groups (an empty list: none). */
    groups?: string[];
  };
}

export interface Refusal {
  /** What the plan would have touched: "host/ixl0", "jail www". */
  subject: string;
  reason: string;
  /** The option that lets it through, when there is one. */
  override?: 'allowUplinkChanges' | 'adopt';
  /** With override 'adopt': the adopt key ("/em1", "www/epair0b") that lets this one object through. */
  adoptKey?: string;
  /** The steps the plan held back because of it: shown, never run, so a refusal hides nothing it is about. */
  heldBack?: PlanStep[];
  /** The host's values that, taken into the design, leave nothing to refuse. */
  takeHostValues?: HostValues;
}

export interface Plan {
  steps: PlanStep[];
  refusals: Refusal[];
  /** Things left alone on purpose (foreign objects the design does not mention, and so on). */
  notes: string[];
  /** Hash of the actual state the plan was made from; apply refuses a host that has changed since. */
  actualHash: string;
}
