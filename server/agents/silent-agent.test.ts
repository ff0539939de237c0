import { describe, expect, it } from 'vitest';
import { AgentCallFailed, subscribeAgent } from './agent-client';
import { readSse, SseIdle } from './sse';
import { dashboard, fakeServer, TOKEN } from './test-servers';

// An agent that stops talking without closing the connection (a host that hung, a cable pulled, a
// NAT that forgot the flow): its stream must end with a message saying so, not wait for ever.

/** An SSE body that sends `chunks` (each after `everyMs`) and then nothing, never closing. */
function trickle(chunks: string[], everyMs = 0): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new ReadableStream({
    start(controller) {
      const send = (i: number) => {
        if (i >= chunks.length) return;
        controller.enqueue(encoder.encode(chunks[i]));
        timer = setTimeout(() => send(i + 1), everyMs);
      };
      send(0);
    },
    cancel() {
      clearTimeout(timer);
    },
  });
}

describe('readSse with an idle limit', () => {
  it('yields what came, then throws SseIdle once nothing arrives for the limit', async () => {
    const got: string[] = [];
    const started = Date.now();
    const reading = (async () => {
      for await (const message of readSse(trickle(['data: {"seq":1}\nid: 1\n\n']), undefined, 150))
        got.push(message.data);
    })();
    await expect(reading).rejects.toBeInstanceOf(SseIdle);
    expect(got).toEqual(['{"seq":1}']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('counts keep-alive comments and pings as life: a quiet stream that pings is never idle', async () => {
    const pings = Array.from({ length: 12 }, (_, i) => (i % 2 ? ': keep-alive\n\n' : 'event: ping\ndata: \n\n'));
    const body = trickle([...pings, 'event: return\ndata: \n\n'], 60);
    const events: string[] = [];
    for await (const message of readSse(body, undefined, 400)) {
      events.push(message.event);
      if (message.event === 'return') break;
    }
    // Twelve chunks 60 ms apart take about 720 ms, well past the limit.
    expect(events).toEqual([...Array(6).fill('ping'), 'return']);
  });
});

describe('an agent stream that goes silent', () => {
  it('ends subscribeAgent with a message naming the agent, the stream and the silence', async () => {
    const silent = await fakeServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: connected\ndata: {}\n\n');
    });
    const controller = new AbortController();
    const stream = subscribeAgent(
      { url: silent.url, token: TOKEN },
      'plan.applyProgress',
      { applyId: '00000000-0000-4000-8000-000000000000' },
      controller.signal,
      undefined,
      200,
    );
    const failure = await stream.next().then(
      () => new Error('the stream yielded'),
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AgentCallFailed);
    expect((failure as Error).message).toMatch(
      /^The agent at http:\/\/127\.0\.0\.1:\d+ sent nothing on the plan\.applyProgress stream for 0 s, not even the keep-alive/,
    );
  });

  it("reaches the browser from hosts.applyProgress as the agent's failure (502), not as an internal error", async () => {
    // An agent that closes the progress stream half-way: the same path a silent one takes.
    const closing = await fakeServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('event: connected\ndata: {}\n\n');
    });
    const { caller } = dashboard();
    const { id } = await caller.hosts.add({ name: 'closing', url: closing.url, token: TOKEN });
    const progress = await caller.hosts.applyProgress({ id, applyId: '00000000-0000-4000-8000-000000000000' });
    const failure = await (async () => {
      try {
        for await (const event of progress) void event;
      } catch (error) {
        return error;
      }
      return new Error('the stream ended without an error');
    })();
    expect(failure).toMatchObject({
      code: 'BAD_GATEWAY',
      message: expect.stringMatching(/closed the plan\.applyProgress stream/),
    });
  });
});
