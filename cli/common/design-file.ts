import { readFileSync, statSync } from 'node:fs';
import { parseTopology } from '../../core/topology/document';
import { formatPath, hasErrors, type Problem } from '../../core/topology/problem';
import type { Topology } from '../../core/topology/schema';
import { validate } from '../../core/validate/validate';
import { CliError, UsageError } from './errors';
import { EXIT } from './exit-codes';
import { fromCwd, type CliIo } from './io';
import { plural } from './words';

// Reading a design file only reads: JSON.parse, the schema (with migrations from older versions) and
// validate(), all pure. Nothing in a design is run, fetched or opened.

/** A design is a few megabytes at most (1,000 jails is ~2 MB); anything far bigger is not one. */
export const MAX_DESIGN_BYTES = 64 * 1024 * 1024;

export interface DesignFile {
  /** As given on the command line: messages name the file the way the user wrote it. */
  name: string;
  path: string;
  text: string;
}

/** The file's text; a missing, unreadable or oversized file is a usage error naming it. */
export function readDesignText(io: CliIo, name: string): DesignFile {
  const path = fromCwd(io, name);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${name}: not a file.`, { file: name });
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new UsageError(`${name}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, {
      file: name,
    });
  }
  if (size > MAX_DESIGN_BYTES)
    throw new UsageError(`${name}: ${size} bytes is larger than a design can be (at most ${MAX_DESIGN_BYTES}).`, {
      file: name,
    });
  return { name, path, text: readFileSync(path, 'utf8') };
}

export interface CheckedDesign {
  file: DesignFile;
  /** Set when the file is a topology the schema accepts (problems may still hold validation errors). */
  topology?: Topology;
  /** Reading problems (JSON, format, schema), or else every validation problem, errors first. */
  problems: Problem[];
}

/** The design in `name` and all its problems; never throws for a bad design, only for an unreadable file. */
export function checkDesignFile(io: CliIo, name: string): CheckedDesign {
  const file = readDesignText(io, name);
  const parsed = parseTopology(file.text);
  if (!parsed.ok) return { file, problems: parsed.problems };
  return { file, topology: parsed.topology, problems: validate(parsed.topology, { schemaChecked: true }) };
}

/** `design.json: stacks[1].interfaces[0].name: <message> [rule]`, the field only when the message lacks it. */
export function problemLine(file: string, problem: Problem): string {
  const field = formatPath(problem.path);
  const where = field && !problem.message.startsWith(field) ? `${field}: ` : '';
  return `${file}: ${where}${problem.message} [${problem.rule}]`;
}

/** Thrown by commands that need a design without errors: the exit code is "problems". */
export class DesignHasErrors extends CliError {
  constructor(
    readonly design: CheckedDesign,
    readonly errors: Problem[],
  ) {
    const first = errors[0]!;
    super(
      `${design.file.name} has ${plural(errors.length, 'error')}; nothing was done. First: ${problemLine(design.file.name, first)}`,
      EXIT.problems,
      { file: design.file.name, field: formatPath(first.path), rule: first.rule },
    );
  }
}

/** The topology of a design with no validation errors (warnings are allowed and returned). */
export function loadDesign(io: CliIo, name: string): { topology: Topology; warnings: Problem[]; file: DesignFile } {
  const design = checkDesignFile(io, name);
  if (!design.topology || hasErrors(design.problems))
    throw new DesignHasErrors(
      design,
      design.problems.filter((p) => p.severity === 'error'),
    );
  return { topology: design.topology, warnings: design.problems, file: design.file };
}
