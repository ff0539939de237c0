import type { z } from 'zod';
import type { AuthResult } from './admin';
import { isHttps, sessionCookie } from './session';

// The little the auth route handlers share: read a JSON body against a schema, and answer with the
// result of a login or setup (the session cookie on success, the error and its field otherwise).

export async function readJsonBody<T>(request: Request, schema: z.ZodType<T>, expected: string): Promise<{ ok: true; body: T } | { ok: false; response: Response }> {
  const parsed = schema.safeParse(await request.json().catch(() => undefined));
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, response: Response.json({ error: `Send JSON of the form ${expected}.` }, { status: 400 }) };
}

export function authResponse(result: AuthResult, request: Request): Response {
  if (!result.ok) {
    const headers = result.retryAfterS ? { 'Retry-After': String(result.retryAfterS) } : undefined;
    return Response.json({ error: result.error, field: result.field }, { status: result.status, headers });
  }
  return Response.json({ ok: true }, { headers: { 'Set-Cookie': sessionCookie(result.token, { secure: secureRequest(request) }) } });
}

export function secureRequest(request: Request): boolean {
  return isHttps(request.url, request.headers.get('x-forwarded-proto'));
}
