import { randomUUID } from 'node:crypto';
import { serializeTopology } from '../../core/topology/document';
import type { Topology } from '../../core/topology/schema';
import type { Db } from './database';
import { readStoredTopology, UnreadableDesign, type Unreadable } from './stored-topology';

// Designs with a history of versions: every save that changes something is a new version; restoring
// an old version saves it again as the newest, so nothing is ever lost.

export interface DesignSummary {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  latestVersion: number;
  /** Set when the latest version does not read back (a hand edit, a bug): say so, do not fail. */
  unreadable?: Unreadable;
}

export interface DesignVersion {
  version: number;
  note: string | null;
  createdAt: string;
}

export class DesignNotFound extends Error {}

export class DesignStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): DesignSummary[] {
    const rows = this.db
      .prepare(
        `SELECT d.id, d.name, d.created_at AS createdAt, d.updated_at AS updatedAt, MAX(v.version) AS latestVersion
                FROM designs d JOIN design_versions v ON v.design_id = d.id GROUP BY d.id ORDER BY d.updated_at DESC, d.name`,
      )
      .all() as DesignSummary[];
    const latest = this.db.prepare('SELECT topology FROM design_versions WHERE design_id = ? AND version = ?');
    return rows.map((row) => {
      const { topology } = latest.get(row.id, row.latestVersion) as { topology: string };
      const read = readStoredTopology(topology, row.latestVersion);
      return read.ok ? row : { ...row, unreadable: read.unreadable };
    });
  }

  create(name: string, topology: Topology): DesignSummary {
    const id = randomUUID();
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO designs (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(id, name, at, at);
      this.db
        .prepare('INSERT INTO design_versions (design_id, version, topology, note, created_at) VALUES (?, 1, ?, ?, ?)')
        .run(id, serializeTopology(topology), 'created', at);
    })();
    return this.summary(id);
  }

  summary(id: string): DesignSummary {
    const found = this.list().find((d) => d.id === id);
    if (!found) throw new DesignNotFound(`There is no design ${id}.`);
    return found;
  }

  /** The topology of a version (the latest when absent); UnreadableDesign when it does not read back. */
  open(id: string, version?: number): { design: DesignSummary; version: number; topology: Topology } {
    const design = this.summary(id);
    const row = this.db
      .prepare('SELECT version, topology FROM design_versions WHERE design_id = ? AND version = ?')
      .get(id, version ?? design.latestVersion) as { version: number; topology: string } | undefined;
    if (!row) throw new DesignNotFound(`Design ${design.name} has no version ${version}.`);
    const read = readStoredTopology(row.topology, row.version);
    if (!read.ok) throw new UnreadableDesign(id, design.name, read.unreadable);
    return { design, version: row.version, topology: read.topology };
  }

  /** Saves a new version unless nothing changed; returns the version that holds the topology. */
  save(id: string, topology: Topology, note?: string): number {
    const latestVersion = this.summary(id).latestVersion;
    const latest = this.db
      .prepare('SELECT topology FROM design_versions WHERE design_id = ? AND version = ?')
      .get(id, latestVersion) as { topology: string };
    const text = serializeTopology(topology);
    // A latest version that does not read back is replaced by a good one, not a reason to refuse it.
    const stored = readStoredTopology(latest.topology, latestVersion);
    if (stored.ok && text === serializeTopology(stored.topology)) return latestVersion;
    const at = this.now().toISOString();
    const version = latestVersion + 1;
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO design_versions (design_id, version, topology, note, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, version, text, note ?? null, at);
      this.db.prepare('UPDATE designs SET updated_at = ? WHERE id = ?').run(at, id);
    })();
    return version;
  }

  versions(id: string): DesignVersion[] {
    this.summary(id);
    return this.db
      .prepare(
        'SELECT version, note, created_at AS createdAt FROM design_versions WHERE design_id = ? ORDER BY version DESC',
      )
      .all(id) as DesignVersion[];
  }

  rename(id: string, name: string): DesignSummary {
    const changed = this.db
      .prepare('UPDATE designs SET name = ?, updated_at = ? WHERE id = ?')
      .run(name, this.now().toISOString(), id);
    if (changed.changes === 0) throw new DesignNotFound(`There is no design ${id}.`);
    return this.summary(id);
  }

  duplicate(id: string, name: string): DesignSummary {
    return this.create(name, this.open(id).topology);
  }

  delete(id: string) {
    const removed = this.db.prepare('DELETE FROM designs WHERE id = ?').run(id);
    if (removed.changes === 0) throw new DesignNotFound(`There is no design ${id}.`);
  }

  restore(id: string, version: number): number {
    const old = this.open(id, version);
    return this.save(id, old.topology, `restored version ${version}`);
  }
}
