import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';

// Neither Next's proxy nor its route handlers see the socket's remote address: NextRequest has no
// `ip` since Next 15, and the X-Forwarded-For that Next fills in from the socket is kept as the
// client sent it when there is one, so anyone could name any address. Node publishes every incoming
// request on the `http.server.request.start` channel, with its socket, before the server's
// 'request' handler (Next) sees it; there we overwrite our own header with the socket's address.
//
// The header carries a random per-process stamp, so a server where this never ran (a different
// launcher that does not load next.config.mjs) cannot be fooled by a client sending the header:
// without the stamp on globalThis, client-address.ts ignores it.

export const CLIENT_ADDRESS_HEADER = 'x-patchbay-client-address';
export const STAMP_KEY = Symbol.for('patchbay.clientAddressStamp');

/**
 * Starts stamping requests of every HTTP server in this process; a second call does nothing.
 * @returns {string} the process's stamp
 */
export function stampClientAddresses() {
  const shared = /** @type {Record<symbol, string | undefined>} */ (/** @type {unknown} */ (globalThis));
  const existing = shared[STAMP_KEY];
  if (existing) return existing;
  const stamp = randomBytes(16).toString('hex');
  shared[STAMP_KEY] = stamp;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } =
      /** @type {{ request: import('node:http').IncomingMessage; socket: import('node:net').Socket }} */ (message);
    request.headers[CLIENT_ADDRESS_HEADER] = `${stamp} ${socket.remoteAddress ?? 'unknown'}`;
  });
  return stamp;
}
