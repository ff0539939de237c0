import { CSRF_HEADER } from '../../core/wire/csrf-header';

// The login form, the logout button and the session list post to /api/auth/* with the header every
// dashboard write carries (server/auth/csrf.ts checks it), and read back the error and the field it is about.

export interface AuthReply {
  ok: boolean;
  error?: string;
  field?: 'setupCode' | 'password' | 'repeat';
  /** From /api/auth/sessions/revoke: whether this browser's own session was among those ended. */
  endedThisSession?: boolean;
}

export async function postAuth(
  path: '/api/auth/login' | '/api/auth/setup' | '/api/auth/logout' | '/api/auth/sessions/revoke',
  body: object = {},
): Promise<AuthReply> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify(body),
    });
    const reply = (await response.json().catch(() => ({}))) as AuthReply;
    return {
      ...reply,
      ok: response.ok,
      error: response.ok ? undefined : (reply.error ?? `The server answered ${response.status}.`),
    };
  } catch {
    return { ok: false, error: 'The dashboard cannot be reached; is it running?' };
  }
}
