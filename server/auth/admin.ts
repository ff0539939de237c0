import { dataDirectory, sharedDatabase, type Db } from '../storage/database';
import { ensureSetupCode, removeSetupCode } from './auth-files';
import { limiterKey } from './client-address';
import { hashPassword, passwordProblem, verifyPassword, type ScryptCost } from './password';
import { LoginThrottle, type AttemptOutcome } from './rate-limit';
import { SessionStore, sessionStore, type SessionInfo } from './session-store';
import { setupCodeMatches } from './setup-code';

// The one admin account: setting its password the first time (with the setup code), logging in,
// logging out. The route handlers only parse JSON and turn these results into responses.

const PASSWORD_KEY = 'admin_password';

export type AuthField = 'setupCode' | 'password' | 'repeat';
export type AuthResult =
  | { ok: true; token: string }
  | { ok: false; status: 400 | 401 | 409 | 429; error: string; field?: AuthField; retryAfterS?: number };

export interface SetupInput {
  setupCode: string;
  password: string;
  repeat: string;
}

/** Who is logging in: the limiter keys on the address, the session list shows both. */
export interface ClientInfo {
  address: string;
  userAgent: string | null;
}

export interface AdminAuthOptions {
  db: Db;
  dataDir: string;
  throttle?: LoginThrottle;
  sessions?: SessionStore;
  /** scrypt's cost for new passwords; tests make it cheap. */
  cost?: ScryptCost;
  /** Checks a password against the stored hash; tests count the calls. */
  verify?: (password: string, stored: string) => Promise<boolean>;
  now?: () => number;
  log?: (line: string) => void;
}

type Attempt = { outcome: AttemptOutcome; result: AuthResult };
const ALREADY_SET: AuthResult = { ok: false, status: 409, error: 'The admin password is set already: log in with it.' };

export class AdminAuth {
  private readonly db: Db;
  private readonly dataDir: string;
  private readonly throttle: LoginThrottle;
  readonly sessions: SessionStore;
  private readonly verify: (password: string, stored: string) => Promise<boolean>;

  constructor(private readonly options: AdminAuthOptions) {
    ({ db: this.db, dataDir: this.dataDir } = options);
    this.throttle = options.throttle ?? new LoginThrottle({ now: options.now });
    this.sessions = options.sessions ?? new SessionStore(this.db, options.now);
    this.verify = options.verify ?? verifyPassword;
  }

  hasPassword(): boolean {
    return this.storedHash() !== undefined;
  }

  /** The setup code for the first password (written at first need), or null once a password is set. */
  pendingSetupCode(): string | null {
    return this.hasPassword() ? null : ensureSetupCode(this.dataDir, this.options.log);
  }

  session(token: string | undefined): SessionInfo | null {
    return this.sessions.find(token);
  }

  isLoggedIn(token: string | undefined): boolean {
    return this.session(token) !== null;
  }

  setPassword(input: SetupInput, client: ClientInfo): Promise<AuthResult> {
    return this.throttled(client, async () => {
      if (this.hasPassword()) return { outcome: 'neutral', result: ALREADY_SET };
      const expected = ensureSetupCode(this.dataDir, this.options.log);
      if (!setupCodeMatches(expected, input.setupCode)) {
        return {
          outcome: 'failure',
          result: {
            ok: false,
            status: 401,
            field: 'setupCode',
            error: 'Setup code does not match the one in the file setup-code in the data directory.',
          },
        };
      }
      const problem = passwordProblem(input.password);
      if (problem) return { outcome: 'neutral', result: { ok: false, status: 400, field: 'password', error: problem } };
      if (input.repeat !== input.password)
        return {
          outcome: 'neutral',
          result: { ok: false, status: 400, field: 'repeat', error: 'Repeat password must be the same as Password.' },
        };
      const hash = await hashPassword(input.password, this.options.cost);
      // INSERT, not REPLACE: of two people setting it at once, the second is refused.
      const inserted = this.db
        .prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)')
        .run(PASSWORD_KEY, hash);
      if (inserted.changes === 0) return { outcome: 'neutral', result: ALREADY_SET };
      removeSetupCode(this.dataDir);
      return { outcome: 'success', result: this.newSession(client) };
    });
  }

  login(password: string, client: ClientInfo): Promise<AuthResult> {
    return this.throttled(client, async () => {
      const stored = this.storedHash();
      if (stored === undefined)
        return {
          outcome: 'neutral',
          result: { ok: false, status: 409, error: 'No admin password yet: set one first.' },
        };
      if (!(await this.verify(password, stored)))
        return {
          outcome: 'failure',
          result: { ok: false, status: 401, field: 'password', error: 'Password is wrong.' },
        };
      return { outcome: 'success', result: this.newSession(client) };
    });
  }

  /** Ends this browser's session, and only it; false when the token is no live session. */
  logout(token: string | undefined): boolean {
    const session = this.sessions.find(token);
    return session !== null && this.sessions.revoke(session.id);
  }

  private async throttled(client: ClientInfo, check: () => Promise<Attempt>): Promise<AuthResult> {
    const attempt = await this.throttle.attempt(limiterKey(client.address), check);
    if ('result' in attempt) return attempt.result;
    return {
      ok: false,
      status: 429,
      error: attempt.refused.message,
      retryAfterS: Math.ceil(attempt.refused.retryAfterMs / 1000),
    };
  }

  private newSession(client: ClientInfo): AuthResult {
    return {
      ok: true,
      token: this.sessions.create({ userAgent: client.userAgent, clientAddress: client.address }).token,
    };
  }

  private storedHash(): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(PASSWORD_KEY) as
      { value: string } | undefined;
    return row?.value;
  }
}

// Next bundles each route on its own, so module state would be one copy per route: the process
// keeps one AdminAuth (one limiter and one queue: failures at /setup and /login count together).
const shared = globalThis as typeof globalThis & { patchbayAdminAuth?: AdminAuth };

export function adminAuth(): AdminAuth {
  return (shared.patchbayAdminAuth ??= new AdminAuth({
    db: sharedDatabase(),
    dataDir: dataDirectory(),
    sessions: sessionStore(),
  }));
}
