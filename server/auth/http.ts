import type { z } from 'zod';
import type { AuthResult, ClientInfo } from './admin';
import { clientAddress } from './client-address';
import { cookieValue, isHttps, sessionCookie } from './session';

// The little the auth route handlers share: read a JSON body against a schema, say who is asking,
// and answer with the result of a login or setup (the session cookie on success, the error and its
// field otherwise).

export async function readJsonBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  expected: string,
): Promise<{ ok: true; body: T } | { ok: false; response: Response }> {
  const parsed = schema.safeParse(await request.json().catch(() => undefined));
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, response: Response.json({ error: `Send JSON of the form ${expected}.` }, { status: 400 }) };
}

/** The client's address and browser; a misconfigured PATCHBAY_TRUSTED_PROXIES is a 500 naming it. */
export function requestClient(
  request: Request,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { ok: true; client: ClientInfo } | { ok: false; response: Response } {
  const address = clientAddress(request.headers, env);
  if (!address.ok) return { ok: false, response: Response.json({ error: address.error }, { status: 500 }) };
  return { ok: true, client: { address: address.address, userAgent: request.headers.get('user-agent') } };
}

export function sessionToken(request: Request): string | undefined {
  return cookieValue(request.headers.get('cookie'));
}

export function authResponse(result: AuthResult, request: Request): Response {
  if (!result.ok) {
    const headers = result.retryAfterS ? { 'Retry-After': String(result.retryAfterS) } : undefined;
    return Response.json({ error: result.error, field: result.field }, { status: result.status, headers });
  }
  return Response.json(
    { ok: true },
    { headers: { 'Set-Cookie': sessionCookie(result.token, { secure: secureRequest(request) }) } },
  );
}

/** 401 for the endpoints that act on this browser's own session. */
export function noSessionResponse(what: string): Response {
  return Response.json(
    { error: `${what} needs a session: this browser is not logged in (log in at /login).` },
    { status: 401 },
  );
}

/** The Set-Cookie that removes this browser's session cookie. */
export function clearedCookie(request: Request): Record<string, string> {
  return { 'Set-Cookie': sessionCookie(null, { secure: secureRequest(request) }) };
}

export function secureRequest(request: Request): boolean {
  return isHttps(request.url, request.headers.get('x-forwarded-proto'));
}
