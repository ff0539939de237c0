import { describe, expect, it } from 'vitest';
import { familyVerdictOfCode, verdictOfCode } from '../../core/audit/matrix';
import { auditReport, explain } from '../../core/audit/report';
import { auditDesign as bigAuditDesign } from '../../core/testing/audit-design';
import { CliErrorOutputSchema } from '../../core/wire/cli';
import { AuditOutputSchema, type AuditOutput } from '../../core/wire/cli-audit';
import { memoryIo } from '../common/io';
import { runCli } from '../run';
import {
  blogExample,
  blogTorReachesLan,
  blogWithPortForward,
  blogWithoutIntents,
  dualStackDesign,
} from '../testing/audit-designs';
import { runBundle } from '../testing/bundle';
import { blogWithDuplicateName, designFolder } from '../testing/designs';

// patchbay audit through the real bundle: every option and exit code, --json parsed with its schema
// and compared with core's own report; in process where a terminal must be pretended.

const parse = (stdout: string): AuditOutput => AuditOutputSchema.parse(JSON.parse(stdout));
const report = (stdout: string) => {
  const output = parse(stdout);
  if (output.mode !== 'report') throw new Error(`expected a report, got ${output.mode}`);
  return output;
};
const explanation = (stdout: string) => {
  const output = parse(stdout);
  if (output.mode !== 'explain') throw new Error(`expected an explanation, got ${output.mode}`);
  return output.explanation;
};

