import { randomUUID } from 'node:crypto';
import { plan as makePlan } from '../../core/plan/plan';
import type { Plan, PlanStep } from '../../core/plan/types';
import type { Topology } from '../../core/topology/schema';
import { readHost, readIdentity } from '../discovery/read-host';
import type { Executor } from '../executor/types';
import { ownedSet, readHashed, type HashedRead } from './host-state';
import { Journal, type ApplyRecord, type LastRecovery } from './journal';
import { OwnedJails } from './owned-jails';
import { logReport, reportAfterUndo, type RecoveryReport } from './recovery-report';
import { revertSteps, applyPlan, type ApplyEvent, type ApplyResult } from './apply-plan';
import { undoWhatTheHostShows } from './undo-shown';

// The agent's side of plan → apply → confirm: one apply at a time, a plan only on the host it was
// made for, a journal entry before every next command, and a confirm-or-revert timer so a change
// that cuts the admin off undoes itself.

const PLAN_LIFETIME_MS = 30 * 60_000;
const MAX_PLANS = 20;

export class ApplyRefused extends Error {
  constructor(
    readonly code: 'CONFLICT' | 'PRECONDITION_FAILED' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'ApplyRefused';
  }
}

export interface PlanRequest {
  desired: Topology;
  adopt?: string[];
  allowUplinkChanges?: boolean;
}

export interface StoredPlan extends Plan {
  id: string;
  createdAt: string;
  /** The host as read to make the plan: journalled with the apply, so recovery can say what differs. */
  actual: Topology;
}

export interface ApplyServiceOptions {
  executor: Executor;
  stateDir: string;
  /** How long a successful apply waits for a confirmation before it reverts; default 60 s. */
  confirmTimeoutMs?: number;
  /** Host interfaces carrying the agent's own connection, guarded like the uplink. */
  agentInterfaces?: string[];
  now?: () => Date;
  /** The journal's size limit before it rotates (default 1 MiB) and how many old files it keeps (default 5). */
  journal?: { maxBytes?: number; keepFiles?: number };
}

interface Pending {
  id: string;
  steps: PlanStep[];
  bindings: Record<string, string>;
  actualHash: string;
  before?: Topology;
  deadline: number;
  timer: ReturnType<typeof setTimeout>;
}

function refusalForInterrupted(record: ApplyRecord): ApplyRefused {
  return new ApplyRefused(
    'CONFLICT',
    `Apply ${record.id} (${record.summary}, by ${record.who}) was interrupted after ${record.completed} of ${record.steps} step(s) when the agent stopped, so the host may be half changed. Recover it (journal.recover undoes what the host still shows of it) or dismiss it with a reason (journal.dismiss, keeping the host as it is) before applying again.`,
  );
}

export class ApplyService {
  readonly journal: Journal;
  private readonly plans = new Map<string, StoredPlan>();
  private running: string | undefined;
  private recovering = false;
  private pending: Pending | undefined;
  private readonly jails: OwnedJails;

