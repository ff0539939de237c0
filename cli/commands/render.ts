import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { renderConfig } from '../../core/render/render-all';
import { RenderOutputSchema } from '../../core/wire/cli';
import { stringOption, type Command } from '../common/command';
import { loadDesign } from '../common/design-file';
import { fromCwd } from '../common/io';
import { CliError, UsageError } from '../common/errors';
import { EXIT } from '../common/exit-codes';

export const renderCommand: Command = {
  name: 'render',
  summary: 'the FreeBSD files that make a design last across a reboot, written under a folder',
  usage: `Usage: patchbay render DESIGN.json --out DIR [--json]

Writes the files Persist would write on the host (rc.conf, sysctl.conf, loader.conf lines to add; the
jail.conf.d files and pf anchor files Patchbay owns), each at its host path under DIR:
DIR/etc/rc.conf, DIR/etc/jail.conf.d/web.conf, … Nothing is written outside DIR, and no file of the
host is touched. Same design, same bytes.
Exit 1 when the design has errors, or a value the renderer cannot write safely (named with its field);
2 on a usage error.`,
  options: { out: { type: 'string' } },
  async run(parsed, ctx) {
    const [name, ...extra] = parsed.positionals;
    if (!name || extra.length)
      throw new UsageError('render takes one design file: patchbay render DESIGN.json --out DIR');
    const outOption = stringOption(parsed, 'out');
    if (!outOption) throw new UsageError('render needs --out DIR: the folder to write the files under');
    const { topology } = loadDesign(ctx.io, name);
    const out = fromCwd(ctx.io, outOption);
    let files;
    try {
      files = renderConfig(topology);
    } catch (error) {
      // RenderError names the field whose value cannot be written safely.
      throw new CliError(`${name}: ${(error as Error).message}`, EXIT.problems, { file: name });
    }
    const written = files.map((file) => {
      const target = join(out, file.path);
      // Host paths are the renderer's own constants and jail names the schema bounds; this keeps it so.
      if (relative(out, target).startsWith('..'))
        throw new CliError(`refusing to write ${file.path} outside --out`, EXIT.problems);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
      return { ...file, target };
    });
    ctx.emit(RenderOutputSchema, {
      command: 'render',
      file: name,
      out: outOption,
      files: written.map((f) => ({
        hostPath: f.path,
        written: join(outOption, f.path),
        owner: f.owner,
        purpose: f.purpose,
        bytes: Buffer.byteLength(f.content),
      })),
    });
    const width = Math.max(...written.map((f) => join(outOption, f.path).length));
    for (const f of written)
      ctx.print(`${ctx.style.bold(join(outOption, f.path).padEnd(width))}  ${ctx.style.dim(f.purpose)}`);
    ctx.print(`${written.length} files under ${outOption}.`);
    return EXIT.ok;
  },
};
