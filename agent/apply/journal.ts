import type { Plan } from '../../core/plan/types';
import type { Topology } from '../../core/topology/schema';
import type { APPLY_OUTCOMES, CLOSING_TYPES } from '../../core/wire/answers';
import { JsonLines } from './json-lines';

// Every apply, appended to a JSON-lines file as it happens: who started it and when, the plan and
// the host it was made from, each completed step with the names the kernel printed, and how it
// ended. Written before the next command runs, so after a crash the agent knows exactly what was
// done and can undo it.

/** One inverse that did not put the host back, or a step recovery could not judge. */
export interface RecoveryFailure {
  index: number;
  summary: string;
  reason: string;
}

export type ClosingType = (typeof CLOSING_TYPES)[number];

export type JournalEntry =
  | {
      type: 'start';
      id: string;
      at: string;
      who: string;
      plan: Pick<Plan, 'steps' | 'actualHash'>;
      summary: string;
      before?: Topology;
    }
  /** `bindings`: names captured by this step (older journals hold all of them so far); merged in order. */
  | { type: 'step'; id: string; index: number; bindings?: Record<string, string> }
  | {
      type: 'end';
      id: string;
      at: string;
      outcome: 'failed' | 'awaiting-confirmation';
      failure?: { index: number; summary: string; stderr: string };
      reverted?: { summary: string; ok: boolean }[];
      deadline?: string;
    }
  | { type: 'confirmed'; id: string; at: string; who: string; detail?: string }
  | {
      type: 'reverted' | 'recovered';
      id: string;
      at: string;
      who: string;
      detail?: string;
      failures?: RecoveryFailure[];
      matchesPreApplyState?: boolean;
      /** The summaries of the steps undone, newest first (journals before it was recorded have none). */
      undone?: string[];
    }
  | { type: 'dismissed'; id: string; at: string; who: string; detail: string };

export type ApplyOutcome = (typeof APPLY_OUTCOMES)[number];

/** How a revert, a recovery or a dismissal ended, as journalled. */
export interface Closing {
  type: ClosingType;
  at: string;
  who: string;
  detail?: string;
  failures?: RecoveryFailure[];
  /**
   * Whether the host read afterwards equalled the host before the apply; absent for a dismissal and in older journals.
   */
  matchesPreApplyState?: boolean;
  /** What a revert or recovery undid, newest first. */
  undone?: string[];
}

/** The newest revert, recovery or dismissal, with the apply it closed, for `state.read`. */
export type LastRecovery = Closing & { id: string; summary: string };

export interface ApplyRecord {
  id: string;
  at: string;
  who: string;
  summary: string;
  steps: number;
  completed: number;
  outcome: ApplyOutcome;
  failure?: { index: number; summary: string; stderr: string };
  plan: Pick<Plan, 'steps' | 'actualHash'>;
  bindings: Record<string, string>;
  /** The host as read when the plan was made (journals from before it was recorded have none). */
  before?: Topology;
  /** For an apply awaiting confirmation: when it reverts. */
  deadline?: string;
  closing?: Closing;
}

/** Outcomes whose entries must outlive a rotation: recovery and the confirm-or-revert timer read them. */
const STILL_NEEDED: readonly ApplyOutcome[] = ['interrupted', 'awaiting-confirmation'];

export class Journal extends JsonLines<JournalEntry> {
  private memo: { revision: number; records: ApplyRecord[] } | undefined;

  constructor(stateDir: string, limits: { maxBytes?: number; keepFiles?: number } = {}) {
    super(stateDir, 'journal.jsonl', { ...limits, carryOver: carriedEntries });
  }

  /** Applies, newest first, with how each ended. `running` for the one in progress, if any. */
  records(running?: string): ApplyRecord[] {
    const revision = this.revision();
    if (this.memo?.revision !== revision) this.memo = { revision, records: buildRecords(this.entries()) };
    return this.memo.records.map((record) => ({
      ...record,
      outcome: record.id === running && record.outcome === 'interrupted' ? 'running' : record.outcome,
    }));
  }
}

function buildRecords(entries: readonly JournalEntry[]): ApplyRecord[] {
  const byId = new Map<string, ApplyRecord>();
  for (const entry of entries) {
    if (entry.type === 'start') {
      byId.set(entry.id, {
        id: entry.id,
        at: entry.at,
        who: entry.who,
        summary: entry.summary,
        steps: entry.plan.steps.length,
        completed: 0,
        outcome: 'interrupted',
        plan: entry.plan,
        bindings: {},
        ...(entry.before ? { before: entry.before } : {}),
      });
      continue;
    }
    const record = byId.get(entry.id);
    if (!record) continue;
    if (entry.type === 'step') {
      record.completed = entry.index + 1;
      record.bindings = { ...record.bindings, ...entry.bindings };
    } else if (entry.type === 'end') {
      record.outcome = entry.outcome;
      if (entry.failure) record.failure = entry.failure;
      if (entry.deadline) record.deadline = entry.deadline;
    } else {
      record.outcome = entry.type;
      if (entry.type !== 'confirmed') record.closing = closingOf(entry);
    }
  }
  return [...byId.values()].reverse();
}

function closingOf(entry: Extract<JournalEntry, { type: ClosingType }>): Closing {
  const { type, at, who, detail } = entry;
  const extra =
    entry.type === 'dismissed'
      ? {}
      : {
          ...(entry.failures ? { failures: entry.failures } : {}),
          ...(entry.matchesPreApplyState !== undefined ? { matchesPreApplyState: entry.matchesPreApplyState } : {}),
          ...(entry.undone ? { undone: entry.undone } : {}),
        };
  return { type, at, who, ...(detail !== undefined ? { detail } : {}), ...extra };
}

/**
 * What a rotated journal starts with: every apply still interrupted or awaiting confirmation, and
 * the newest one a revert, recovery or dismissal closed (its report is what `state.read` shows).
 * Each as its start, one step entry with every name captured so far, and how it ended.
 */
export function carriedEntries(entries: readonly JournalEntry[]): JournalEntry[] {
  const records = buildRecords(entries);
  const keep = new Set(records.filter((r) => STILL_NEEDED.includes(r.outcome)).map((r) => r.id));
  const lastClosed = records.find((r) => r.closing);
  if (lastClosed) keep.add(lastClosed.id);
  const byId = new Map(records.map((r) => [r.id, r]));
  const carried: JournalEntry[] = [];
  for (const entry of entries) {
    if (!keep.has(entry.id) || entry.type === 'step') continue;
    carried.push(entry);
    const record = byId.get(entry.id)!;
    if (entry.type === 'start' && record.completed > 0)
      carried.push({ type: 'step', id: entry.id, index: record.completed - 1, bindings: record.bindings });
  }
  return carried;
}
