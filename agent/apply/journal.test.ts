import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PlanStep } from '../../core/plan/types';
import { FreebsdEmulator } from '../emulator/emulator';
import { ApplyService } from './apply-service';
import { Journal, type JournalEntry } from './journal';

// Issue 14, finding 9b: the apply journal rotates at its size limit without losing what recovery
// and the confirmation timer need, and records() no longer parses the whole file on every call.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'patchbay-journal-'));
});

const steps: PlanStep[] = Array.from({ length: 8 }, (_, i) => ({
  phase: 'create',
  summary: `step ${i}`,
  command: { argv: ['ifconfig', `bridge${i}`, 'create'] },
  inverse: [{ argv: ['ifconfig', `bridge${i}`, 'destroy'] }],
}));
const at = '2026-11-28T12:00:00.000Z';

/** A whole apply, confirmed, as the service journals it. */
function confirmedApply(journal: Journal, id: string) {
  journal.append({ type: 'start', id, at, who: 'alice', plan: { steps, actualHash: 'h' }, summary: '8 step(s)' });
  for (let index = 0; index < steps.length; index++) journal.append({ type: 'step', id, index });
  journal.append({ type: 'end', id, at, outcome: 'awaiting-confirmation', deadline: at });
  journal.append({ type: 'confirmed', id, at, who: 'alice' });
}

describe('Journal rotation', () => {
  it('keeps an interrupted apply, one awaiting confirmation and the last recovery across rotations', () => {
    const journal = new Journal(dir, { maxBytes: 20_000, keepFiles: 3 });
    journal.append({
      type: 'start',
      id: 'closed',
      at,
      who: 'erin',
      plan: { steps, actualHash: 'h' },
      summary: '8 step(s)',
    });
    journal.append({
      type: 'recovered',
      id: 'closed',
      at,
      who: 'erin',
      detail: '1 of 8 inverse(s) failed',
      failures: [{ index: 0, summary: 'step 0', reason: 'its inverse failed: busy' }],
      matchesPreApplyState: false,
    });
    journal.append({
      type: 'start',
      id: 'cut',
      at,
      who: 'bob',
      plan: { steps, actualHash: 'h' },
      summary: '8 step(s)',
    });
    journal.append({ type: 'step', id: 'cut', index: 0, bindings: { new1: 'epair3a' } });
    journal.append({ type: 'step', id: 'cut', index: 1 });
    journal.append({ type: 'step', id: 'cut', index: 2, bindings: { new2: 'bridge4' } });
    journal.append({
      type: 'start',
      id: 'waiting',
      at,
      who: 'carol',
      plan: { steps, actualHash: 'h' },
      summary: '8 step(s)',
    });
    for (let index = 0; index < steps.length; index++) journal.append({ type: 'step', id: 'waiting', index });
    journal.append({
      type: 'end',
      id: 'waiting',
      at,
      outcome: 'awaiting-confirmation',
      deadline: '2026-11-28T12:01:00.000Z',
    });
    for (let n = 0; n < 200; n++) confirmedApply(journal, `done-${n}`);

    const files = readdirSync(dir).sort();
    expect(files).toEqual(['journal.jsonl', 'journal.jsonl.1', 'journal.jsonl.2', 'journal.jsonl.3']);
    // Each file: the limit, plus the entries carried over (three applies here), plus one last entry.
    for (const file of files) expect(statSync(join(dir, file)).size).toBeLessThan(20_000 + 10_000);

    const reopened = new Journal(dir);
    const byId = new Map(reopened.records().map((r) => [r.id, r]));
    expect(byId.get('cut')).toMatchObject({
      outcome: 'interrupted',
      completed: 3,
      bindings: { new1: 'epair3a', new2: 'bridge4' },
      steps: 8,
    });
    expect(byId.get('waiting')).toMatchObject({
      outcome: 'awaiting-confirmation',
      completed: 8,
      deadline: '2026-11-28T12:01:00.000Z',
    });
    expect(byId.get('closed')).toMatchObject({
      outcome: 'recovered',
      closing: { failures: [{ reason: 'its inverse failed: busy' }], matchesPreApplyState: false },
    });
    expect(byId.has('done-0')).toBe(false);
    // What the agent reads at start-up finds them as before.
    const service = new ApplyService({ executor: new FreebsdEmulator(), stateDir: dir });
    expect(service.interrupted()).toMatchObject({ id: 'cut', completed: 3 });
    expect(service.lastRecovery()).toMatchObject({ id: 'closed', type: 'recovered' });
  });

  it('merges the names each step captured, also from journals that repeated them all', () => {
    const journal = new Journal(dir);
    const entries: JournalEntry[] = [
      { type: 'start', id: 'a', at, who: 'x', plan: { steps, actualHash: 'h' }, summary: '' },
      { type: 'step', id: 'a', index: 0, bindings: { new1: 'epair0a' } },
      { type: 'step', id: 'a', index: 1, bindings: { new1: 'epair0a', new2: 'epair1a' } },
      { type: 'step', id: 'a', index: 2 },
    ];
    for (const entry of entries) journal.append(entry);
    expect(journal.records()[0]).toMatchObject({ completed: 3, bindings: { new1: 'epair0a', new2: 'epair1a' } });
  });

  it('answers records() from memory: a 4 MB journal is not parsed again on every call', () => {
    const lines: string[] = [];
    let n = 0;
    for (let bytes = 0; bytes < 4 * 1024 * 1024; n++) {
      const id = `apply-${n}`;
      const entries: JournalEntry[] = [
        { type: 'start', id, at, who: 'alice', plan: { steps, actualHash: 'h' }, summary: '' },
        ...steps.map((_, index): JournalEntry => ({ type: 'step', id, index })),
        { type: 'confirmed', id, at, who: 'alice' },
      ];
      for (const entry of entries) lines.push(JSON.stringify(entry));
      bytes += entries.reduce((sum, entry) => sum + JSON.stringify(entry).length + 1, 0);
    }
    writeFileSync(join(dir, 'journal.jsonl'), `${lines.join('\n')}\n`, { mode: 0o600 });
    const journal = new Journal(dir, { maxBytes: Number.POSITIVE_INFINITY });
    expect(journal.records()).toHaveLength(n);
    const started = performance.now();
    for (let call = 0; call < 100; call++) journal.records();
    // Parsing 4 MB takes tens of milliseconds a time; a hundred calls from memory take a few.
    expect(performance.now() - started).toBeLessThan(500);
  });
});
