import { describe, expect, it } from 'vitest';
import type { ApplyResult } from '../apply/apply-plan';
import { ApplyProgressLogs } from './apply-progress-log';

const ok: ApplyResult = { ok: true, completed: 0, reverted: [], bindings: {} };
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('ApplyProgressLogs', () => {
  it('replays events to a late watcher and forgets finished applies after a while', async () => {
    const logs = new ApplyProgressLogs(20);
    const log = logs.start('a', async () => {
      logs.push('a', { type: 'step', index: 0, total: 1, summary: 's' });
      logs.push('a', { type: 'done', ok: true });
      return ok;
    });
    await log.result;
    const seen: number[] = [];
    for await (const [index] of log.events(1)) seen.push(index);
    expect(seen).toEqual([1]);
    expect(logs.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(logs.size).toBe(0);
  });

  it('does not keep a refused start, so trying again really tries again', async () => {
    const logs = new ApplyProgressLogs();
    const refused = logs.start('b', () => Promise.reject(new Error('busy')));
    await expect(refused.result).rejects.toThrow('busy');
    await tick();
    expect(logs.size).toBe(0);
    const retried = logs.start('b', async () => ok);
    expect(retried).not.toBe(refused);
    await expect(retried.result).resolves.toEqual(ok);
  });
});
