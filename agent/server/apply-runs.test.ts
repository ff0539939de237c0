import { describe, expect, it } from 'vitest';
import type { ApplyResult } from '../apply/run-plan';
import { ApplyRuns } from './apply-runs';

const ok: ApplyResult = { ok: true, completed: 0, reverted: [], bindings: {} };
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('ApplyRuns', () => {
  it('replays events to a late watcher and forgets finished runs after a while', async () => {
    const runs = new ApplyRuns(20);
    const run = runs.start('a', async () => {
      runs.push('a', { type: 'step', index: 0, total: 1, summary: 's' });
      runs.push('a', { type: 'done', ok: true });
      return ok;
    });
    await run.result;
    const seen: number[] = [];
    for await (const [index] of run.events(1)) seen.push(index);
    expect(seen).toEqual([1]);
    expect(runs.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(runs.size).toBe(0);
  });

  it('does not keep a refused start, so trying again really tries again', async () => {
    const runs = new ApplyRuns();
    const refused = runs.start('b', () => Promise.reject(new Error('busy')));
    await expect(refused.result).rejects.toThrow('busy');
    await tick();
    expect(runs.size).toBe(0);
    const retried = runs.start('b', async () => ok);
    expect(retried).not.toBe(refused);
    await expect(retried.result).resolves.toEqual(ok);
  });
});
