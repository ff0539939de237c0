import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Db } from './database';

// The agents the dashboard talks to. Tokens are kept here and used by the server only: nothing that
// leaves this module for a browser carries one (see `HostSummary`). With each agent: whether plain
// http was allowed for it, and the pinned fingerprint of its certificate, if any
// (docs/security/agents.md).

export const LOCAL_HOST_ID = 'local';
export const BASTILLE_DEMO_HOST_ID = 'bastille-demo';

/**
 * The agents the start script runs beside the dashboard, each told by its own environment variables
 * (the token inline, or a file the agent writes on its first start): the blog demo host, and the
 * Bastille-style demo host (`--profile bastille`, fixtures/bastille/SOURCES.md).
 */
const BUILT_IN = [
  {
    id: LOCAL_HOST_ID,
    name: 'Local demo host',
    url: 'PATCHBAY_AGENT_URL',
    token: 'PATCHBAY_AGENT_TOKEN',
    tokenFile: 'PATCHBAY_AGENT_TOKEN_FILE',
  },
  {
    id: BASTILLE_DEMO_HOST_ID,
    name: 'Bastille demo host',
    url: 'PATCHBAY_BASTILLE_AGENT_URL',
    token: 'PATCHBAY_BASTILLE_AGENT_TOKEN',
    tokenFile: 'PATCHBAY_BASTILLE_AGENT_TOKEN_FILE',
  },
] as const;
type BuiltIn = (typeof BUILT_IN)[number];

const builtInById = (id: string): BuiltIn | undefined => BUILT_IN.find((b) => b.id === id);

/** What the browser may see of a host. */
export interface HostSummary {
  id: string;
  name: string;
  url: string;
  /** The local demo host comes from the start script's environment and cannot be removed. */
  builtIn: boolean;
  /** Plain http allowed for this agent although it is not on this machine. */
  allowHttp: boolean;
  /** The SHA-256 fingerprint its certificate is pinned to ("AB:CD:…"), or null for CA verification. */
  fingerprint: string | null;
  lastSeen: string | null;
  lastInfo: AgentInfo | null;
}

export interface AgentInfo {
  hostname: string;
  freebsdVersion: string;
  driver: 'freebsd' | 'emulator';
  agentVersion: string;
}

/** Where and how to reach an agent: server-side only. */
export interface AgentEndpoint {
  url: string;
  token: string;
  allowHttp?: boolean;
  fingerprint?: string | null;
}

interface NewHostRecord {
  name: string;
  url: string;
  token: string;
  allowHttp?: boolean;
  fingerprint?: string | null;
}

export class HostNotFound extends Error {}

interface Row {
  id: string;
  name: string;
  url: string;
  token: string;
  allow_http: number;
  fingerprint: string | null;
  last_seen: string | null;
  last_info: string | null;
}

/**
 * The two columns came after the hosts table; they are added where missing rather than as a numbered
 * migration in database.ts, so this file alone owns the hosts table's growth. Hosts added before
 * were added with plain http allowed by the form, so they keep it (allow_http = 1 for http:// rows):
 * the upgrade does not cut off an agent that worked, and the hosts page shows which ones use http.
 */
const migrated = new WeakSet<Db>();
function addHostColumns(db: Db) {
  if (migrated.has(db)) return;
  const columns = new Set((db.prepare('PRAGMA table_info(hosts)').all() as { name: string }[]).map((c) => c.name));
  db.transaction(() => {
    if (!columns.has('allow_http')) {
      db.exec('ALTER TABLE hosts ADD COLUMN allow_http INTEGER NOT NULL DEFAULT 0');
      db.exec("UPDATE hosts SET allow_http = 1 WHERE lower(url) LIKE 'http://%'");
    }
    if (!columns.has('fingerprint')) db.exec('ALTER TABLE hosts ADD COLUMN fingerprint TEXT');
  })();
  migrated.add(db);
}

const summaryOf = (row: Row): HostSummary => ({
  id: row.id,
  name: row.name,
  url: row.url,
  builtIn: false,
  allowHttp: row.allow_http === 1,
  fingerprint: row.fingerprint,
  lastSeen: row.last_seen,
  lastInfo: row.last_info ? (JSON.parse(row.last_info) as AgentInfo) : null,
});

