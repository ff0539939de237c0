import { ValidateOutputSchema } from '../../core/wire/cli';
import type { Command } from '../common/command';
import { checkDesignFile, problemLine } from '../common/design-file';
import { UsageError } from '../common/errors';
import { EXIT } from '../common/exit-codes';
import { plural } from '../common/words';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'the problems of a design, each with its field and rule',
  usage: `Usage: patchbay validate DESIGN.json [--json]

Reads the design (any version Patchbay has written; older ones are migrated in memory) and prints every
problem: errors first, then warnings, each as FILE: FIELD: MESSAGE [RULE].
Exit 0 when there is no error (warnings allowed), 1 when there is one, 2 when the file cannot be read.`,
  options: {},
  async run(parsed, ctx) {
    const [name, ...extra] = parsed.positionals;
    if (!name || extra.length) throw new UsageError('validate takes one design file: patchbay validate DESIGN.json');
    const design = checkDesignFile(ctx.io, name);
    const errors = design.problems.filter((p) => p.severity === 'error').length;
    const warnings = design.problems.length - errors;
    ctx.emit(ValidateOutputSchema, {
      command: 'validate',
      file: name,
      ok: errors === 0,
      errors,
      warnings,
      problems: design.problems,
    });
    for (const problem of design.problems) {
      const line = problemLine(name, problem);
      ctx.print(problem.severity === 'error' ? ctx.style.red(line) : ctx.style.yellow(line));
    }
    const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
    ctx.print(errors ? ctx.style.red(`${name}: ${counts}.`) : ctx.style.green(`${name}: valid (${counts}).`));
    return errors ? EXIT.problems : EXIT.ok;
  },
};
