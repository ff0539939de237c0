// Server-sent events as tRPC v11 writes them (event/data/id lines, a blank line between messages),
// read from a fetch body. Node 20 has no EventSource, and the agent's token must travel in a header,
// which EventSource cannot send anyway.

interface SseMessage {
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

/** A message grew past the limit without ending: whatever sends it, it is not an agent's event. */
export class SseMessageTooLarge extends Error {
  constructor(limit: number) {
    super(`an event over ${Math.round(limit / 1024 / 1024) || 1} MB`);
    this.name = 'SseMessageTooLarge';
  }
}

/** An agent's largest event is an apply result; a stream that never ends a message must not fill memory. */
const MAX_SSE_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Yields each complete message of an SSE body; a half-received message at the end is dropped. */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  maxMessageBytes = MAX_SSE_MESSAGE_BYTES,
): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      // Look for a blank line only in what is new (and the four characters before it, which may
      // start one), so a long message costs one pass, not one per chunk.
      const scanned = Math.max(0, buffer.length - 4);
      buffer += decoder.decode(value, { stream: true });
      const boundary = /\r?\n\r?\n/g;
      boundary.lastIndex = scanned;
      let end: RegExpExecArray | null;
      while ((end = boundary.exec(buffer))) {
        const message = parseBlock(buffer.slice(0, end.index));
        buffer = buffer.slice(end.index + end[0].length);
        boundary.lastIndex = 0;
        if (message) yield message;
      }
      if (buffer.length > maxMessageBytes) throw new SseMessageTooLarge(maxMessageBytes);
    }
  } finally {
    reader.releaseLock();
  }
}
