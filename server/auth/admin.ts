import { dataDirectory, sharedDatabase, type Db } from '../storage/database';
import { ensureSessionSecret, ensureSetupCode, hasValidSession, removeSetupCode, replaceSessionSecret } from './auth-files';
import { hashPassword, passwordProblem, verifyPassword, type ScryptCost } from './password';
import { FailureLimiter, tooManyAttempts } from './rate-limit';
import { signSession } from './session';
import { setupCodeMatches } from './setup-code';

// The one admin account: setting its password the first time (with the setup code), logging in,
// logging out. The route handlers only parse JSON and turn these results into responses.

const PASSWORD_KEY = 'admin_password';

export type AuthField = 'setupCode' | 'password' | 'repeat';
export type AuthResult = { ok: true; token: string } | { ok: false; status: 400 | 401 | 409 | 429; error: string; field?: AuthField; retryAfterS?: number };

export interface SetupInput {
  setupCode: string;
  password: string;
  repeat: string;
}

export interface AdminAuthOptions {
  db: Db;
  dataDir: string;
  limiter: FailureLimiter;
  /** scrypt's cost for new passwords; tests make it cheap. */
  cost?: ScryptCost;
  now?: () => number;
  log?: (line: string) => void;
}

export class AdminAuth {
  private readonly db: Db;
  private readonly dataDir: string;
  private readonly limiter: FailureLimiter;
  private readonly now: () => number;

  constructor(private readonly options: AdminAuthOptions) {
    ({ db: this.db, dataDir: this.dataDir, limiter: this.limiter } = options);
    this.now = options.now ?? Date.now;
  }

  hasPassword(): boolean {
    return this.storedHash() !== undefined;
  }

  /** The setup code for the first password (written at first need), or null once a password is set. */
  pendingSetupCode(): string | null {
    return this.hasPassword() ? null : ensureSetupCode(this.dataDir, this.options.log);
  }

  isLoggedIn(token: string | undefined): boolean {
    return hasValidSession(this.dataDir, token, this.now());
  }

  async setPassword(input: SetupInput): Promise<AuthResult> {
    const limited = this.limited();
    if (limited) return limited;
    if (this.hasPassword()) return { ok: false, status: 409, error: 'The admin password is set already: log in with it.' };
    const expected = ensureSetupCode(this.dataDir, this.options.log);
    if (!setupCodeMatches(expected, input.setupCode)) {
      this.limiter.recordFailure(this.now());
      return { ok: false, status: 401, field: 'setupCode', error: 'Setup code does not match the one in the file setup-code in the data directory.' };
    }
    const problem = passwordProblem(input.password);
    if (problem) return { ok: false, status: 400, field: 'password', error: problem };
    if (input.repeat !== input.password) return { ok: false, status: 400, field: 'repeat', error: 'Repeat password must be the same as Password.' };
    const hash = await hashPassword(input.password, this.options.cost);
    // INSERT, not REPLACE: of two people setting it at once, the second is refused.
    const inserted = this.db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(PASSWORD_KEY, hash);
    if (inserted.changes === 0) return { ok: false, status: 409, error: 'The admin password is set already: log in with it.' };
    removeSetupCode(this.dataDir);
    return { ok: true, token: this.newSession() };
  }

  async login(password: string): Promise<AuthResult> {
    const limited = this.limited();
    if (limited) return limited;
    const stored = this.storedHash();
    if (stored === undefined) return { ok: false, status: 409, error: 'No admin password yet: set one first.' };
    if (!(await verifyPassword(password, stored))) {
      this.limiter.recordFailure(this.now());
      return { ok: false, status: 401, field: 'password', error: 'Password is wrong.' };
    }
    return { ok: true, token: this.newSession() };
  }

  /** Ends every session (there is one admin), so a copied cookie is worthless after logging out. */
  logout(): void {
    replaceSessionSecret(this.dataDir);
  }

  private limited(): AuthResult | null {
    const wait = this.limiter.retryAfterMs(this.now());
    return wait > 0 ? { ok: false, status: 429, error: tooManyAttempts(this.limiter, wait), retryAfterS: Math.ceil(wait / 1000) } : null;
  }

  private newSession(): string {
    return signSession(ensureSessionSecret(this.dataDir), this.now());
  }

  private storedHash(): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(PASSWORD_KEY) as { value: string } | undefined;
    return row?.value;
  }
}

// Next bundles each route on its own, so module state would be one copy per route: the process
// keeps one limiter (failures at /setup and /login count together).
const shared = globalThis as typeof globalThis & { patchbayAdminAuth?: AdminAuth };

export function adminAuth(): AdminAuth {
  return (shared.patchbayAdminAuth ??= new AdminAuth({ db: sharedDatabase(), dataDir: dataDirectory(), limiter: new FailureLimiter() }));
}
