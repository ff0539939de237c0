import { lookup } from 'node:dns/promises';
import { request, type IncomingMessage } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { addressRefusal, checkAgentUrl, isLoopback, type CheckedAgentUrl } from './agent-address';
import { AgentCallFailed, NotAPatchbayAgent, safeText } from './agent-errors';

// The one way the dashboard's server talks to an agent: a fetch-compatible function over node:net,
// node:tls and node:http, because the global fetch can neither pin a certificate nor say which
// address to connect to. The connection is opened and checked before the request exists, so the
// token is written only to a socket whose address passed the rules (agent-address.ts) and whose
// certificate passed CA verification, or matched the pinned fingerprint exactly:
//   1. the URL's own rules, again at call time (rows may predate them, configuration may change);
//   2. one DNS lookup, every answer checked, then a connection to one of exactly those addresses
//      (no second lookup, so DNS rebinding cannot switch the address after the check);
//   3. TLS: normal CA and hostname verification, or, with a pinned fingerprint, an exact match of
//      the leaf certificate's SHA-256 instead.

interface AgentTarget {
  url: string;
  /** The admin allowed plain http to this (non-loopback) agent. */
  allowHttp?: boolean;
  /** Pinned SHA-256 of the agent's leaf certificate ("AB:CD:…"); replaces CA verification. */
  fingerprint?: string | null;
}

interface TransportOptions {
  env?: Readonly<Record<string, string | undefined>>;
  connectTimeoutMs?: number;
}

type AgentFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const SELF_SIGNED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);
const PIN_HINT = 'openssl x509 -in <agent certificate> -noout -fingerprint -sha256';

const codeOf = (error: unknown): string =>
  safeText(String((error as { code?: unknown })?.code ?? (error as Error)?.message ?? error), 80);

/** The agent did not answer; the code says how (ECONNREFUSED, ETIMEDOUT, ENOTFOUND…). */
export function unreachable(url: string, error: unknown): AgentCallFailed {
  return new AgentCallFailed(`The agent at ${safeText(url, 200)} did not answer (${codeOf(error)}).`, false);
}

function tlsFailure(rawUrl: string, hostname: string, error: unknown): AgentCallFailed {
  const url = safeText(rawUrl, 200);
  const code = codeOf(error);
  if (SELF_SIGNED.has(code))
    return new AgentCallFailed(
      `The agent at ${url} presented a certificate that no trusted authority signed (${code}), such as a self-signed one; nothing was sent. To trust the agent's own certificate, add the host with its SHA-256 fingerprint pinned (${PIN_HINT}).`,
      true,
    );
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new AgentCallFailed(
      `The agent at ${url} presented a certificate that is not for ${hostname}; nothing was sent.`,
      true,
    );
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return new AgentCallFailed(
      `The agent at ${url} presented a certificate outside its validity dates (${code}); nothing was sent.`,
      true,
    );
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG')
    return new AgentCallFailed(
      `The server at ${url} does not speak TLS on that port (${code}); nothing was sent. Is it an http:// agent?`,
      true,
    );
  return unreachable(url, error);
}

/** Every address the name stands for, each allowed, from one lookup. */
async function checkedAddresses(
  checked: CheckedAgentUrl,
  rawUrl: string,
  env: TransportOptions['env'],
): Promise<string[]> {
  const url = safeText(rawUrl, 200);
  let addresses: string[];
  if (checked.literal) addresses = [checked.literal];
  else {
    try {
      addresses = (await lookup(checked.hostname, { all: true, verbatim: true })).map((found) => found.address);
    } catch (error) {
      throw unreachable(url, error);
    }
  }
  for (const address of addresses) {
    const refusal = addressRefusal(address, env);
    if (refusal)
      throw new AgentCallFailed(
        `Patchbay will not call the agent at ${url}: ${checked.hostname} resolves to ${address}, which is ${refusal}. Nothing was sent.`,
        false,
      );
    if (checked.loopbackOnly && !isLoopback(address))
      throw new AgentCallFailed(
        `Patchbay will not call the agent at ${url} over plain http: ${checked.hostname} resolves to ${address}, which is not this machine. Use https, or allow plain http for this host. Nothing was sent.`,
        false,
      );
  }
  return addresses;
}

