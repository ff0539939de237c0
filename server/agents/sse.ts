// Server-sent events as tRPC v11 writes them (event/data/id lines, a blank line between messages),
// read from a fetch body. Node 20 has no EventSource, and the agent's token must travel in a header,
// which EventSource cannot send anyway.

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

function parseBlock(block: string): SseMessage | null {
  const message: SseMessage = { event: 'message', data: '' };
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') message.event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') message.id = value;
  }
  if (data.length === 0 && message.event === 'message') return null;
  message.data = data.join('\n');
  return message;
}

/** Yields each complete message of an SSE body; a half-received message at the end is dropped. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: RegExpExecArray | null;
      while ((end = /\r?\n\r?\n/.exec(buffer))) {
        const message = parseBlock(buffer.slice(0, end.index));
        buffer = buffer.slice(end.index + end[0].length);
        if (message) yield message;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
