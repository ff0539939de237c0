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

/** Nothing at all, not even a keep-alive comment, arrived for `idleMs`: the other end is gone or hung. */
export class SseIdle extends Error {
  constructor(idleMs: number) {
    super(`nothing arrived for ${Math.round(idleMs / 1000)} s`);
    this.name = 'SseIdle';
  }
}

/** An agent's largest event is an apply result; a stream that never ends a message must not fill memory. */
const MAX_SSE_MESSAGE_BYTES = 8 * 1024 * 1024;

/**
 * Yields each complete message of an SSE body; a half-received message at the end is dropped. With
 * `idleMs`, a body that sends no byte for that long (tRPC's pings are bytes too) throws SseIdle: a
 * connection whose far end vanished without closing it (a host that hung, a cable pulled, a NAT that
 * forgot it) otherwise stays open for ever, and a watcher waits on it for ever.
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  maxMessageBytes = MAX_SSE_MESSAGE_BYTES,
  idleMs?: number,
): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await (idleMs === undefined ? reader.read() : readWithin(reader, idleMs));
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

async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new SseIdle(idleMs));
      // Then settles the pending read (done), so releasing the lock leaves nothing dangling; after
      // the rejection, so the race is already lost by the read.
      void reader.cancel().catch(() => {});
    }, idleMs);
  });
  try {
    return await Promise.race([reader.read(), idle]);
  } finally {
    clearTimeout(timer);
  }
}
