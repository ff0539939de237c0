import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApplyService } from '../../agent/apply/apply-service';
import { CounterPoller } from '../../agent/counters/poller';
import { createDemoHost } from '../../agent/emulator/demo-host';
import { createDemoFiles } from '../../agent/persist/memory-files';
import { PersistService } from '../../agent/persist/persist-service';
import { createAgentServer } from '../../agent/server/http-server';
import { agentRouter } from '../../agent/server/router';
import { blogNetwork } from '../../core/demo/blog-network';
import { blogWithJail } from '../../core/testing/blog-with-jail';
import { checkCallData, checkStreamMessage } from './agent-answer';
import { CALL_SCHEMAS, STREAM_SCHEMAS, type AgentStreamPath } from './agent-schemas';
import { readSse } from './sse';
import { listen, onCleanup, TOKEN } from './test-servers';

// The answer schemas against the agent itself: every procedure it has is covered, and what a real
// agent answers passes unchanged (nothing dropped, nothing rewritten on the way to the dashboard).

describe('agent answer schemas', () => {
  it('cover every procedure of the agent, and nothing else', () => {
    const procedures = Object.entries(
      agentRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
    );
    const streams = procedures.filter(([, p]) => p._def.type === 'subscription').map(([path]) => path);
    const calls = procedures.filter(([, p]) => p._def.type !== 'subscription').map(([path]) => path);
    expect(Object.keys(CALL_SCHEMAS).sort()).toEqual(calls.sort());
    expect(Object.keys(STREAM_SCHEMAS).sort()).toEqual(streams.sort());
  });

  it("let a real agent's answers through unchanged, for every call the dashboard makes", async () => {
    const executor = createDemoHost();
    const stateDir = mkdtempSync(join(tmpdir(), 'pb-schemas-'));
    const service = new ApplyService({ executor, stateDir });
    onCleanup(() => service.dispose());
    const counters = new CounterPoller({ executor, intervalMs: 1000, autoStart: false });
    const persist = new PersistService({ files: createDemoFiles(), stateDir });
    const url = `http://127.0.0.1:${await listen(createAgentServer({ token: TOKEN, service, counters, persist, driver: 'emulator' }))}`;
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const seen = new Set<string>();

    const passesUnchanged = (path: string, data: unknown) => {
      expect(checkCallData(url, path, data), path).toEqual(data);
      seen.add(path);
      return data as Record<string, unknown>;
    };
    const query = async (path: string, input?: unknown) => {
      const response = await fetch(
        `${url}/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
        { headers },
      );
      return passesUnchanged(path, ((await response.json()) as { result: { data: unknown } }).result.data);
    };
    const mutate = async (path: string, input: unknown) => {
      const response = await fetch(`${url}/${path}`, { method: 'POST', headers, body: JSON.stringify(input) });
      const body = (await response.json()) as { result?: { data: unknown } };
      expect(body.result, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBeDefined();
      return passesUnchanged(path, body.result!.data);
    };
    const stream = async (path: AgentStreamPath, input: unknown, count: number) => {
      const controller = new AbortController();
      const response = await fetch(`${url}/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers,
        signal: controller.signal,
      });
      const messages = [];
      for await (const message of readSse(response.body!)) {
        if (message.event !== 'message') continue;
        const raw = JSON.parse(message.data) as unknown;
        expect(checkStreamMessage(url, path, message).data, path).toEqual(raw);
        messages.push(raw);
        if (messages.length === count) break;
      }
      controller.abort();
      seen.add(path);
      return messages;
    };

    await query('host.info');
    await query('state.read');
    const plan = await mutate('plan.create', { desired: blogWithJail('lab1') });
    await mutate('plan.startApply', { planId: plan.id });
    const events = await stream('plan.applyProgress', { applyId: plan.id }, 2 * (plan.steps as unknown[]).length + 2);
    expect(events.at(-1)).toMatchObject({ type: 'result', result: { ok: true } });
    expect((await query('state.read')).awaitingConfirmation).toMatchObject({ id: plan.id });
    await mutate('plan.confirm', { applyId: plan.id });
    expect(await query('journal.list', { limit: 10 })).toHaveLength(1);
    expect(await query('state.recovery')).toEqual({ interrupted: null, interruptedApply: null, lastRecovery: null });
    const preview = await mutate('persist.preview', { topology: blogNetwork() });
    await mutate('persist.write', { id: preview.id, allowConflicts: true });
    await counters.tickOnce();
    await counters.tickOnce();
    await stream('counters.stream', {}, 2);
    // journal.recover answers only after a crash in the middle of an apply: its schema is checked on a made-up answer.
    passesUnchanged('journal.recover', {
      ok: false,
      considered: 2,
      undone: 1,
      notOnHost: 0,
      failures: [
        {
          index: 0,
          summary: 'Create an epair',
          reason: 'its inverse failed: ifconfig: interface epair0a does not exist',
        },
      ],
      matchesPreApplyState: false,
      differences: ['host/epair0a is on the host but was not before'],
      detail: '1 of 2 inverse(s) failed: …',
    });
    passesUnchanged('journal.dismiss', { id: 'c0ffee00-0000-4000-8000-000000000000' });

    expect([...seen].sort()).toEqual([...Object.keys(CALL_SCHEMAS), ...Object.keys(STREAM_SCHEMAS)].sort());
  });
});