  constructor(private readonly options: ApplyServiceOptions) {
    this.journal = new Journal(options.stateDir, options.journal);
    this.jails = new OwnedJails(options.stateDir);
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  ownedJails(): Set<string> {
    return this.jails.read();
  }

  read(): Promise<HashedRead> {
    return readHashed(this.options.executor);
  }

  /** The host's release and name, from one sysctl: what host.info answers, without a full read. */
  identity(): Promise<{ osrelease: string; hostname: string }> {
    return readIdentity(this.options.executor);
  }

  /** The plan, and the host as read to make it (the dashboard audits the plan against it). */
  async plan(request: PlanRequest): Promise<StoredPlan> {
    const read = await readHost(this.options.executor);
    const made = makePlan(read.topology, request.desired, {
      owned: ownedSet(read),
      ownedJails: this.ownedJails(),
      adopt: new Set(request.adopt ?? []),
      allowUplinkChanges: request.allowUplinkChanges ?? false,
      agentInterfaces: this.options.agentInterfaces ?? [],
      pf: read.pf,
    });
    const stored = { ...made, id: randomUUID(), createdAt: this.now().toISOString(), actual: read.topology };
    this.keepPlan(stored);
    return stored;
  }

  /** Plans wait for an apply at most 30 minutes, and only the 20 newest are kept. */
  private keepPlan(plan: StoredPlan) {
    const cutoff = this.now().getTime() - PLAN_LIFETIME_MS;
    for (const [id, kept] of this.plans) if (Date.parse(kept.createdAt) < cutoff) this.plans.delete(id);
    this.plans.set(plan.id, plan);
    while (this.plans.size > MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
  }

  awaitingConfirmation(): { id: string; deadline: string } | undefined {
    return this.pending ? { id: this.pending.id, deadline: new Date(this.pending.deadline).toISOString() } : undefined;
  }

  /**
   * `confirmSeconds`: a shorter wait for the confirmation than the agent's own (--confirm-timeout),
   * which stays the longest: a longer one is capped to it.
   */
  async apply(
    planId: string,
    who: string,
    onEvent: (event: ApplyEvent) => void = () => {},
    confirmSeconds?: number,
  ): Promise<ApplyResult> {
    const stored = this.plans.get(planId);
    if (!stored)
      throw new ApplyRefused('NOT_FOUND', `No plan ${planId}; plans live until the agent restarts. Plan again.`);
    if (this.running)
      throw new ApplyRefused('CONFLICT', 'Another apply is running on this host; wait for it to finish.');
    if (this.recovering)
      throw new ApplyRefused('CONFLICT', 'A recovery or a revert is running on this host; wait for it to finish.');
    if (this.pending)
      throw new ApplyRefused(
        'CONFLICT',
        `Apply ${this.pending.id} is waiting for a confirmation; confirm it or let it revert first.`,
      );
    // A half-applied host is not a base to build on: the planner cannot tell its leftovers apart.
    const interrupted = this.interrupted();
    if (interrupted) throw refusalForInterrupted(interrupted);
    if (stored.refusals.length)
      throw new ApplyRefused(
        'PRECONDITION_FAILED',
        `The plan has ${stored.refusals.length} refusal(s): ${stored.refusals[0]!.reason}`,
      );
    this.running = planId;
    try {
      const current = await this.read();
      if (current.hash !== stored.actualHash)
        throw new ApplyRefused('PRECONDITION_FAILED', 'The host has changed since this plan was made; plan again.');
      const at = this.now().toISOString();
      this.journal.append({
        type: 'start',
        id: planId,
        at,
        who,
        plan: { steps: stored.steps, actualHash: stored.actualHash },
        summary: `${stored.steps.length} step(s)`,
        before: stored.actual,
      });
      const bindings: Record<string, string> = {};
      const journalled: Record<string, string> = {};
      const result = await applyPlan(
        this.options.executor,
        stored,
        (event) => {
          if (event.type === 'step-done') {
            // Only the names this step captured: the journal merges them, and a step entry stays small.
            const captured = Object.fromEntries(
              Object.entries(bindings).filter(([token, name]) => journalled[token] !== name),
            );
            Object.assign(journalled, captured);
            this.journal.append({
              type: 'step',
              id: planId,
              index: event.index,
              ...(Object.keys(captured).length ? { bindings: captured } : {}),
            });
          }
          onEvent(event);
        },
        bindings,
      );
      if (!result.ok) {
        this.journal.append({
          type: 'end',
          id: planId,
          at: this.now().toISOString(),
          outcome: 'failed',
          ...(result.failure
            ? {
                failure: {
                  index: result.failure.index,
                  summary: result.failure.summary,
                  stderr: result.failure.stderr,
                },
              }
            : {}),
          reverted: result.reverted,
        });
        return result;
      }
      const longest = this.options.confirmTimeoutMs ?? 60_000;
      const wait = confirmSeconds === undefined ? longest : Math.min(confirmSeconds * 1000, longest);
      const deadline = this.now().getTime() + wait;
      this.journal.append({
        type: 'end',
        id: planId,
        at: this.now().toISOString(),
        outcome: 'awaiting-confirmation',
        deadline: new Date(deadline).toISOString(),
      });
      this.jails.remember(stored.steps, false);
      this.arm(
        {
          id: planId,
          steps: stored.steps,
          bindings: result.bindings,
          actualHash: stored.actualHash,
          before: stored.actual,
          deadline,
        },
        who,
      );
      this.plans.delete(planId);
      return result;
    } finally {
      this.running = undefined;
    }
  }

  private arm(pending: Omit<Pending, 'timer'>, who: string) {
    if (pending.steps.length === 0) {
      this.journal.append({
        type: 'confirmed',
        id: pending.id,
        at: this.now().toISOString(),
        who,
        detail: 'nothing to confirm: the plan was empty',
      });
      return;
    }
    const timer = setTimeout(
      () => {
        // A revert that throws (a full disk for the journal) must not take the agent down with it.
        this.revert('agent (confirmation timed out)').catch((error: unknown) =>
          console.error(`patchbay-agent: revert of ${pending.id} failed: ${String(error)}`),
        );
      },
      Math.max(0, pending.deadline - this.now().getTime()),
    );
    timer.unref?.();
    this.pending = { ...pending, timer };
  }

  /**
   * After a restart, an apply still awaiting confirmation gets its timer back, or, if its time ran
   * out while the agent was down, is reverted at once: the safety net survives the agent. That
   * revert reads the host first (it may have restarted too) and undoes only what it still shows.
   */
  async resumePendingConfirmation(): Promise<RecoveryReport | undefined> {
    const record = this.journal.records().find((r) => r.outcome === 'awaiting-confirmation');
    if (!record || this.pending || this.recovering) return undefined;
    const deadline = record.deadline ? Date.parse(record.deadline) : this.now().getTime();
    if (deadline > this.now().getTime()) {
      this.arm(
        {
          id: record.id,
          steps: record.plan.steps,
          bindings: record.bindings,
          actualHash: record.plan.actualHash,
          ...(record.before ? { before: record.before } : {}),
          deadline,
        },
        'agent',
      );
      return undefined;
    }
    return this.undoReadingFirst(record, 'reverted', 'agent (confirmation timed out while the agent was down)');
  }

  confirm(id: string, who: string) {
    if (!this.pending || this.pending.id !== id)
      throw new ApplyRefused('NOT_FOUND', `Apply ${id} is not waiting for a confirmation.`);
    clearTimeout(this.pending.timer);
    this.pending = undefined;
    this.journal.append({ type: 'confirmed', id, at: this.now().toISOString(), who });
  }

  /** Undo the unconfirmed apply: every step's inverse, newest first; then read the host to say whether it is back. */
  async revert(who: string): Promise<RecoveryReport | undefined> {
    const pending = this.pending;
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    this.pending = undefined;
    this.recovering = true;
    try {
      const reverted = await revertSteps(this.options.executor, pending.steps, { ...pending.bindings });
      const failures = reverted.flatMap((r, newestFirst) =>
        r.ok
          ? []
          : [
              {
                index: pending.steps.length - 1 - newestFirst,
                summary: r.summary,
                reason: `its inverse failed: ${r.stderr ?? ''}`,
              },
            ],
      );
      const failed = new Set(failures.map((f) => f.index));
      this.jails.remember(
        pending.steps.filter((_, index) => !failed.has(index)),
        true,
      );
      const report = await reportAfterUndo(
        this.options.executor,
        { considered: pending.steps.length, undone: reverted.length - failures.length, notOnHost: 0, failures },
        { actualHash: pending.actualHash, ...(pending.before ? { topology: pending.before } : {}) },
      );
      this.journalClosing(
        'reverted',
        pending.id,
        who,
        report,
        reverted.filter((r) => r.ok).map((r) => r.summary),
      );
      return report;
    } finally {
      this.recovering = false;
    }
  }

  /** An apply the journal shows started and never ended: the agent died in the middle. */
  interrupted(): ApplyRecord | undefined {
    return this.journal.records(this.running).find((r) => r.outcome === 'interrupted');
  }

  /**
   * Puts the host back as it was before the interrupted apply, as far as it can: reads the host,
   * undoes (newest first) each completed step the host still shows, and says honestly whether the
   * host now matches the state the plan was made from.
   */
  async recoverInterrupted(who: string): Promise<RecoveryReport> {
    this.refuseWhileBusy();
    const record = this.interrupted();
    if (!record) throw new ApplyRefused('NOT_FOUND', 'No interrupted apply to recover.');
    return this.undoReadingFirst(record, 'recovered', who);
  }

  /** Leaves the host as it is and lets applies run again; the reason is journalled with who gave it. */
  dismissInterrupted(who: string, reason: string): { id: string } {
    this.refuseWhileBusy();
    const record = this.interrupted();
    if (!record) throw new ApplyRefused('NOT_FOUND', 'No interrupted apply to dismiss.');
    const detail = reason.trim();
    if (!detail)
      throw new ApplyRefused(
        'PRECONDITION_FAILED',
        'Say why the interrupted apply is dismissed instead of recovered; the reason goes into the journal.',
      );
    // What it made stays, and is Patchbay's to change or remove with the next plan.
    this.jails.remember(record.plan.steps.slice(0, record.completed), false);
    this.journal.append({ type: 'dismissed', id: record.id, at: this.now().toISOString(), who, detail });
    return { id: record.id };
  }

  /** The newest revert, recovery or dismissal and what it reported, for the host's page. */
  lastRecovery(): LastRecovery | undefined {
    const record = this.journal.records().find((r) => r.closing);
    return record?.closing ? { id: record.id, summary: record.summary, ...record.closing } : undefined;
  }

  private refuseWhileBusy() {
    if (this.running || this.pending || this.recovering)
      throw new ApplyRefused(
        'CONFLICT',
        'An apply, a confirmation or a recovery is in progress; try again when it is done.',
      );
  }

  private async undoReadingFirst(
    record: ApplyRecord,
    type: 'reverted' | 'recovered',
    who: string,
  ): Promise<RecoveryReport> {
    this.recovering = true;
    try {
      const executor = this.options.executor;
      const steps = record.plan.steps;
      const interrupted = record.outcome === 'interrupted';
      const outcome = await undoWhatTheHostShows(executor, {
        steps,
        completed: interrupted ? record.completed : steps.length,
        bindings: record.bindings,
        includeInFlight: interrupted,
      });
      const undone = new Set(outcome.undone);
      const remaining = steps.slice(0, record.completed).filter((_, index) => !undone.has(index));
      // Jails it made and that are still there are Patchbay's; jails whose removal was undone are again.
      this.jails.remember(remaining, false);
      this.jails.remember(
        outcome.undone.map((index) => steps[index]!),
        true,
      );
      const tally = {
        considered: outcome.considered,
        undone: outcome.undone.length,
        notOnHost: outcome.notOnHost.length,
        failures: outcome.failures,
      };
      const report = await reportAfterUndo(executor, tally, {
        actualHash: record.plan.actualHash,
        ...(record.before ? { topology: record.before } : {}),
      });
      this.journalClosing(
        type,
        record.id,
        who,
        report,
        [...outcome.undone].sort((a, b) => b - a).map((index) => steps[index]!.summary),
      );
      return report;
    } finally {
      this.recovering = false;
    }
  }

  private journalClosing(
    type: 'reverted' | 'recovered',
    id: string,
    who: string,
    report: RecoveryReport,
    undone: string[],
  ) {
    logReport(type === 'reverted' ? 'revert' : 'recovery', id, report);
    this.journal.append({
      type,
      id,
      at: this.now().toISOString(),
      who,
      detail: report.detail,
      failures: report.failures,
      matchesPreApplyState: report.matchesPreApplyState,
      undone,
    });
  }

  dispose() {
    if (this.pending) clearTimeout(this.pending.timer);
  }
}
