import { createHash, randomBytes } from 'node:crypto';
import { sharedDatabase, type Db } from '../storage/database';
import { SESSION_LIFETIME_MS } from './session';

// Sessions live in the dashboard's SQLite file, so each can be listed and ended on its own. The
// browser holds a random 256-bit token; the table holds only its SHA-256 (a stolen database file
// logs nobody in; the token is random, so no slow hash is needed). The proxy checks a session with
// one lookup on the token hash's unique index.

export interface SessionInfo {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  userAgent: string;
  clientAddress: string;
}

/** last_seen is written at most this often per session, so browsing is not a write per request. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;
/** Live sessions kept at most; a login beyond that ends the least recently seen. */
export const MAX_SESSIONS = 100;
const TOKEN_PATTERN = /^[\w-]{43}$/;
const USER_AGENT_MAX = 300;

// Our own numbered migrations (database.ts's list belongs to the storage code), their progress kept
// in the settings table under this key.
const SCHEMA_KEY = 'sessions_schema_version';
const MIGRATIONS = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL,
     last_seen_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     user_agent TEXT NOT NULL,
     client_address TEXT NOT NULL
   );`,
];

const migrated = new WeakSet<Db>();

export function migrateSessions(db: Db): void {
  if (migrated.has(db)) return;
  db.transaction(() => {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SCHEMA_KEY) as { value: string } | undefined;
    for (let i = Number(row?.value ?? 0); i < MIGRATIONS.length; i++) db.exec(MIGRATIONS[i]!);
    db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SCHEMA_KEY, String(MIGRATIONS.length));
  }).immediate();
  migrated.add(db);
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface Row {
  id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  user_agent: string;
  client_address: string;
}
const toInfo = (row: Row): SessionInfo => ({
  id: row.id,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
  userAgent: row.user_agent,
  clientAddress: row.client_address,
});

export class SessionStore {
  // Prepared once: the proxy runs this lookup on every request.
  private readonly byTokenHash;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    private readonly lifetimeMs = SESSION_LIFETIME_MS,
  ) {
    migrateSessions(db);
    this.byTokenHash = db.prepare('SELECT * FROM sessions WHERE token_hash = ?');
  }

  create(client: { userAgent: string | null; clientAddress: string }): {
    id: string;
    token: string;
    expiresAt: number;
  } {
    const now = this.now();
    const id = randomBytes(12).toString('base64url');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.lifetimeMs;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
      this.db
        .prepare(
          'INSERT INTO sessions (id, token_hash, created_at, last_seen_at, expires_at, user_agent, client_address) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          id,
          hashToken(token),
          now,
          now,
          expiresAt,
          (client.userAgent ?? '').slice(0, USER_AGENT_MAX),
          client.clientAddress,
        );
      this.db
        .prepare(
          'DELETE FROM sessions WHERE id NOT IN (SELECT id FROM sessions ORDER BY last_seen_at DESC, created_at DESC LIMIT ?)',
        )
        .run(MAX_SESSIONS);
    })();
    return { id, token, expiresAt };
  }

  /** The live session this token belongs to (last seen updated), or null. */
  find(token: string | undefined): SessionInfo | null {
    if (!token || !TOKEN_PATTERN.test(token)) return null;
    const row = this.byTokenHash.get(hashToken(token)) as Row | undefined;
    const now = this.now();
    if (!row || row.expires_at <= now) return null;
    if (now - row.last_seen_at >= LAST_SEEN_RESOLUTION_MS) {
      this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(now, row.id);
      row.last_seen_at = now;
    }
    return toInfo(row);
  }

  isValid(token: string | undefined): boolean {
    return this.find(token) !== null;
  }

  /** Live sessions, the most recently seen first. */
  list(): SessionInfo[] {
    const rows = this.db
      .prepare('SELECT * FROM sessions WHERE expires_at > ? ORDER BY last_seen_at DESC, created_at DESC')
      .all(this.now()) as Row[];
    return rows.map(toInfo);
  }

  /** Ends one session; false when there was none with this id. */
  revoke(id: string): boolean {
    return this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
  }

  /** Ends every session; how many were live. */
  revokeAll(): number {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(this.now());
      return this.db.prepare('DELETE FROM sessions').run().changes;
    })();
  }
}

// One store per process on the shared database (Next bundles the proxy and each route apart).
const shared = globalThis as typeof globalThis & { patchbaySessionStore?: SessionStore };

export function sessionStore(): SessionStore {
  return (shared.patchbaySessionStore ??= new SessionStore(sharedDatabase()));
}
