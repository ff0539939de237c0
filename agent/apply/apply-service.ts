import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plan as makePlan } from '../../core/plan/plan';
import { stateHash } from '../../core/plan/state-hash';
import type { Plan, PlanStep } from '../../core/plan/types';
import type { Topology } from '../../core/topology/schema';
import { readHost, type HostRead } from '../discovery/read-host';
import type { Executor } from '../executor/types';
import { Journal, type ApplyRecord } from './journal';
import { rollBack, runPlan, type ApplyEvent, type ApplyResult } from './run-plan';

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
}

export interface ApplyServiceOptions {
  executor: Executor;
  stateDir: string;
  /** How long a successful apply waits for a confirmation before it reverts; default 60 s. */
  confirmTimeoutMs?: number;
  /** Host interfaces carrying the agent's own connection, guarded like the uplink. */
  agentInterfaces?: string[];
  now?: () => Date;
}

interface Pending {
  id: string;
  steps: PlanStep[];
  bindings: Record<string, string>;
  deadline: number;
  timer: ReturnType<typeof setTimeout>;
}

export class ApplyService {
  readonly journal: Journal;
  private readonly plans = new Map<string, StoredPlan>();
  private running: string | undefined;
  private recovering = false;
  private pending: Pending | undefined;
  private readonly ownedJailsPath: string;

