import { createHash } from 'node:crypto';
import {
  createServer as createHttp,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { ApplyService } from '../apply/apply-service';
import type { PersistService } from '../persist/persist-service';
import { ApplyProgressLogs } from './apply-progress-log';
import { agentRouter, type AgentContext, type CounterSource } from './router';
import { tokenMatches } from './token';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;
// What a caller says about who it is: plain words, no "@" (that separates it from what the agent verified).
const CLAIMED_ACTOR = /^[A-Za-z0-9_.-]{1,64}$/;

export interface AgentServerOptions {
  token: string;
  service: ApplyService;
  counters: CounterSource;
  /** Writing rendered files on the host (persist.*); without it those calls are refused. */
  persist?: PersistService;
  driver: AgentContext['driver'];
  tls?: { cert: string; key: string };
  maxBodyBytes?: number;
}

/**
 * Who the journal says did something: the name the caller gives (an unverified claim: anyone with
 * the token can send any x-patchbay-actor), then "@token:" and the first 8 hex digits of the token's
 * SHA-256, which the agent did verify. So "dashboard@token:1a2b3c4d" reads "said to be the dashboard,
 * holding token 1a2b3c4d", and a forged name can never pass for a verified one.
 */
export function actorOf(claimed: string | string[] | undefined, tokenId: string): string {
  return `${typeof claimed === 'string' && CLAIMED_ACTOR.test(claimed) ? claimed : 'api'}@token:${tokenId}`;
}

export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}

/** The agent's HTTP(S) server: the bearer token is checked before tRPC sees the request. */
export function createAgentServer(options: AgentServerOptions): Server {
  const progress = new ApplyProgressLogs();
  const tokenId = tokenFingerprint(options.token);
  const trpc = createHTTPHandler({
    router: agentRouter,
    maxBodySize: options.maxBodyBytes ?? MAX_BODY_BYTES,
    createContext: ({ req }: { req: IncomingMessage }): AgentContext => {
      return {
        service: options.service,
        counters: options.counters,
        progress,
        ...(options.persist ? { persist: options.persist } : {}),
        driver: options.driver,
        who: actorOf(req.headers['x-patchbay-actor'], tokenId),
      };
    },
  });
  const listener: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (!tokenMatches(options.token, req.headers.authorization)) {
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="patchbay-agent"' });
      res.end(JSON.stringify({ error: 'A valid bearer token is required (Authorization: Bearer <token>).' }));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > (options.maxBodyBytes ?? MAX_BODY_BYTES)) {
      res.writeHead(413, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: `Request bodies are limited to ${options.maxBodyBytes ?? MAX_BODY_BYTES} bytes.` }),
      );
      return;
    }
    trpc(req, res);
  };
  return options.tls
    ? createHttps({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, listener)
    : createHttp(listener);
}
