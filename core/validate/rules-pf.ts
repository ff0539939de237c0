import { parsePf, parsePfConf, parseTableEntries } from '../pf/parse';
import { problem, stackLabel, type ValidationContext } from './context';
import type { Problem } from './problem';

// A stack's pf text as read from the host or pasted (stack.pf.conf, .rules, .nat): every line the
// audit cannot read, or a rule it cannot place (a nat rule among the filter rules, rules out of
// pfctl's order), is a problem with its line, never dropped silently. These are warnings: Patchbay
// never loads this text (it is the admin's own, which pf already runs or pfctl refused), but the
// audit leaves such a line out of its verdicts, and says so.

export function pfText(ctx: ValidationContext): Problem[] {
  return ctx.stacks.flatMap(({ stack, path }) => {
    const pf = stack.pf;
    if (!pf) return [];
    const texts: { field: 'conf' | 'rules' | 'nat'; problems: { line: number; message: string }[] }[] =
      pf.conf !== undefined
        ? [{ field: 'conf', problems: parsePfConf(pf.conf).problems }]
        : [
            { field: 'rules', problems: parsePf(pf.rules, { part: 'filter' }).problems },
            { field: 'nat', problems: parsePf(pf.nat, { part: 'translation' }).problems },
          ];
    const out = texts.flatMap(({ field, problems }) =>
      problems.map((p) =>
        problem(
          'warning',
          'pf.text',
          [...path, 'pf', field],
          `${field === 'conf' ? 'pf.conf' : `pf ${field}`} of ${stackLabel(stack)}, line ${p.line}: ${p.message}.`,
        ),
      ),
    );
    (pf.tables ?? []).forEach((table, t) => {
      for (const p of parseTableEntries(table.entries).problems)
        out.push(
          problem(
            'warning',
            'pf.table.entry',
            [...path, 'pf', 'tables', t, 'entries', p.entry],
            `pf table <${table.name}> of ${stackLabel(stack)}: entry "${table.entries[p.entry]}": ${p.message}.`,
          ),
        );
    });
    return out;
  });
}
