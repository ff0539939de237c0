import { createServer as createHttp, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { ApplyService } from '../apply/apply-service';
import type { PersistService } from '../persist/persist-service';
import { ApplyRuns } from './apply-runs';
import { agentRouter, type AgentContext, type CounterSource } from './router';
import { tokenMatches } from './token';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;
const ACTOR = /^[A-Za-z0-9_.@-]{1,64}$/;

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

/** The agent's HTTP(S) server: the bearer token is checked before tRPC sees the request. */
export function createAgentServer(options: AgentServerOptions): Server {
  const runs = new ApplyRuns();
  const trpc = createHTTPHandler({
    router: agentRouter,
    maxBodySize: options.maxBodyBytes ?? MAX_BODY_BYTES,
    createContext: ({ req }: { req: IncomingMessage }): AgentContext => {
      const actor = req.headers['x-patchbay-actor'];
      return { service: options.service, counters: options.counters, runs, ...(options.persist ? { persist: options.persist } : {}), driver: options.driver, who: typeof actor === 'string' && ACTOR.test(actor) ? actor : 'api' };
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
      res.end(JSON.stringify({ error: `Request bodies are limited to ${options.maxBodyBytes ?? MAX_BODY_BYTES} bytes.` }));
      return;
    }
    trpc(req, res);
  };
  return options.tls ? createHttps({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, listener) : createHttp(listener);
}
