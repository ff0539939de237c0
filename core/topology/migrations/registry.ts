import type { Problem } from '../problem';
import { TOPOLOGY_VERSION } from '../schema';
import { foldPoliciesIntoIntents } from './v1-to-v2';

// Every change to the design format is a step here, from one version to the next, over plain
// decoded JSON (before the schema, which knows only the newest version). A new version adds its
// step at the end and raises TOPOLOGY_VERSION; a test checks the steps chain up to it.

export interface Migration {
  from: number;
  to: number;
  migrate: (design: Record<string, unknown>) => Record<string, unknown>;
}

export const MIGRATIONS: readonly Migration[] = [{ from: 1, to: 2, migrate: foldPoliciesIntoIntents }];

export type Migrated = { ok: true; design: Record<string, unknown>; from: number } | { ok: false; problem: Problem };

function refused(message: string): Migrated {
  return { ok: false, problem: { severity: 'error', rule: 'document.version', path: ['version'], message } };
}

/**
 * Brings a decoded design up to TOPOLOGY_VERSION, one step at a time. A version newer than this
 * Patchbay knows, or one that is not a version at all, is refused with the field and the rule.
 * Does not touch its input.
 */
export function migrateDesign(design: Record<string, unknown>): Migrated {
  const version = design.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return refused(
      `Unknown topology version ${JSON.stringify(version)} in "version" (rule document.version); this Patchbay reads versions 1 to ${TOPOLOGY_VERSION}.`,
    );
  }
  if (version > TOPOLOGY_VERSION) {
    return refused(
      `This topology is format version ${version} ("version", rule document.version); this Patchbay reads versions up to ${TOPOLOGY_VERSION}. Upgrade Patchbay to open it.`,
    );
  }
  let current = design;
  while (current.version !== TOPOLOGY_VERSION) {
    const step = MIGRATIONS.find((m) => m.from === current.version);
    if (!step)
      return refused(
        `No migration from topology version ${String(current.version)} ("version", rule document.version).`,
      );
    current = { ...step.migrate(current), version: step.to };
  }
  return { ok: true, design: current, from: version };
}