export class HostStore {
  constructor(
    private readonly db: Db,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
    private readonly now: () => Date = () => new Date(),
  ) {
    addHostColumns(db);
  }

  /** A local agent the start script runs beside the dashboard, when its environment says where. */
  private builtInHost(host: BuiltIn): HostSummary | null {
    const url = this.env[host.url];
    if (!url || !(this.env[host.tokenFile] || this.env[host.token])) return null;
    const seen = this.db.prepare('SELECT last_seen, last_info FROM hosts WHERE id = ?').get(host.id) as
      Pick<Row, 'last_seen' | 'last_info'> | undefined;
    // The start script's own agent, on loopback: the operator's environment, not the add-host form.
    return {
      id: host.id,
      name: host.name,
      url,
      builtIn: true,
      allowHttp: true,
      fingerprint: null,
      lastSeen: seen?.last_seen ?? null,
      lastInfo: seen?.last_info ? (JSON.parse(seen.last_info) as AgentInfo) : null,
    };
  }

  list(): HostSummary[] {
    const rows = this.db
      .prepare(
        `SELECT id, name, url, token, allow_http, fingerprint, last_seen, last_info FROM hosts
         WHERE id NOT IN (${BUILT_IN.map(() => '?').join(', ')}) ORDER BY name, created_at`,
      )
      .all(...BUILT_IN.map((b) => b.id)) as Row[];
    const builtIn = BUILT_IN.flatMap((b) => this.builtInHost(b) ?? []);
    return [...builtIn, ...rows.map(summaryOf)];
  }

  get(id: string): HostSummary {
    const found = this.list().find((host) => host.id === id);
    if (!found) throw new HostNotFound(`There is no host ${id}; add it on the hosts page.`);
    return found;
  }

  add(host: NewHostRecord): HostSummary {
    const id = randomUUID();
    this.db
      .prepare(
        'INSERT INTO hosts (id, name, url, token, allow_http, fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        host.name,
        host.url,
        host.token,
        host.allowHttp ? 1 : 0,
        host.fingerprint ?? null,
        this.now().toISOString(),
      );
    return this.get(id);
  }

  remove(id: string) {
    const builtIn = builtInById(id);
    if (builtIn)
      throw new HostNotFound(`The ${builtIn.name.toLowerCase()} comes from the start script and cannot be removed.`);
    const { changes } = this.db.prepare('DELETE FROM hosts WHERE id = ?').run(id);
    if (changes === 0) throw new HostNotFound(`There is no host ${id}.`);
  }

  /** Remembers the last successful answer, so an offline host still shows what it was; returns when. */
  markSeen(id: string, info: AgentInfo): string {
    const at = this.now().toISOString();
    if (builtInById(id)) {
      this.db
        .prepare(
          `INSERT INTO hosts (id, name, url, token, created_at, last_seen, last_info) VALUES (?, ?, '', '', ?, ?, ?)
                  ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen, last_info = excluded.last_info`,
        )
        .run(id, id, at, at, JSON.stringify(info));
    } else {
      this.db.prepare('UPDATE hosts SET last_seen = ?, last_info = ? WHERE id = ?').run(at, JSON.stringify(info), id);
    }
    return at;
  }

  /** The URL and token for calling a host's agent. Server-side only. */
  endpoint(id: string): AgentEndpoint {
    const builtIn = builtInById(id);
    if (builtIn) {
      const local = this.builtInHost(builtIn);
      if (!local)
        throw new HostNotFound(
          `No ${builtIn.name.toLowerCase()} is configured: it needs ${builtIn.url}, and ${builtIn.tokenFile} or ${builtIn.token}.`,
        );
      // Read each time: the agent writes the file on its first start, possibly after the dashboard's.
      const token = this.env[builtIn.token] ?? readFileSync(this.env[builtIn.tokenFile]!, 'utf8').trim();
      return { url: local.url, token, allowHttp: true, fingerprint: null };
    }
    const row = this.db.prepare('SELECT url, token, allow_http, fingerprint FROM hosts WHERE id = ?').get(id) as
      Pick<Row, 'url' | 'token' | 'allow_http' | 'fingerprint'> | undefined;
    if (!row) throw new HostNotFound(`There is no host ${id}.`);
    return { url: row.url, token: row.token, allowHttp: row.allow_http === 1, fingerprint: row.fingerprint };
  }
}
