import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { CounterStreamEvent } from '../../core/wire/counters';
import { relayCounters } from './relay';
import { answering, dashboard, fakeServer, TOKEN } from './test-servers';

// An agent URL that points at something that is not a Patchbay agent (issue 14, finding 5): the
// host is reported as such, with a short reason of ours, never the other server's text, and never
// a TypeError from reading a shape that is not there.

const NOT_AN_AGENT =
  /^The server at http:\/\/127\.0\.0\.1:\d+ answered something that is not a Patchbay agent \((.*)\)\.$/;
const SECRET = 'AKIAIOSFODNN7EXAMPLE-secret-from-the-metadata-service';

async function listedProblem(url: string) {
  const { caller } = dashboard();
  await caller.hosts.add({ name: 'suspect', url, token: TOKEN });
  const [host] = await caller.hosts.list();
  return host!;
}

async function stateError(url: string): Promise<Error> {
  const { caller } = dashboard();
  const { id } = await caller.hosts.add({ name: 'suspect', url, token: TOKEN });
  return caller.hosts.state({ id }).then(
    () => {
      throw new Error('hosts.state answered');
    },
    (error: Error) => error,
  );
}

describe('a server that is not a Patchbay agent', () => {
  it('with the wrong type in a field: hosts.list says so and names the field, and stores nothing it said', async () => {
    const { url } = await answering(200, '{"result":{"data":{"hostname":5}}}');
    const host = await listedProblem(url);
    expect(host).toMatchObject({ online: false, lastInfo: null, lastSeen: null });
    expect(host.problem).toMatch(NOT_AN_AGENT);
    expect(host.problem).toMatch(/host\.info: field hostname: expected string, received number/);
  });

  it('with JSON that is not a tRPC answer: hosts.list and hosts.state say so', async () => {
    const { url } = await answering(200, '[]');
    expect((await listedProblem(url)).problem).toMatch(NOT_AN_AGENT);
    const error = await stateError(url);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'BAD_GATEWAY', message: expect.stringMatching(NOT_AN_AGENT) });
  });

  it('with a well-formed answer of the wrong shape: hosts.state refuses it instead of handing the page a state without a topology', async () => {
    const { url } = await answering(200, '{"result":{"data":{"hostname":"gw","osrelease":"14.2-RELEASE"}}}');
    const error = await stateError(url);
    expect(error).toMatchObject({ code: 'BAD_GATEWAY', message: expect.stringMatching(NOT_AN_AGENT) });
    expect(error.message).toMatch(/state\.read: field topology missing/);
  });

  it("never repeats the other server's body: an HTML page, an error page, a plain-text secret", async () => {
    const cases = [
      [200, `<html><body>${SECRET}</body></html>`, 'text/html', /\(not JSON\)/],
      [404, `<h1>Not Found</h1><p>${SECRET}</p>`, 'text/html', /\(HTTP 404, not JSON\)/],
      [500, `{"Code":"Success","SecretAccessKey":"${SECRET}"}`, 'application/json', /\(HTTP 500\)/],
      [200, `{"SecretAccessKey":"${SECRET}"}`, 'application/json', /\(JSON that is not a tRPC answer\)/],
    ] as const;
    for (const [status, body, type, reason] of cases) {
      const { url } = await answering(status, body, type);
      const host = await listedProblem(url);
      expect(host.problem, body).toMatch(NOT_AN_AGENT);
      expect(host.problem, body).toMatch(reason);
      expect(host.problem, body).not.toContain('AKIA');
      const error = await stateError(url);
      expect(error.message, body).toMatch(NOT_AN_AGENT);
      expect(error.message, body).not.toContain('AKIA');
    }
  });

  it("takes a 401 as a token refusal only with the agent's own challenge", async () => {
    const { url } = await answering(401, `{"error":"${SECRET}"}`);
    const host = await listedProblem(url);
    expect(host.problem).toMatch(NOT_AN_AGENT);
    expect(host.problem).not.toContain('AKIA');
  });

  it("passes on an agent-shaped error's message only without control characters, and bounded", async () => {
    const message = `refused\u001b[2J\r\nlog line forged\u202e${'x'.repeat(10_000)}`;
    const { url } = await answering(
      412,
      JSON.stringify({ error: { message, code: -32012, data: { code: 'PRECONDITION_FAILED', httpStatus: 412 } } }),
    );
    const error = await stateError(url);
    expect(error.message).toMatch(/^refused \[2J {2}log line forged x+…$/);
    expect(error.message.length).toBeLessThanOrEqual(2_000);
  });

  it('on the counters stream: an answer that is not an event stream, or events of the wrong shape, say so', async () => {
    const html = await answering(200, `<html>${SECRET}</html>`, 'text/html');
    const wrongEvent = await fakeServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`id: 1\ndata: {"seq":"one","note":"${SECRET}"}\n\n`);
    });
    for (const [url, reason] of [
      [html.url, /counters\.stream: not an event stream/],
      [wrongEvent.url, /counters\.stream event: field seq: expected number, received string/],
    ] as const) {
      const controller = new AbortController();
      const events = relayCounters({ endpoint: () => ({ url, token: TOKEN }), signal: controller.signal, retryMs: 50 });
      const first = (await events.next()).value as CounterStreamEvent;
      controller.abort();
      expect(first).toMatchObject({ type: 'status', online: false });
      const message = first.type === 'status' ? first.message : '';
      expect(message).toMatch(NOT_AN_AGENT);
      expect(message).toMatch(reason);
      expect(message).not.toContain('AKIA');
    }
  });
});