  constructor(private readonly options: ApplyServiceOptions) {
    this.journal = new Journal(options.stateDir);
    this.ownedJailsPath = join(options.stateDir, 'owned-jails.json');
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** Jails carry no mark of their own, so the agent remembers the ones it made. */
  ownedJails(): Set<string> {
    return new Set(existsSync(this.ownedJailsPath) ? (JSON.parse(readFileSync(this.ownedJailsPath, 'utf8')) as string[]) : []);
  }

  private rememberJails(steps: readonly PlanStep[], undone: boolean) {
    const jails = this.ownedJails();
    for (const step of steps) {
      const [command, flag, name] = step.command.argv;
      if (command !== 'jail') continue;
      const path = flag === '-c' ? name?.replace(/^name=/, '') : flag === '-r' || flag === '-R' ? name : undefined;
      if (path === undefined) continue;
      if ((flag === '-c') !== undone) jails.add(path);
      else jails.delete(path);
    }
    writeFileSync(this.ownedJailsPath, JSON.stringify([...jails].sort()), { mode: 0o600 });
  }

  async read(): Promise<HostRead & { hash: string }> {
    const read = await readHost(this.options.executor);
    return { ...read, hash: stateHash(read.topology, ownedSet(read), read.pf) };
  }

  /** The plan, and the host as read to make it (the dashboard audits the plan against it). */
  async plan(request: PlanRequest): Promise<StoredPlan & { actual: Topology }> {
    const read = await readHost(this.options.executor);
    const made = makePlan(read.topology, request.desired, {
      owned: ownedSet(read),
      ownedJails: this.ownedJails(),
      adopt: new Set(request.adopt ?? []),
      allowUplinkChanges: request.allowUplinkChanges ?? false,
      agentInterfaces: this.options.agentInterfaces ?? [],
      pf: read.pf,
      otherJails: read.sharedStackJails,
    });
    const stored = { ...made, id: randomUUID(), createdAt: this.now().toISOString() };
    this.keepPlan(stored);
    return { ...stored, actual: read.topology };
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

  async apply(planId: string, who: string, onEvent: (event: ApplyEvent) => void = () => {}): Promise<ApplyResult> {
    const stored = this.plans.get(planId);
    if (!stored) throw new ApplyRefused('NOT_FOUND', `No plan ${planId}; plans live until the agent restarts. Plan again.`);
    if (this.running) throw new ApplyRefused('CONFLICT', 'Another apply is running on this host; wait for it to finish.');
    if (this.pending) throw new ApplyRefused('CONFLICT', `Apply ${this.pending.id} is waiting for a confirmation; confirm it or let it revert first.`);
    if (stored.refusals.length) throw new ApplyRefused('PRECONDITION_FAILED', `The plan has ${stored.refusals.length} refusal(s): ${stored.refusals[0]!.reason}`);
    this.running = planId;
    try {
      const current = await this.read();
      if (current.hash !== stored.actualHash) throw new ApplyRefused('PRECONDITION_FAILED', 'The host has changed since this plan was made; plan again.');
      const at = this.now().toISOString();
      this.journal.append({ type: 'start', id: planId, at, who, plan: { steps: stored.steps, actualHash: stored.actualHash }, summary: `${stored.steps.length} step(s)` });
      const bindings: Record<string, string> = {};
      const result = await runPlan(
        this.options.executor,
        stored,
        (event) => {
          if (event.type === 'step-done') this.journal.append({ type: 'step', id: planId, index: event.index, bindings: { ...bindings } });
          onEvent(event);
        },
        bindings,
      );
      if (!result.ok) {
        this.journal.append({ type: 'end', id: planId, at: this.now().toISOString(), outcome: 'failed', ...(result.failure ? { failure: { index: result.failure.index, summary: result.failure.summary, stderr: result.failure.stderr } } : {}), rolledBack: result.rolledBack });
        return result;
      }
      const deadline = this.now().getTime() + (this.options.confirmTimeoutMs ?? 60_000);
      this.journal.append({ type: 'end', id: planId, at: this.now().toISOString(), outcome: 'awaiting-confirmation', deadline: new Date(deadline).toISOString() });
      this.rememberJails(stored.steps, false);
      this.arm(planId, stored.steps, result.bindings, who, deadline);
      this.plans.delete(planId);
      return result;
    } finally {
      this.running = undefined;
    }
  }

  private arm(id: string, steps: PlanStep[], bindings: Record<string, string>, who: string, deadline: number) {
    if (steps.length === 0) {
      this.journal.append({ type: 'confirmed', id, at: this.now().toISOString(), who, detail: 'nothing to confirm: the plan was empty' });
      return;
    }
    const timer = setTimeout(() => {
      // A revert that throws (a full disk for the journal) must not take the agent down with it.
      this.revert('agent (confirmation timed out)').catch((error: unknown) => console.error(`patchbay-agent: revert of ${id} failed: ${String(error)}`));
    }, Math.max(0, deadline - this.now().getTime()));
    timer.unref?.();
    this.pending = { id, steps, bindings, deadline, timer };
  }

  /**
   * After a restart, an apply still awaiting confirmation gets its timer back (or reverts at once
   * if its time ran out while the agent was down): the safety net survives the agent.
   */
  async resumePendingConfirmation() {
    const record = this.journal.records().find((r) => r.outcome === 'awaiting-confirmation');
    if (!record || this.pending) return;
    const deadline = record.deadline ? Date.parse(record.deadline) : this.now().getTime();
    this.arm(record.id, record.plan.steps, record.bindings, 'agent', deadline);
    if (deadline <= this.now().getTime()) await this.revert('agent (confirmation timed out while the agent was down)');
  }

  confirm(id: string, who: string) {
    if (!this.pending || this.pending.id !== id) throw new ApplyRefused('NOT_FOUND', `Apply ${id} is not waiting for a confirmation.`);
    clearTimeout(this.pending.timer);
    this.pending = undefined;
    this.journal.append({ type: 'confirmed', id, at: this.now().toISOString(), who });
  }

  /** Undo the unconfirmed apply: every step's inverse, newest first. */
  async revert(who: string) {
    const pending = this.pending;
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    this.pending = undefined;
    const rolledBack = await rollBack(this.options.executor, pending.steps, { ...pending.bindings });
    this.rememberJails(pending.steps, true);
    this.journal.append({ type: 'reverted', id: pending.id, at: this.now().toISOString(), who, detail: rolledBack.filter((r) => !r.ok).map((r) => `${r.summary}: ${r.stderr}`).join('; ') });
    return rolledBack;
  }

  /** An apply the journal shows started and never ended: the agent died in the middle. */
  interrupted(): ApplyRecord | undefined {
    return this.journal.records(this.running).find((r) => r.outcome === 'interrupted');
  }

  async recoverInterrupted(who: string) {
    if (this.running || this.pending || this.recovering) throw new ApplyRefused('CONFLICT', 'An apply, a confirmation or a recovery is in progress; try again when it is done.');
    const record = this.interrupted();
    if (!record) throw new ApplyRefused('NOT_FOUND', 'No interrupted apply to roll back.');
    this.recovering = true;
    try {
      const rolledBack = await rollBack(this.options.executor, record.plan.steps.slice(0, record.completed), { ...record.bindings });
      this.journal.append({ type: 'recovered', id: record.id, at: this.now().toISOString(), who, detail: `${record.completed} step(s) rolled back` });
      return rolledBack;
    } finally {
      this.recovering = false;
    }
  }

  dispose() {
    if (this.pending) clearTimeout(this.pending.timer);
  }
}

function ownedSet(read: HostRead): Set<string> {
  return new Set(Object.entries(read.owned).filter(([, owned]) => owned).map(([id]) => id));
}
