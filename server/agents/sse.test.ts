import { describe, expect, it } from 'vitest';
import { readSse } from './sse';

function bodyOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function all(body: ReadableStream<Uint8Array>) {
  const messages = [];
  for await (const message of readSse(body)) messages.push(message);
  return messages;
}

describe('readSse', () => {
  it("reads tRPC's connected, tracked data, ping and return messages", async () => {
    const messages = await all(
      bodyOf(
        'event: connected\ndata: {"reconnectAfterInactivityMs":0}\n\n\n',
        'data: {"seq":4}\nid: 4\n\n\n',
        'event: ping\ndata: \n\n\n',
        'event: return\ndata: \n\n\n',
      ),
    );
    expect(messages).toEqual([
      { event: 'connected', data: '{"reconnectAfterInactivityMs":0}' },
      { event: 'message', data: '{"seq":4}', id: '4' },
      { event: 'ping', data: '' },
      { event: 'return', data: '' },
    ]);
  });

  it('joins messages split across chunks anywhere, and drops a half message at the end', async () => {
    const messages = await all(bodyOf('da', 'ta: {"a"', ':1}\nid', ': 7\n', '\n', 'data: {"half":'));
    expect(messages).toEqual([{ event: 'message', data: '{"a":1}', id: '7' }]);
  });

  it('ignores comments and joins multi-line data', async () => {
    expect(await all(bodyOf(': keep-alive\n\ndata: one\ndata: two\n\n'))).toEqual([
      { event: 'message', data: 'one\ntwo' },
    ]);
  });
});