/** Settles once `socket` emits `ready`, failing on error, abort or timeout (destroying the socket). */
function settle<S extends Socket>(
  socket: S,
  ready: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  check: (socket: S) => Error | null = () => null,
): Promise<S> {
  return new Promise<S>((resolve, reject) => {
    const done = (error: unknown) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeListener('error', done);
      socket.removeListener(ready, onReady);
      if (error) {
        socket.destroy();
        reject(error);
      } else resolve(socket);
    };
    const onReady = () => done(check(socket));
    const onAbort = () => done(signal!.reason);
    const timer = setTimeout(
      () => done(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', done);
    socket.once(ready, onReady);
  });
}

/** A connected socket to the agent, TLS verified (or pinned) when https; nothing written to it yet. */
async function openSocket(
  target: AgentTarget,
  checked: CheckedAgentUrl,
  options: TransportOptions,
  signal: AbortSignal | undefined,
): Promise<Socket> {
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  const addresses = await checkedAddresses(checked, target.url, options.env);
  const port = Number(checked.parsed.port || (checked.parsed.protocol === 'https:' ? 443 : 80));
  let tcp: Socket | undefined;
  let lastError: unknown;
  // `localhost` may give ::1 first while the agent listens on 127.0.0.1 only: try each in turn.
  for (const address of addresses) {
    try {
      tcp = await settle(tcpConnect({ host: address, port }), 'connect', timeoutMs, signal);
      break;
    } catch (error) {
      if (signal?.aborted) throw error;
      lastError = error;
    }
  }
  if (!tcp) throw unreachable(target.url, lastError);
  if (checked.parsed.protocol === 'http:') return tcp;
  // From here the TLS socket reports errors; one that surfaces on the wrapped socket must not go unheard.
  tcp.on('error', () => {});

  const pinned = target.fingerprint ?? null;
  const tls = tlsConnect({
    socket: tcp,
    host: checked.hostname,
    ...(checked.literal ? {} : { servername: checked.hostname }),
    // With a pin, the exact certificate is the trust: no CA signed a self-signed agent certificate.
    rejectUnauthorized: pinned === null,
    minVersion: 'TLSv1.2',
    ALPNProtocols: ['http/1.1'],
  });
  const matchesPin = (socket: typeof tls) => {
    const presented = socket.getPeerCertificate().fingerprint256 ?? '(none)';
    if (pinned === null || presented === pinned) return null;
    return new AgentCallFailed(
      `The agent at ${safeText(target.url, 200)} presented a certificate with SHA-256 fingerprint ${presented}, but the fingerprint pinned for this host is ${pinned}; nothing was sent. If the agent's certificate was replaced on purpose, remove the host and add it again with the new fingerprint.`,
      true,
    );
  };
  try {
    return await settle(tls, 'secureConnect', timeoutMs, signal, matchesPin);
  } catch (error) {
    if (error instanceof AgentCallFailed || signal?.aborted) throw error;
    throw tlsFailure(target.url, checked.hostname, error);
  }
}

function responseHeaders(raw: NodeJS.Dict<string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw))
    for (const one of value === undefined ? [] : [value].flat()) headers.append(name, one);
  return headers;
}

/** Sends one request on an opened socket and resolves with its response, body still streaming. */
function send(socket: Socket, target: AgentTarget, url: URL, init: RequestInit): Promise<Response> {
  const body = init.body ?? undefined;
  if (body !== undefined && typeof body !== 'string')
    return Promise.reject(new TypeError('agent requests carry JSON text bodies only'));
  const headers: Record<string, string | number> = {
    ...Object.fromEntries(new Headers(init.headers).entries()),
    host: url.host,
  };
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  return new Promise<Response>((resolve, reject) => {
    const req = request({
      createConnection: () => socket,
      method: init.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      headers,
    });
    const signal = init.signal ?? undefined;
    let res: IncomingMessage | undefined;
    // Aborting ends the request, and the answer's body if it started (an SSE stream the watcher left).
    const onAbort = () => {
      res?.destroy(signal!.reason);
      req.destroy(signal!.reason);
    };
    // One listener per request, removed when it is over: a long-lived signal sees many retries.
    const forget = () => signal?.removeEventListener('abort', onAbort);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('error', (error) => {
      forget();
      if (signal?.aborted) reject(signal.reason);
      else if (String((error as { code?: string }).code).startsWith('HPE_'))
        reject(new NotAPatchbayAgent(target.url, 'not HTTP'));
      else reject(unreachable(target.url, error));
    });
    req.once('response', (answer) => {
      res = answer;
      answer.once('close', forget);
      const status = answer.statusCode ?? 0;
      if (status < 200 || status > 599) {
        answer.destroy();
        return reject(new NotAPatchbayAgent(target.url, `HTTP status ${status}`));
      }
      try {
        const nullBody = status === 204 || status === 205 || status === 304;
        resolve(
          new Response(nullBody ? null : (Readable.toWeb(answer) as ReadableStream<Uint8Array>), {
            status,
            headers: responseHeaders(answer.headers),
          }),
        );
      } catch {
        answer.destroy();
        reject(new NotAPatchbayAgent(target.url, 'malformed HTTP headers'));
      }
    });
    req.end(body);
  });
}

/** A fetch for one agent: every request goes through the checks above, on a fresh connection. */
export function agentFetch(target: AgentTarget, options: TransportOptions = {}): AgentFetch {
  return async (input, init = {}) => {
    const check = checkAgentUrl(target.url, {
      allowHttp: target.allowHttp ?? false,
      ...(options.env ? { env: options.env } : {}),
    });
    if (!check.ok)
      throw new AgentCallFailed(
        `Patchbay will not call the agent at ${safeText(target.url, 200)}: ${check.problem}. Nothing was sent.`,
        false,
      );
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    // The token goes to the checked origin only, whatever path a caller builds.
    if (url.origin !== check.checked.parsed.origin)
      throw new Error(`agent request to ${url.origin} outside ${check.checked.parsed.origin}`);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const socket = await openSocket(target, check.checked, options, signal);
    return send(socket, target, url, init);
  };
}