describe('patchbay audit DESIGN.json', () => {
  it('gives a reason to the pairs reaching differently that follow more than 100 closed ones', async () => {
    // The older design lacks the blocks between neighbouring nets of bridges 0 and 1 (200 pairs
    // closed now) and let bridge 3 out to the LAN (its pairs to the LAN reach differently now).
    const now = bigAuditDesign(12, 10);
    const old = structuredClone(now);
    const host = old.stacks.find((s) => s.kind === 'host')!;
    if (host.kind !== 'host' || !host.pf) throw new Error('no host pf');
    host.pf.rules = host.pf.rules
      .split('\n')
      .filter((rule) => !/^block drop quick from 10\.0\.[01]\.0\/24 to/.test(rule))
      .map((rule) => rule.replace('block drop from 10.0.3.0/24 to <lan>', 'pass from 10.0.3.0/24 to any keep state'))
      .join('\n');
    const io = memoryIo({ cwd: designFolder({ 'now.json': now, 'old.json': old }) });
    expect(await runCli(['audit', 'now.json', '--against', 'old.json', '--format', 'markdown'], io)).toBe(0);
    const tables = io.out().split('### ');
    expect(tables.find((t) => t.startsWith('Closed'))).toMatch(/^Closed \(2\d\d\)/);
    const changed = tables.find((t) => t.startsWith('Reaching differently'));
    const rows = changed!.split('\n').filter((line) => /^\| j/.test(line));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.split(' | ')[4]!.trim(), row).not.toBe('');
  });

  it('prints the matrix with a legend, the intents and the Exposed view, exit 0 when every intent holds', async () => {
    const run = await runBundle(['audit', 'blog.json'], { cwd: designFolder({ 'blog.json': blogExample() }) });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^from ↓ to → +LAN +Internet +Host +snort-jail +www-jail +tor-relay$/m);
    expect(run.stdout).toMatch(/^tor-relay +× +✓ +× +× +× +·$/m);
    expect(run.stdout).toContain('× blocked by pf');
    expect(run.stdout).toContain('✓ tor-relay reaches only the internet');
    expect(run.stdout).toContain('Exposed: nothing of any jail can be opened');
    expect(run.stdout).toMatch(/blog\.json: every intent holds\.\n$/);
    expect(run.stderr).toBe('');
  });

  it('gives in --json every cell with the verdict core finds, by name', async () => {
    const run = await runBundle(['audit', 'blog.json', '--json'], {
      cwd: designFolder({ 'blog.json': blogExample() }),
    });
    expect(run.code).toBe(0);
    const output = report(run.stdout);
    const core = auditReport(blogExample());
    expect(output.ok).toBe(true);
    expect(output.ipv6).toBe(false);
    expect(output.matrix).toHaveLength(3 * 6 - 3);
    for (const cell of output.matrix) {
      const row = core.jails.findIndex((j) => j.name === cell.jail);
      const col = core.columns.findIndex((c) => c.label === cell.column);
      expect(cell.ipv4).toBe(verdictOfCode(core.cells[row * core.columns.length + col]!));
      expect(cell.ipv6).toBeUndefined();
    }
    expect(output.intents).toEqual(core.intents);
  });

  it('exits 1 and names the violations when an intent is broken', async () => {
    const cwd = designFolder({ 'tor.json': blogTorReachesLan() });
    const run = await runBundle(['audit', 'tor.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ tor-relay reaches only the internet — broken');
    expect(run.stdout).toMatch(/^ +tor-relay → LAN: reachable \(reaches LAN and the reply comes back\)$/m);
    expect(run.stdout).toContain('tor.json: an intent is broken (exit 1).');
    const json = await runBundle(['audit', 'tor.json', '--json'], { cwd });
    expect(json.code).toBe(1);
    const output = report(json.stdout);
    expect(output.ok).toBe(false);
    expect(output.intents.find((i) => i.id === 'tor-internet-only')?.holds).toBe(false);
  });

  it('shows the IPv6 verdict beside the IPv4 one, "no IPv6 here" apart from no route', async () => {
    // snort keeps IPv4 only: its IPv6 cells are "no IPv6 here", not "no route".
    const design = dualStackDesign({ snortIpv6: false });
    const cwd = designFolder({ 'dual.json': design });
    const run = await runBundle(['audit', 'dual.json'], { cwd });
    expect(run.stdout).toContain('∅ no IPv6 here');
    expect(run.stdout).toContain('(each cell: IPv4 then IPv6)');
    expect(run.stdout).toMatch(/^snort-jail +✓∅ /m);
    const output = report((await runBundle(['audit', 'dual.json', '--json'], { cwd })).stdout);
    const core = auditReport(design);
    expect(output.ipv6).toBe(true);
    for (const cell of output.matrix) {
      const at =
        core.jails.findIndex((j) => j.name === cell.jail) * core.columns.length +
        core.columns.findIndex((c) => c.label === cell.column);
      expect(cell.ipv6).toBe(familyVerdictOfCode(core.cells6![at]!));
    }
    expect(output.matrix.find((c) => c.jail === 'snort-jail' && c.column === 'LAN')?.ipv6).toBe('no-ipv6');
  });

  it('refuses a design with errors (exit 1) and a missing file (exit 2), naming them', async () => {
    const bad = await runBundle(['audit', 'bad.json'], { cwd: designFolder({ 'bad.json': blogWithDuplicateName() }) });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.json: stacks\[0\]\.interfaces\[2\]\.name: /m);
    const missing = await runBundle(['audit', 'gone.json', '--json'], { cwd: designFolder() });
    expect(missing.code).toBe(2);
    expect(CliErrorOutputSchema.parse(JSON.parse(missing.stdout)).error.file).toBe('gone.json');
  });

  it('draws a progress bar on a terminal while a large design is audited, and erases it', async () => {
    const io = memoryIo({
      cwd: designFolder({ 'big.json': bigAuditDesign(11, 10) }),
      tty: true,
      env: { NO_COLOR: '1' },
    });
    expect(await runCli(['audit', 'big.json'], io)).toBe(0);
    const frames = io.err().split('\r').filter(Boolean);
    expect(frames.at(-1)).toBe('\u001b[2K');
    const drawn = frames
      .slice(0, -1)
      .map((f) => /^\[([#-]{10})\] (\d+)\/110 rows of big\.json's matrix\u001b\[K$/.exec(f));
    expect(drawn.every(Boolean)).toBe(true);
    const done = drawn.map((m) => Number(m![2]));
    expect(done[0]).toBe(1);
    expect(done.at(-1)).toBe(110);
    expect(done.every((d, i) => i === 0 || d > done[i - 1]!)).toBe(true);
    // Redrawn when the percentage moves, not on every row.
    expect(done.length).toBeLessThanOrEqual(101);
    expect(drawn.at(-1)![1]).toBe('##########');
    // Beyond 40 jails the jail-to-jail columns are counted per row.
    expect(io.out()).toContain('the other jails (counted)');
    const quiet = memoryIo({ cwd: designFolder({ 'blog.json': blogExample() }), tty: true });
    await runCli(['audit', 'blog.json'], quiet);
    expect(quiet.err()).toBe('');
  });
});

describe('patchbay audit on a terminal', () => {
  it('numbers the jail columns when their names do not fit its width', async () => {
    const io = memoryIo({
      cwd: designFolder({ 'twelve.json': bigAuditDesign(2, 6) }),
      tty: true,
      env: { NO_COLOR: '1' },
    });
    expect(await runCli(['audit', 'twelve.json'], io)).toBe(0);
    expect(io.out()).toMatch(/^from ↓ to → +LAN +Internet +Host +1 +2 +3 .+ 12$/m);
    expect(io.out()).toMatch(/^ 1 j0-0 +\S+ +\S+ +\S+ +· /m);
    for (const line of io.out().split('\n').slice(3, 16)) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('colours verdicts only on a terminal without NO_COLOR', async () => {
    const output = async (env: Record<string, string>, tty: boolean) => {
      const io = memoryIo({ cwd: designFolder({ 'tor.json': blogTorReachesLan() }), env, tty });
      expect(await runCli(['audit', 'tor.json'], io)).toBe(1);
      return io.out();
    };
    expect(await output({}, true)).toContain('\u001b[31m✗\u001b[39m');
    expect(await output({ NO_COLOR: '1' }, true)).not.toContain('\u001b[');
    expect(await output({}, false)).not.toContain('\u001b[');
  });
});

describe('patchbay audit --from JAIL --to DEST', () => {
  it('explains one pair hop by hop, with the deciding rule and the address asked', async () => {
    const cwd = designFolder({ 'blog.json': blogExample() });
    const run = await runBundle(['audit', 'blog.json', '--from', 'tor-relay', '--to', 'lan'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^tor-relay → lan \(IPv4\): blocked by pf$/m);
    expect(run.stdout).toContain('asked at 192.168.1.254, tcp (other ports)');
    expect(run.stdout).toMatch(
      /^ +3\. pf in gateway\.example\.org blocks it .+\[patchbay\/intents:\d+\] +← stopped here$/m,
    );
    const json = explanation(
      (await runBundle(['audit', 'blog.json', '--from', 'tor-relay', '--to', 'lan', '--json'], { cwd })).stdout,
    );
    expect(json).toEqual(explain(blogExample(), { kind: 'stack', id: 'tor' }, { kind: 'lan', id: 'lan' }));
  });

  it('asks one kind of traffic with :tcp/PORT, :udp/PORT or :icmp, at a name or an address', async () => {
    const cwd = designFolder({ 'tor.json': blogTorReachesLan() });
    const named = explanation(
      (await runBundle(['audit', 'tor.json', '--from', 'www-jail', '--to', 'tor-relay:udp/53', '--json'], { cwd }))
        .stdout,
    );
    expect(named).toMatchObject({ address: '10.0.1.2', probe: 'udp/53' });
    const typed = await runBundle(['audit', 'tor.json', '--from', 'tor-relay', '--to', '192.168.1.20:tcp/22'], { cwd });
    expect(typed.code).toBe(0);
    expect(typed.stdout).toMatch(/^tor-relay → 192\.168\.1\.20:tcp\/22 \(IPv4\): reachable$/m);
    expect(typed.stdout).toContain('asked at 192.168.1.20, tcp/22');
    expect(typed.stdout).toMatch(/Reply:\n/);
  });

  it('gives the IPv6 answer too in a dual-stack design, and takes an IPv6 address', async () => {
    const cwd = designFolder({ 'dual.json': dualStackDesign() });
    const run = await runBundle(['audit', 'dual.json', '--from', 'www-jail', '--to', 'internet:tcp/443'], { cwd });
    expect(run.stdout).toMatch(/^www-jail → internet:tcp\/443 \(IPv4\): reachable$/m);
    expect(run.stdout).toMatch(/^www-jail → internet:tcp\/443 \(IPv6\): reachable$/m);
    expect(run.stdout).toContain('asked at 2001:db8:ffff:ffff::80, tcp/443');
    const six = explanation(
      (
        await runBundle(['audit', 'dual.json', '--from', 'www-jail', '--to', '[2001:db8:1:a::2]:icmp', '--json'], {
          cwd,
        })
      ).stdout,
    );
    expect(six).toMatchObject({ family: 6, address: '2001:db8:1:a::2', probe: 'icmp', verdict: 'reachable' });
  });

  it('exits 2 naming the option and what it takes for an unknown jail or a bad destination', async () => {
    const cwd = designFolder({ 'blog.json': blogExample() });
    const from = await runBundle(['audit', 'blog.json', '--from', 'www', '--to', 'lan'], { cwd });
    expect(from.code).toBe(2);
    expect(from.stderr).toContain(
      '--from "www" is not in the design: --from takes a jail\'s name (snort-jail, www-jail, tor-relay)',
    );
    for (const [to, why] of [
      ['nowhere', '"nowhere" is not a jail, LAN or address of the design'],
      ['lan:tcp', 'tcp and udp need a port'],
      ['lan:tcp/70000', 'port 70000 is outside 1-65535'],
      ['10.0.0.300', '"10.0.0.300" is not an IPv4 address'],
      ['fe80::zz', '"fe80::zz" is not an IPv6 address'],
    ]) {
      const run = await runBundle(['audit', 'blog.json', '--from', 'www-jail', '--to', to!, '--json'], { cwd });
      expect(run.code, to).toBe(2);
      const error = CliErrorOutputSchema.parse(JSON.parse(run.stdout)).error;
      expect(error.field).toBe('--to');
      expect(error.message).toContain(why);
      expect(error.message).toContain('snort-jail, www-jail, tor-relay');
    }
  });
});

describe('patchbay audit --against OLD.json', () => {
  const cwd = () =>
    designFolder({ 'base.json': blogExample(), 'tor.json': blogTorReachesLan(), 'same.json': blogExample() });

  it('lists the pairs a change opens with the rule that decides, and the intents it newly breaks', async () => {
    const run = await runBundle(['audit', 'tor.json', '--against', 'base.json'], { cwd: cwd() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Changes since base.json: 2 pairs');
    expect(run.stdout).toMatch(/^ +\+ tor-relay now reaches LAN: blocked by pf → reachable +\[new path to the LAN\]$/m);
    expect(run.stdout).toMatch(
      /rule: patchbay\/intents:1 pass quick from 10\.0\.1\.2 to 192\.168\.1\.0\/24 keep state/,
    );
    expect(run.stdout).toContain('Newly broken: tor-relay reaches only the internet');
  });

  it("gives every changed pair in --json, as core's differential audit does", async () => {
    const run = await runBundle(['audit', 'tor.json', '--against', 'base.json', '--format', 'json'], { cwd: cwd() });
    const changes = report(run.stdout).changes!;
    const core = auditReport(blogTorReachesLan(), 'from-design', blogExample()).sinceSaved!;
    expect(changes.count).toBe(core.count);
    expect(changes.pairs.map(({ reason: _, rule: __, ...pair }) => pair)).toEqual(core.changes);
    expect(changes.newlyBroken).toEqual(['tor-internet-only']);
    expect(changes.pairs.every((p) => p.rule && p.reason)).toBe(true);
  });

  it('says "no changes" and exits 0 when nothing changed', async () => {
    const run = await runBundle(['audit', 'same.json', '--against', 'base.json', '--fail-on-new-lan'], { cwd: cwd() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Changes since base.json: no changes');
  });

  it('fails on a new path to the LAN only with --fail-on-new-lan', async () => {
    const folder = designFolder({
      'closed.json': blogWithoutIntents({ torRoutes: false }),
      'open.json': blogWithoutIntents({ torRoutes: true }),
    });
    const plain = await runBundle(['audit', 'open.json', '--against', 'closed.json'], { cwd: folder });
    expect(plain.code).toBe(0);
    const gated = await runBundle(['audit', 'open.json', '--against', 'closed.json', '--fail-on-new-lan'], {
      cwd: folder,
    });
    expect(gated.code).toBe(1);
    expect(gated.stdout).toContain('open.json: a jail newly reaches the LAN (exit 1).');
    const json = report(
      (
        await runBundle(['audit', 'open.json', '--against', 'closed.json', '--fail-on-new-lan', '--json'], {
          cwd: folder,
        })
      ).stdout,
    );
    expect(json.ok).toBe(false);
    // Closing it again is no new path.
    const back = await runBundle(['audit', 'closed.json', '--against', 'open.json', '--fail-on-new-lan'], {
      cwd: folder,
    });
    expect(back.code).toBe(0);
  });

  it('names the ports a change newly exposes, though no pair of the matrix changes', async () => {
    const folder = designFolder({ 'base.json': blogExample(), 'web.json': blogWithPortForward() });
    const text = await runBundle(['audit', 'web.json', '--against', 'base.json'], { cwd: folder });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('  www-jail — tcp/443 from the LAN via 192.168.1.10:443');
    expect(text.stdout).toMatch(/rdr: main ruleset line 2: rdr pass on ixl0 .+ · filter: in on ixl0: not filtered/);
    expect(text.stdout).toContain('  Newly exposed: www-jail — tcp/443 from the LAN via 192.168.1.10:443');
    const markdown = await runBundle(['audit', 'web.json', '--against', 'base.json', '--format', 'markdown'], {
      cwd: folder,
    });
    expect(markdown.stdout).toContain(
      '### Newly exposed ports (1)\n\n- www-jail — tcp/443 from the LAN via 192.168.1.10:443',
    );
    const json = report(
      (await runBundle(['audit', 'web.json', '--against', 'base.json', '--json'], { cwd: folder })).stdout,
    );
    expect(json.changes!.newlyExposed.map((e) => e.text)).toEqual([
      'www-jail — tcp/443 from the LAN via 192.168.1.10:443',
    ]);
    expect(json.exposed[0]).toMatchObject({ jail: 'www', port: 443, rdr: { line: 2 } });
  });

  it('writes a pull request comment with --format markdown', async () => {
    const run = await runBundle(['audit', 'tor.json', '--against', 'base.json', '--format', 'markdown'], {
      cwd: cwd(),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^## Patchbay audit: `tor\.json` against `base\.json`$/m);
    expect(run.stdout).toContain('❌ 2 pairs opened · 0 closed · **1 new path to the LAN** · **1 intent broken**.');
    expect(run.stdout).toMatch(
      /^\| tor-relay \| LAN ⚠️ \| blocked by pf \| reachable \| .+ \| `patchbay\/intents:1 pass quick .+` \|$/m,
    );
    expect(run.stdout).toContain('- ❌ **tor-relay reaches only the internet** (newly broken)');
    const none = await runBundle(['audit', 'same.json', '--against', 'base.json', '--format', 'markdown'], {
      cwd: cwd(),
    });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('✅ no changes: no pair reaches more or less than before · 1 intent, all hold.');
  });
});

describe('patchbay audit usage', () => {
  const cwd = () => designFolder({ 'blog.json': blogExample() });
  it.each([
    [['audit'], 'audit takes one design file'],
    [['audit', 'blog.json', 'more.json'], 'audit takes one design file'],
    [['audit', 'blog.json', '--from', 'www-jail'], '--from and --to go together'],
    [['audit', 'blog.json', '--to', 'lan'], '--from and --to go together'],
    [['audit', 'blog.json', '--fail-on-new-lan'], '--fail-on-new-lan needs --against OLD.json'],
    [['audit', 'blog.json', '--format', 'html'], '--format "html": the formats are text, markdown, json'],
    [
      ['audit', 'blog.json', '--from', 'www-jail', '--to', 'lan', '--against', 'blog.json'],
      '--against audits a change',
    ],
    [['audit', 'blog.json', '--from', 'www-jail', '--to', 'lan', '--format', 'markdown'], 'not one pair'],
    [['audit', 'blog.json', '--form', 'x'], "Unknown option '--form'"],
  ])('exits 2 for %j', async (args, message) => {
    const run = await runBundle(args, { cwd: cwd() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('refuses --json with another --format, in JSON', async () => {
    const run = await runBundle(['audit', 'blog.json', '--json', '--format', 'markdown'], { cwd: cwd() });
    expect(run.code).toBe(2);
    expect(CliErrorOutputSchema.parse(JSON.parse(run.stdout)).error.message).toContain(
      '--json and --format markdown ask for two outputs',
    );
  });

  it('answers a usage error in JSON under --format json as under --json', async () => {
    const run = await runBundle(['audit', 'blog.json', '--format', 'json', '--from', 'x', '--to', 'lan'], {
      cwd: cwd(),
    });
    expect(run.code).toBe(2);
    expect(CliErrorOutputSchema.parse(JSON.parse(run.stdout)).error.field).toBe('--from');
  });

  it('is listed second in patchbay --help', async () => {
    const help = await runBundle(['--help'], { cwd: cwd() });
    expect(help.stdout).toMatch(/^ {2}validate .+\n {2}audit /m);
  });
});
