import { z } from 'zod';
import { AgentCallFailed, agentRefusal, NotAPatchbayAgent, safeText } from './agent-errors';
import { CALL_SCHEMAS, STREAM_SCHEMAS, type AgentStreamEvents, type AgentStreamPath } from './agent-schemas';

// Reading what came back from an agent's URL. Only an answer shaped like a Patchbay agent's goes
// further; anything else becomes NotAPatchbayAgent with a short reason of our own (an HTTP status,
// "not JSON", the field that is wrong), never the other server's text, which could be anything
// from a login page to a cloud credential.

/** A state read of a large host is a few MB; far more is not an agent. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
/** An error answer to a stream request is a short tRPC error. */
const MAX_ERROR_BYTES = 64 * 1024;

const TrpcError = z.object({
  error: z.object({
    message: z.string(),
    code: z.number().int(),
    data: z.looseObject({ code: z.string().regex(/^[A-Z_]{1,40}$/), httpStatus: z.number().int() }),
  }),
});
const TrpcResult = z.object({ result: z.looseObject({}) });
const EventId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export function tokenRefused(url: string): AgentCallFailed {
  return new AgentCallFailed(
    `The agent at ${safeText(url, 200)} refused the token (401). Check the token on the hosts page.`,
    true,
  );
}

/** A 401 is the agent's only if it carries the agent's challenge; another server's 401 is not about our token. */
function refusal401(url: string, response: Response): AgentCallFailed {
  void response.body?.cancel().catch(() => {});
  return /realm="patchbay-agent"/.test(response.headers.get('www-authenticate') ?? '')
    ? tokenRefused(url)
    : new NotAPatchbayAgent(url, "HTTP 401 without the agent's challenge");
}

async function readBounded(url: string, response: Response, max: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw new NotAPatchbayAgent(url, `an answer over ${Math.round(max / 1024 / 1024) || 1} MB`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** "field interfaces[0].name: expected string, received number", in words of ours. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'an unexpected shape';
  // Keys come from the answer: show only ones that look like our own field names.
  const path = issue.path
    .map((key) =>
      typeof key === 'number'
        ? `[${key}]`
        : typeof key === 'string' && /^[A-Za-z_][A-Za-z0-9_-]{0,40}$/.test(key)
          ? `.${key}`
          : '[…]',
    )
    .join('')
    .replace(/^\./, '');
  const where = path ? `field ${path}` : 'the answer';
  if (issue.code === 'unrecognized_keys') return `${where} has fields a Patchbay agent does not send`;
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return `${where} missing`;
  return `${where}: ${issue.message.replace(/^Invalid input: /, '')}`;
}

/**
 * An answer to a query or mutation, checked as HTTP and as a tRPC envelope; handed back as a fresh
 * Response for the tRPC client to read. The data inside is checked per path by `checkCallData`.
 */
export async function checkCallAnswer(url: string, response: Response, max = MAX_ANSWER_BYTES): Promise<Response> {
  if (response.status === 401) throw refusal401(url, response);
  const text = await readBounded(url, response, max);
  const json = parseJson(text);
  if (!json.ok) throw new NotAPatchbayAgent(url, response.ok ? 'not JSON' : `HTTP ${response.status}, not JSON`);
  const isError = TrpcError.safeParse(json.value).success;
  if (!isError && !(response.ok && TrpcResult.safeParse(json.value).success))
    throw new NotAPatchbayAgent(url, response.ok ? 'JSON that is not a tRPC answer' : `HTTP ${response.status}`);
  return new Response(text, { status: response.status, headers: { 'content-type': 'application/json' } });
}

/** The data of an answer to `path`, checked against its schema; returns the checked value. */
export function checkCallData(url: string, path: string, data: unknown): unknown {
  const schema = CALL_SCHEMAS[path];
  if (!schema)
    throw new AgentCallFailed(
      `The dashboard has no answer schema for the agent call ${path} (server/agents/agent-schemas.ts), so it does not use its answer.`,
      true,
    );
  const checked = schema.safeParse(data);
  if (!checked.success) throw new NotAPatchbayAgent(url, `${path}: ${describeIssue(checked.error)}`);
  return checked.data;
}

/** The body of an answer to a subscription request, once it is known to be the agent's event stream. */
export async function checkStreamAnswer(
  url: string,
  path: string,
  response: Response,
): Promise<ReadableStream<Uint8Array>> {
  if (response.status === 401) throw refusal401(url, response);
  if (!response.ok) {
    const json = parseJson(await readBounded(url, response, MAX_ERROR_BYTES));
    const error = json.ok ? TrpcError.safeParse(json.value) : undefined;
    if (error?.success) throw agentRefusal(error.data.error.message);
    throw new NotAPatchbayAgent(url, `HTTP ${response.status} to ${path}`);
  }
  if (!response.body || !/^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '')) {
    void response.body?.cancel().catch(() => {});
    throw new NotAPatchbayAgent(url, `${path}: not an event stream`);
  }
  return response.body;
}

const SerializedError = z.object({ message: z.string() });

/** An error the agent reported inside its stream. */
export function streamError(url: string, path: string, data: string): AgentCallFailed {
  const json = parseJson(data);
  const error = json.ok ? SerializedError.safeParse(json.value) : undefined;
  return error?.success
    ? agentRefusal(error.data.message)
    : new NotAPatchbayAgent(url, `${path}: an error event that is not the agent's`);
}

/** One data message of a stream, its id and its checked data. */
export function checkStreamMessage<P extends AgentStreamPath>(
  url: string,
  path: P,
  message: { id?: string | undefined; data: string },
  schema: z.ZodType<AgentStreamEvents[P]> = STREAM_SCHEMAS[path],
): { id: string | undefined; data: AgentStreamEvents[P] } {
  const id = message.id || undefined;
  if (id !== undefined && !EventId.safeParse(id).success)
    throw new NotAPatchbayAgent(url, `${path}: an event id a Patchbay agent does not send`);
  const json = parseJson(message.data);
  if (!json.ok) throw new NotAPatchbayAgent(url, `${path}: an event that is not JSON`);
  const checked = schema.safeParse(json.value);
  if (!checked.success) throw new NotAPatchbayAgent(url, `${path} event: ${describeIssue(checked.error)}`);
  return { id, data: checked.data };
}
