import { z } from 'zod';
import type { Problem } from './problem';
import { migrateDesign } from './migrations/registry';
import { TOPOLOGY_FORMAT, TopologySchema, type Topology } from './schema';

export type DocumentResult = { ok: true; topology: Topology } | { ok: false; problems: Problem[] };

/** The reader's own rules; core/validate/rule-catalog.ts lists them with the rest. */
type DocumentRule = 'document.json' | 'document.shape' | 'document.format' | 'document.version';

function documentError(rule: DocumentRule, message: string, path: Problem['path'] = []): DocumentResult {
  return { ok: false, problems: [{ severity: 'error', rule, path, message }] };
}

/** zod's issues as problems, each with its path and a `schema.<code>` rule. */
export function schemaProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({
    severity: 'error' as const,
    rule: `schema.${issue.code}`,
    path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: issue.message,
  }));
}

/**
 * Reads a topology from already-decoded JSON of any known version: checks the format marker, brings
 * it up to the current version (core/topology/migrations/registry.ts), then checks the schema, so a
 * file from a newer Patchbay is refused with a clear word rather than a wall of schema errors.
 */
export function readTopology(value: unknown): DocumentResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return documentError('document.shape', 'A topology is a JSON object; this is not one.');
  }
  const record = value as Record<string, unknown>;
  if (record.format !== TOPOLOGY_FORMAT) {
    return documentError('document.format', `This is not a Patchbay topology: "format" must be "${TOPOLOGY_FORMAT}".`, [
      'format',
    ]);
  }
  const migrated = migrateDesign(record);
  if (!migrated.ok) return { ok: false, problems: [migrated.problem] };
  const parsed = TopologySchema.safeParse(migrated.design);
  return parsed.success ? { ok: true, topology: parsed.data } : { ok: false, problems: schemaProblems(parsed.error) };
}

/** Parses topology JSON text. Never throws: bad JSON is a problem like any other. */
export function parseTopology(text: string): DocumentResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return documentError('document.json', `The file is not valid JSON: ${detail}`);
  }
  return readTopology(value);
}

/** The canonical text form: key order follows the schema, so equal topologies give equal text. */
export function serializeTopology(topology: Topology): string {
  const canonical = TopologySchema.parse(topology);
  return `${JSON.stringify(canonical, null, 2)}\n`;
}

/**
 * A topology of any version this Patchbay reads, for inputs (an older dashboard calling a newer
 * agent, a saved file): migrated, then checked, each problem at its path with its rule. Typed as
 * the current schema so callers in this repository still send the current version.
 */
export const MigratingTopologySchema = z.unknown().transform((value, ctx) => {
  const read = readTopology(value);
  if (read.ok) return read.topology;
  for (const problem of read.problems)
    ctx.addIssue({ code: 'custom', path: problem.path, message: `${problem.message} (${problem.rule})` });
  return z.NEVER;
}) as unknown as typeof TopologySchema;
