import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The dashboard's own storage: one SQLite file under the data directory, created on first start.
// Migrations are numbered and run in order inside a transaction; the file records how far it got.

const MIGRATIONS: string[] = [
  `CREATE TABLE designs (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE design_versions (
     design_id TEXT NOT NULL REFERENCES designs(id) ON DELETE CASCADE,
     version INTEGER NOT NULL,
     topology TEXT NOT NULL,
     note TEXT,
     created_at TEXT NOT NULL,
     PRIMARY KEY (design_id, version)
   );`,
  // Agents the dashboard talks to. The token stays here, on the server; the browser never sees it.
  `CREATE TABLE hosts (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     url TEXT NOT NULL,
     token TEXT NOT NULL,
     created_at TEXT NOT NULL,
     last_seen TEXT,
     last_info TEXT
   );`,
  // Small dashboard settings (the admin password hash, the session secret), one value per key.
  `CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
];

export type Db = Database.Database;

export function dataDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.PATCHBAY_DATA_DIR ?? join(process.cwd(), '.data');
}

/** Opens (creating when absent) and migrates the database; `:memory:` for tests. */
export function openDatabase(file = join(dataDirectory(), 'patchbay.sqlite')): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  // It holds agent tokens and the admin password's hash: readable by the dashboard's user only.
  if (file !== ':memory:') chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let i = applied; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
  return db;
}

// Next bundles each route on its own, so a module-level handle would be one per route: the process
// keeps one, on globalThis, for the tRPC routes and the login routes alike.
const shared = globalThis as typeof globalThis & { patchbayDatabase?: Db };

/** The process's one handle on the dashboard's database, opened on first use. */
export function sharedDatabase(): Db {
  return (shared.patchbayDatabase ??= openDatabase());
}
