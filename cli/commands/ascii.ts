import { renderAscii } from '../../core/render/ascii';
import { AsciiOutputSchema } from '../../core/wire/cli';
import type { Command } from '../common/command';
import { loadDesign } from '../common/design-file';
import { UsageError } from '../common/errors';
import { EXIT } from '../common/exit-codes';

export const asciiCommand: Command = {
  name: 'ascii',
  summary: 'the design as a plain-text drawing, for a README, a ticket or a terminal',
  usage: `Usage: patchbay ascii DESIGN.json [--json]

Prints the same drawing as the editor's Export → ASCII: the host box with its NICs and bridges, each jail, and
every epair as an arrow. Exit 1 when the design has errors (they are listed instead), 2 when the file cannot be read.`,
  options: {},
  async run(parsed, ctx) {
    const [name, ...extra] = parsed.positionals;
    if (!name || extra.length) throw new UsageError('ascii takes one design file: patchbay ascii DESIGN.json');
    const { topology } = loadDesign(ctx.io, name);
    const text = renderAscii(topology);
    ctx.emit(AsciiOutputSchema, { command: 'ascii', file: name, text });
    ctx.print(text.replace(/\n$/, ''));
    return EXIT.ok;
  },
};
