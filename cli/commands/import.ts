import { existsSync, writeFileSync } from 'node:fs';
import { hostAsDesign } from '../../core/editor/host-as-design';
import { serializeTopology } from '../../core/topology/document';
import { ImportOutputSchema } from '../../core/wire/cli-host';
import { stringOption, type Command } from '../common/command';
import { CliError, UsageError } from '../common/errors';
import { EXIT } from '../common/exit-codes';
import { agentCall, HOST_OPTIONS, HOST_USAGE, hostEndpoint } from '../common/host-options';
import { fromCwd } from '../common/io';

export const importCommand: Command = {
  name: 'import',
  summary: 'read a host and write what it runs as a design file, to start from the network you have',
  usage: `Usage: patchbay import --host URL --token-file FILE [--out FILE [--force]] [--json]

Reads the host through its agent (state.read) and turns it into a design, as the dashboard's "Open
as design" does: the same stacks, names and cables, the LAN and the internet behind the default
route, and the NAT rules and intents read back from Patchbay's pf anchors. Planning that design
against the same host is empty. What could not be carried over is listed as notes.

Without --out the design goes to stdout and the notes to stderr; with --out FILE it is written there
(never over an existing file unless --force) and the notes are printed. --json prints one document
with the design and the notes (and writes --out too when given).
Exit 0 when written; 1 when the agent refused; 2 usage (an existing --out without --force, or one that
cannot be written); 3 the host could not be reached.

  --out FILE   where to write the design
  --force      overwrite --out if it exists

${HOST_USAGE}`,
  options: { ...HOST_OPTIONS, out: { type: 'string' }, force: { type: 'boolean', default: false } },
  async run(parsed, ctx) {
    if (parsed.positionals.length)
      throw new UsageError('import takes no file argument: patchbay import --host URL --token-file FILE --out FILE');
    const endpoint = hostEndpoint(parsed, ctx.io);
    const out = stringOption(parsed, 'out');
    const target = out === undefined ? undefined : fromCwd(ctx.io, out);
    // Checked before the host is read, and again (by the exclusive flag) when writing.
    if (target && existsSync(target) && parsed.values.force !== true)
      throw new UsageError(`--out ${out} exists; pass --force to overwrite it.`, { file: out });

    const read = await agentCall(endpoint, (agent) => agent.state.read.query(), 60_000);
    const hostname = read.topology.stacks.find((s) => s.kind === 'host')?.hostname;
    const { topology, notes } = hostAsDesign(read, `${hostname ?? 'host'} as found`.slice(0, 120));
    const text = serializeTopology(topology);
    if (target) {
      try {
        writeFileSync(target, text, { flag: parsed.values.force === true ? 'w' : 'wx' });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw code === 'EEXIST'
          ? new UsageError(`--out ${out} exists; pass --force to overwrite it.`, { file: out })
          : new CliError(`--out ${out}: cannot write it (${code}).`, EXIT.usage, { file: out });
      }
    }
    ctx.emit(ImportOutputSchema, {
      command: 'import',
      host: { url: endpoint.url, ...(hostname ? { hostname } : {}) },
      out: out ?? null,
      design: topology,
      notes,
    });
    if (ctx.json) return EXIT.ok;
    if (target) {
      ctx.print(`Wrote ${out}: ${hostname ?? endpoint.url} as a design (${topology.stacks.length} stacks).`);
      for (const note of notes) ctx.print(`  note: ${note}`);
    } else {
      ctx.io.stdout.write(text);
      for (const note of notes) ctx.note(`note: ${note}`);
    }
    return EXIT.ok;
  },
};
