import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Db } from './database';

// The agents the dashboard talks to. Tokens are kept here and used by the server only: nothing that
// leaves this module for a browser carries one (see `HostSummary`).

export const LOCAL_HOST_ID = 'local';

/** What the browser may see of a host. */
export interface HostSummary {
  id: string;
  name: string;
  url: string;
  /** The local demo host comes from the start script's environment and cannot be removed. */
  builtIn: boolean;
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
}

export class HostNotFound extends Error {}

interface Row {
  id: string;
  name: string;
  url: string;
  token: string;
  last_seen: string | null;
  last_info: string | null;
}

export class HostStore {
  constructor(
    private readonly db: Db,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The local agent the start script runs beside the dashboard, when it says where. */
  private localHost(): HostSummary | null {
    const url = this.env.PATCHBAY_AGENT_URL;
    if (!url || !(this.env.PATCHBAY_AGENT_TOKEN_FILE || this.env.PATCHBAY_AGENT_TOKEN)) return null;
    const seen = this.db.prepare('SELECT last_seen, last_info FROM hosts WHERE id = ?').get(LOCAL_HOST_ID) as Pick<Row, 'last_seen' | 'last_info'> | undefined;
    return { id: LOCAL_HOST_ID, name: 'Local demo host', url, builtIn: true, lastSeen: seen?.last_seen ?? null, lastInfo: seen?.last_info ? (JSON.parse(seen.last_info) as AgentInfo) : null };
  }

  list(): HostSummary[] {
    const rows = this.db.prepare('SELECT id, name, url, token, last_seen, last_info FROM hosts WHERE id != ? ORDER BY name, created_at').all(LOCAL_HOST_ID) as Row[];
    const local = this.localHost();
    return [...(local ? [local] : []), ...rows.map((row) => ({ id: row.id, name: row.name, url: row.url, builtIn: false, lastSeen: row.last_seen, lastInfo: row.last_info ? (JSON.parse(row.last_info) as AgentInfo) : null }))];
  }

  get(id: string): HostSummary {
    const found = this.list().find((host) => host.id === id);
    if (!found) throw new HostNotFound(`There is no host ${id}; add it on the hosts page.`);
    return found;
  }

  add(host: { name: string; url: string; token: string }): HostSummary {
    const id = randomUUID();
    this.db.prepare('INSERT INTO hosts (id, name, url, token, created_at) VALUES (?, ?, ?, ?, ?)').run(id, host.name, host.url, host.token, this.now().toISOString());
    return this.get(id);
  }

  remove(id: string) {
    if (id === LOCAL_HOST_ID) throw new HostNotFound('The local demo host comes from the start script and cannot be removed.');
    const { changes } = this.db.prepare('DELETE FROM hosts WHERE id = ?').run(id);
    if (changes === 0) throw new HostNotFound(`There is no host ${id}.`);
  }

  /** Remembers the last successful answer, so an offline host still shows what it was; returns when. */
  markSeen(id: string, info: AgentInfo): string {
    const at = this.now().toISOString();
    if (id === LOCAL_HOST_ID) {
      this.db
        .prepare(`INSERT INTO hosts (id, name, url, token, created_at, last_seen, last_info) VALUES (?, 'local', '', '', ?, ?, ?)
                  ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen, last_info = excluded.last_info`)
        .run(id, at, at, JSON.stringify(info));
    } else {
      this.db.prepare('UPDATE hosts SET last_seen = ?, last_info = ? WHERE id = ?').run(at, JSON.stringify(info), id);
    }
    return at;
  }

  /** The URL and token for calling a host's agent. Server-side only. */
  endpoint(id: string): AgentEndpoint {
    if (id === LOCAL_HOST_ID) {
      const local = this.localHost();
      if (!local) throw new HostNotFound('No local demo host is configured (PATCHBAY_AGENT_URL is not set).');
      // Read each time: the agent writes the file on its first start, possibly after the dashboard's.
      const token = this.env.PATCHBAY_AGENT_TOKEN ?? readFileSync(this.env.PATCHBAY_AGENT_TOKEN_FILE!, 'utf8').trim();
      return { url: local.url, token };
    }
    const row = this.db.prepare('SELECT url, token FROM hosts WHERE id = ?').get(id) as Pick<Row, 'url' | 'token'> | undefined;
    if (!row) throw new HostNotFound(`There is no host ${id}.`);
    return { url: row.url, token: row.token };
  }
}
