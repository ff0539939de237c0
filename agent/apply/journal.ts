import type { Plan } from '../../core/plan/types';
import { JsonLines } from './json-lines';

// Every apply, appended to a JSON-lines file as it happens: who started it and when, the plan, each
// completed step with the names the kernel printed, and how it ended. Written before the next
// command runs, so after a crash the agent knows exactly what was done and can undo it.

export type JournalEntry =
  | { type: 'start'; id: string; at: string; who: string; plan: Pick<Plan, 'steps' | 'actualHash'>; summary: string }
  | { type: 'step'; id: string; index: number; bindings: Record<string, string> }
  | { type: 'end'; id: string; at: string; outcome: 'failed' | 'awaiting-confirmation'; failure?: { index: number; summary: string; stderr: string }; rolledBack?: { summary: string; ok: boolean }[]; deadline?: string }
  | { type: 'confirmed' | 'reverted' | 'recovered'; id: string; at: string; who: string; detail?: string };

export type ApplyOutcome = 'running' | 'interrupted' | 'failed' | 'awaiting-confirmation' | 'confirmed' | 'reverted' | 'recovered';

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
  /** For an apply awaiting confirmation: when it reverts. */
  deadline?: string;
}

export class Journal extends JsonLines<JournalEntry> {
  constructor(stateDir: string) {
    super(stateDir, 'journal.jsonl');
  }

  /** Applies, newest first, with how each ended. `running` for the one in progress, if any. */
  records(running?: string): ApplyRecord[] {
    const byId = new Map<string, ApplyRecord>();
    for (const entry of this.entries()) {
      if (entry.type === 'start') {
        byId.set(entry.id, { id: entry.id, at: entry.at, who: entry.who, summary: entry.summary, steps: entry.plan.steps.length, completed: 0, outcome: 'interrupted', plan: entry.plan, bindings: {} });
        continue;
      }
      const record = byId.get(entry.id);
      if (!record) continue;
      if (entry.type === 'step') {
        record.completed = entry.index + 1;
        record.bindings = entry.bindings;
      } else if (entry.type === 'end') {
        record.outcome = entry.outcome;
        if (entry.failure) record.failure = entry.failure;
        if (entry.deadline) record.deadline = entry.deadline;
      } else record.outcome = entry.type;
    }
    const records = [...byId.values()].reverse();
    for (const record of records) if (record.id === running && record.outcome === 'interrupted') record.outcome = 'running';
    return records;
  }
}
