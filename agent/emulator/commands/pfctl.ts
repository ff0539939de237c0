import { flushRuleset } from '../pf/flush';
import { info } from '../pf/info';
import { loadRules, type LoadOptions } from '../pf/load';
import { parsePfctlArgs, type PfctlOptions } from '../pf/options';
import { showAnchors, showRules } from '../pf/show';
import { tableCommand, tablesOf } from '../pf/tables';
import type { Vnet } from '../state';
import { abort, CommandFailure, guard, unsupported, type Command, type CommandContext, type Output } from './output';

// pfctl(8) for one vnet's pf (docs/freebsd/pf.md). main() in sbin/pfctl/pfctl.c (commit 00406234,
// the same order at bc5ed32b) works in this order, and so does this command:
//   option checks → -d → -s → -F → -f → -e.
// errx() in pfctl_enable()/pfctl_disable() ends the run at once; a failed load exits 1 from
// pfctl_rules(); the listings' return values are ignored, so they exit 0 even after a warning.
// With -n, main() drops -s, -F, -e and -d: only the check of -f is left.

function checkAnchorOption(options: PfctlOptions, release: string): void {
  const anchor = options.anchor;
  if (anchor === undefined) return;
  const changes = options.file !== undefined || options.flush !== undefined;
  if (anchor === '' && !options.recurse) {
    // 00406234: errx(1, "anchor name must not be empty"); bc5ed32b has no such check (not modelled).
    if (release !== '15') unsupported('pfctl', '-a "" on this release');
    abort('pfctl', 'anchor name must not be empty');
  }
  if (!changes && !options.enable && !options.disable && options.show === undefined && !options.tableCommand) {
    unsupported(
      'pfctl',
      '-a without -f, -F, -s or -T (pfctl warns "anchors apply to -f, -F, -s, and -T only" and prints its usage)',
    );
  }
  if (changes && (options.anchor!.startsWith('_') || options.anchor!.includes('/_'))) {
    abort('pfctl', "anchor names beginning with '_' cannot be modified from the command line");
  }
}

function enable(ctx: CommandContext, vnet: Vnet, quiet: boolean): string {
  // pfctl_enable(): errx(1, "pf already enabled") on EEXIST; "pf enabled" on stderr unless -q.
  if (vnet.pf.enabled) abort('pfctl', 'pf already enabled');
  Object.assign(vnet.pf, { enabled: true, enabledAt: ctx.state.clock });
  return quiet ? '' : 'pf enabled\n';
}

function disable(vnet: Vnet, quiet: boolean): string {
  // pfctl_disable(): errx(1, "pf not enabled") on ENOENT; "pf disabled" on stderr unless -q.
  if (!vnet.pf.enabled) abort('pfctl', 'pf not enabled');
  vnet.pf.enabled = false;
  return quiet ? '' : 'pf disabled\n';
}

function show(
  ctx: CommandContext,
  vnet: Vnet,
  options: PfctlOptions,
): { stdout: string; stderr: string; code?: number } {
  const anchor = options.anchor ?? '';
  switch (options.show) {
    case 'rules':
    case 'nat':
      return showRules(vnet, {
        release: ctx.state.release,
        anchor,
        recurse: options.recurse,
        what: options.show,
        numeric: options.numeric,
      });
    case 'Anchors':
      return showAnchors(vnet, ctx.state.release, anchor);
    case 'info':
      if (options.anchor !== undefined) unsupported('pfctl', '-s info with -a');
      return { stdout: info(vnet, ctx.state.clock), stderr: '' };
    case 'Tables':
      // pfctl_show_tables() → pfctl_table("-s"): the anchor's own tables, by name.
      if (options.recurse) unsupported('pfctl', '-s Tables with a recursive anchor');
      return {
        stdout: tablesOf(vnet, anchor)
          .map((name) => `${name}\n`)
          .join(''),
        stderr: '',
      };
    case 'Running':
      // print_running() (pfctl_parser.c, 04fecb9b); main() exits with pfctl_show_running()'s !running.
      return {
        stdout: vnet.pf.enabled ? 'Enabled\n' : 'Disabled\n',
        stderr: '',
        ...(vnet.pf.enabled ? {} : { code: 1 }),
      };
    default:
      return unsupported('pfctl', `-s ${options.show}`);
  }
}

export const pfctl: Command = (args, ctx) =>
  guard((): Output => {
    const vnet = ctx.state.vnets.get(ctx.vnet)!;
    const options = parsePfctlArgs(args);
    checkAnchorOption(options, ctx.state.release);
    const load: LoadOptions | undefined =
      options.file === undefined
        ? undefined
        : {
            anchor: options.anchor ?? '',
            file: options.file,
            checkOnly: options.checkOnly,
            natOnly: options.natOnly,
            filterOnly: options.filterOnly,
          };
    if (options.checkOnly)
      return load ? loadRules(ctx.state, vnet, load, ctx.stdin) : { code: 0, stdout: '', stderr: '' };
    let stdout = '';
    let stderr = '';
    let code = 0;
    const said = (out: { stdout?: string; stderr?: string; code?: number }) => {
      stdout += out.stdout ?? '';
      stderr += out.stderr ?? '';
      if (out.code) code = out.code;
    };
    // errx() leaves what was printed before it on the terminal: keep it in front of the error.
    const run = (step: () => void): Output | undefined => {
      try {
        step();
        return undefined;
      } catch (error) {
        if (!(error instanceof CommandFailure)) throw error;
        return { ...error.output, stdout: stdout + error.output.stdout, stderr: stderr + error.output.stderr };
      }
    };
    const steps: (() => void)[] = [];
    if (options.disable) steps.push(() => said({ stderr: disable(vnet, options.quiet) }));
    if (options.show !== undefined) steps.push(() => said(show(ctx, vnet, options)));
    if (options.flush !== undefined)
      steps.push(() =>
        said({
          stderr: flushRuleset(vnet, {
            release: ctx.state.release,
            anchor: options.anchor ?? '',
            what: options.flush!,
            quiet: options.quiet,
            recurse: options.recurse,
            clock: ctx.state.clock,
          }),
        }),
      );
    if (load) {
      steps.push(() => {
        const loaded = loadRules(ctx.state, vnet, load, ctx.stdin);
        said(loaded);
        // pfctl_rules() exits 1 from _error for the top-level load.
        if (loaded.code !== 0) throw new CommandFailure({ code: loaded.code, stdout: '', stderr: '' });
      });
    }
    if (options.tableCommand !== undefined) {
      // main(): pfctl_table() runs after the flushes and before the rules are loaded; -f with -T is its file.
      if (options.table === undefined) unsupported('pfctl', '-T without -t');
      if (load) unsupported('pfctl', '-T with -f (addresses from a file)');
      if (options.recurse) unsupported('pfctl', '-T with a recursive anchor');
      const request = {
        anchor: options.anchor ?? '',
        name: options.table,
        command: options.tableCommand,
        operands: options.tableOperands,
        quiet: options.quiet,
      };
      steps.push(() => said(tableCommand(vnet, request)));
    }
    if (options.enable) steps.push(() => said({ stderr: enable(ctx, vnet, options.quiet) }));
    if (steps.length === 0) unsupported('pfctl', `this option combination: ${args.join(' ')}`);
    for (const step of steps) {
      const stopped = run(step);
      if (stopped) return stopped;
    }
    return { code, stdout, stderr };
  });
