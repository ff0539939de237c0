import { AuditExplainOutputSchema } from '../../core/wire/cli-audit';
import { explanationText } from '../audit/explain-text';
import { reportOutput, writeReportJson } from '../audit/json';
import { markdownReport } from '../audit/markdown';
import { explainPair, parseFrom, parseTo } from '../audit/pair';
import { reportText } from '../audit/report-text';
import { auditDesign, newlyReachesLan, type AuditProgress } from '../audit/run-audit';
import { stringOption, type Command, type CommandContext, type Parsed } from '../common/command';
import { loadDesign } from '../common/design-file';
import { UsageError } from '../common/errors';
import { EXIT } from '../common/exit-codes';
import { progress } from '../common/progress';

/** Designs from this size on draw a progress bar on a terminal while audited (a 1,000-jail one takes seconds). */
export const ANNOUNCED_JAILS = 100;
const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

export const auditCommand: Command = {
  name: 'audit',
  summary: 'the reachability matrix, intents and exposed ports; one pair explained; or what a change opens',
  usage: `Usage: patchbay audit DESIGN.json [--against OLD.json [--fail-on-new-lan]] [--format text|markdown|json]
       patchbay audit DESIGN.json --from JAIL --to DEST[:tcp/PORT|:udp/PORT|:icmp] [--json]

Audits the design as the dashboard does, with the pf rules its intents compile to: every jail to the
LAN, the internet, the host and every other jail (IPv4, and IPv6 when the design has any), each
intent and what breaks it, the Exposed view (what the LAN and the internet can open on each jail),
and notes on rules the audit could not evaluate in full.

  --from JAIL --to DEST   explain one pair hop by hop: the verdict, the address asked, each step of
                          the request and of the reply with the pf rule that decides it. JAIL is a
                          jail's name, host, lan or internet; DEST one of those or an address (IPv4,
                          or IPv6 in [brackets] when a suffix follows), with :tcp/PORT, :udp/PORT or
                          :icmp to ask about one kind of traffic.
  --against OLD.json      the differential audit: the pairs the change from OLD.json opens and
                          closes, with the rule that decides each, the intents it newly breaks and
                          the ports it newly exposes (docs/ci.md runs it on every pull request).
  --fail-on-new-lan       with --against: exit 1 also when a jail reaches the LAN that did not before
                          (blocked or no route before; reachable, partly or one-way now).
  --format FORMAT         text (the default), markdown (a pull request comment) or json (as --json:
                          one document, schema AuditOutputSchema in core/wire/cli-audit.ts).

Exit 0 when every intent holds, 1 when one is broken (or --fail-on-new-lan finds a new path to the
LAN) or the design has errors, 2 on a usage error (an unknown --from or --to names what is accepted).
--from/--to exits 0 whatever the verdict.`,
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    against: { type: 'string' },
    'fail-on-new-lan': { type: 'boolean', default: false },
    format: { type: 'string' },
  },
  async run(parsed, ctx) {
    const [name, ...extra] = parsed.positionals;
    if (!name || extra.length) throw new UsageError('audit takes one design file: patchbay audit DESIGN.json');
    const format = formatOf(parsed);
    const from = stringOption(parsed, 'from');
    const to = stringOption(parsed, 'to');
    if (from !== undefined || to !== undefined) return explainOne(name, { from, to, format }, parsed, ctx);
    const against = stringOption(parsed, 'against');
    const failOnNewLan = parsed.values['fail-on-new-lan'] === true;
    if (failOnNewLan && against === undefined)
      throw new UsageError('--fail-on-new-lan needs --against OLD.json: a new path is new since an older design.');
    const { topology } = loadDesign(ctx.io, name);
    const baseline =
      against === undefined ? undefined : { file: against, topology: loadDesign(ctx.io, against).topology };
    const bar = auditBar(ctx, topology.stacks.filter((s) => s.kind === 'jail').length);
    const audit = auditDesign(topology, baseline, bar.of, name);
    bar.erase();
    const broken = audit.report.intents.some((i) => !i.holds);
    const newLan = failOnNewLan && (audit.changes?.pairs.some(newlyReachesLan) ?? false);
    const ok = !broken && !newLan;
    // Only for --json: the report's JSON form is work a person reading text never sees.
    if (ctx.json) writeReportJson(ctx.io.stdout, reportOutput(name, audit, ok), audit.report);
    if (format === 'markdown') ctx.print(markdownReport(name, audit));
    if (format === 'text') {
      const width = ctx.io.stdout.isTTY ? (ctx.io.stdout.columns ?? 80) : 160;
      for (const line of reportText(name, audit, { width, style: ctx.style })) ctx.print(line);
      ctx.print();
      const why = [broken && 'an intent is broken', newLan && 'a jail newly reaches the LAN'].filter(Boolean);
      ctx.print(
        ok ? ctx.style.green(`${name}: every intent holds.`) : ctx.style.red(`${name}: ${why.join(' and ')} (exit 1).`),
      );
    }
    return ok ? EXIT.ok : EXIT.problems;
  },
};

function formatOf(parsed: Parsed): Format {
  const format = stringOption(parsed, 'format');
  if (format !== undefined && !FORMATS.includes(format as Format))
    throw new UsageError(`--format "${format}": the formats are ${FORMATS.join(', ')}.`, { field: '--format' });
  if (parsed.values.json === true && format !== undefined && format !== 'json')
    throw new UsageError(`--json and --format ${format} ask for two outputs: give one.`, { field: '--format' });
  return parsed.values.json === true ? 'json' : ((format as Format | undefined) ?? 'text');
}

async function explainOne(
  name: string,
  options: { from: string | undefined; to: string | undefined; format: Format },
  parsed: Parsed,
  ctx: CommandContext,
) {
  const { from, to, format } = options;
  if (from === undefined || to === undefined)
    throw new UsageError('--from and --to go together: patchbay audit DESIGN.json --from JAIL --to DEST', {
      field: from === undefined ? '--from' : '--to',
    });
  for (const other of ['against', 'fail-on-new-lan'] as const)
    if (parsed.values[other] !== undefined && parsed.values[other] !== false)
      throw new UsageError(`--${other} audits a change, --from/--to one pair: give one or the other.`, {
        field: `--${other}`,
      });
  if (format === 'markdown')
    throw new UsageError('--format markdown is for the audit, not one pair: use text or json.');
  const { topology } = loadDesign(ctx.io, name);
  const source = parseFrom(topology, from);
  const destination = parseTo(topology, to);
  const explanation = explainPair(topology, source, destination);
  ctx.emit(AuditExplainOutputSchema, { command: 'audit', mode: 'explain', file: name, from, to, explanation });
  for (const line of explanationText(`${from} → ${to}`, explanation, ctx.style)) ctx.print(line);
  return EXIT.ok;
}

/**
 * On a terminal, for a large design: a bar on stderr while each design's matrix is filled (redrawn
 * only when its percentage moves), erased when done so the report starts on a clean line.
 */
function auditBar(ctx: CommandContext, jails: number): { of: AuditProgress; erase: () => void } {
  if (!ctx.io.stderr.isTTY || jails < ANNOUNCED_JAILS) return { of: () => undefined, erase: () => {} };
  const bar = progress(ctx.io.stderr);
  let drawn = false;
  return {
    of: (file) => {
      let shown = -1;
      return (done, total) => {
        const percent = Math.floor((done * 100) / total);
        if (percent === shown) return;
        shown = percent;
        drawn = true;
        bar.update(done, total, `rows of ${file}'s matrix`);
      };
    },
    erase: () => {
      if (drawn) ctx.io.stderr.write('\r\u001b[2K');
    },
  };
}
