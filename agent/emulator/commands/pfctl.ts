import type { Vnet } from '../state';
import { canonicalRule, checkRules, isNatRule } from '../pf-rules';
import { abort, guard, ok, type Command, type CommandContext, type Output } from './output';

// pfctl(8) as the agent uses it (reference/freebsd.md §9): -e/-d, `-a <anchor> -f -` (with -n to only
// check), -s rules|nat|Anchors|info, -F rules|nat|all. Informational messages go to stderr and the
// exit status decides success (§11 item 12). A failed load keeps the old ruleset.

interface Options {
  anchor?: string;
  file?: string;
  show?: string;
  flush?: string;
  checkOnly: boolean;
  enable: boolean;
  disable: boolean;
}

function parseOptions(args: string[]): Options {
  const options: Options = { checkOnly: false, enable: false, disable: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => args[++i] ?? abort('pfctl', `option ${arg} requires an argument`);
    if (arg === '-a') options.anchor = value();
    else if (arg === '-f') options.file = value();
    else if (arg === '-s') options.show = value();
    else if (arg === '-F') options.flush = value();
    else if (arg === '-n') options.checkOnly = true;
    else if (arg === '-e') options.enable = true;
    else if (arg === '-d') options.disable = true;
    else if (arg === '-q') continue;
    else if (/^-s[a-zA-Z]+$/.test(arg)) options.show = { r: 'rules', n: 'nat', A: 'Anchors', i: 'info' }[arg.slice(2)] ?? arg.slice(2);
    else abort('pfctl', `unsupported option ${arg}`);
  }
  return options;
}

const STATE_ROWS = ['searches', 'inserts', 'removals'];
const COUNTER_ROWS = ['match', 'bad-offset', 'fragment', 'short', 'normalize', 'memory', 'bad-timestamp', 'congestion', 'ip-option', 'proto-cksum', 'state-mismatch', 'state-insert', 'state-limit', 'src-limit', 'synproxy'];

/**
 * `pfctl -s info` in the layout of the telegraf fixture (an older pfctl; newer ones print more rows).
 * Widths measured on the fixture: status "%-44s%15s", header "%-27s %14s %16s", rows "  %-25s %14u"
 * plus " %14.1f/s" where a rate applies (total over the time pf has been enabled).
 */
function info(vnet: Vnet, clock: number): string {
  const up = Math.max(0, Math.floor(clock - vnet.pf.enabledAt));
  const two = (n: number) => String(n).padStart(2, '0');
  const status = vnet.pf.enabled
    ? `Status: Enabled for ${Math.floor(up / 86400)} days ${two(Math.floor(up / 3600) % 24)}:${two(Math.floor(up / 60) % 60)}:${two(up % 60)}`
    : 'Status: Disabled';
  const total = (name: string) => vnet.pf.counters.get(name) ?? 0;
  const row = (name: string, withRate: boolean) =>
    `  ${name.padEnd(25)} ${String(total(name)).padStart(14)}${withRate ? ` ${(up > 0 ? total(name) / up : 0).toFixed(1).padStart(14)}/s` : ''}`;
  return `${[
    `${status.padEnd(44)}${'Debug: Urgent'.padStart(15)}`,
    '',
    `${'State Table'.padEnd(27)} ${'Total'.padStart(14)} ${'Rate'.padStart(16)}`,
    row('current entries', false),
    ...STATE_ROWS.map((name) => row(name, true)),
    'Counters',
    ...COUNTER_ROWS.map((name) => row(name, true)),
  ].join('\n')}\n`;
}

function rulesOf(vnet: Vnet, anchor: string, kind: 'rules' | 'nat'): string[] {
  return (vnet.pf.anchors.get(anchor)?.rules ?? []).filter((r) => isNatRule(r) === (kind === 'nat')).map(canonicalRule);
}

/**
 * `-a '*'` lists every anchor as a nested `anchor "name" all { ... }` block, two spaces per level (§9.1
 * fixture). The nat listing opens its blocks with `nat-anchor "name" all {` (pfctl_show_nat in
 * freebsd-src sbin/pfctl/pfctl.c, commit 00406234; no verbatim sample, and 13.x not checked).
 * Simplification: a real pfctl descends only into anchors the main ruleset calls (`anchor "x/*"`
 * hooks, §9.1); the emulator has no hooks, so it lists every loaded anchor as if each were called.
 */
function listTree(vnet: Vnet, prefix: string, kind: 'rules' | 'nat', depth: number): string[] {
  const indent = '  '.repeat(depth);
  const keyword = kind === 'nat' ? 'nat-anchor' : 'anchor';
  const children = [...new Set([...vnet.pf.anchors.keys()].filter((n) => n.startsWith(prefix) && n !== prefix.slice(0, -1) && n.length > prefix.length).map((n) => n.slice(prefix.length).split('/')[0]!))].sort();
  const own = prefix === '' ? rulesOf(vnet, '', kind) : rulesOf(vnet, prefix.slice(0, -1), kind);
  return [
    ...own.map((r) => `${indent}${r}`),
    ...children.flatMap((child) => [`${indent}${keyword} "${child}" all {`, ...listTree(vnet, `${prefix}${child}/`, kind, depth + 1), `${indent}}`]),
  ];
}

function listAnchor(vnet: Vnet, anchor: string | undefined, kind: 'rules' | 'nat'): string {
  const lines = anchor === '*' ? listTree(vnet, '', kind, 0) : rulesOf(vnet, anchor ?? '', kind);
  return lines.map((line) => `${line}\n`).join('');
}

function subAnchors(vnet: Vnet, anchor: string | undefined): string {
  const prefix = anchor ? `${anchor}/` : '';
  const names = [...vnet.pf.anchors.keys()].filter((name) => name !== '' && name.startsWith(prefix) && !name.slice(prefix.length).includes('/'));
  return names.sort().map((n) => `${n}\n`).join('');
}

function load(ctx: CommandContext, vnet: Vnet, options: Options): Output {
  if (options.file !== '-') return abort('pfctl', 'the emulator loads rules only from standard input (-f -)');
  const text = ctx.stdin ?? '';
  const error = checkRules(text);
  if (error) {
    // Verbatim shape: "stdin:2: syntax error" then the summary line, exit 1 (§9.1).
    return { code: 1, stdout: '', stderr: `stdin:${error.line}: syntax error\npfctl: Syntax error in config file: pf rules not loaded\n` };
  }
  if (options.checkOnly) return ok();
  const rules = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  vnet.pf.anchors.set(options.anchor ?? '', { rules });
  return ok();
}

function flush(vnet: Vnet, options: Options): Output {
  const anchor = vnet.pf.anchors.get(options.anchor ?? '');
  const what = options.flush;
  if (what !== 'rules' && what !== 'nat' && what !== 'all') return abort('pfctl', `unknown flush modifier '${what}'`);
  if (anchor) anchor.rules = what === 'all' ? [] : anchor.rules.filter((r) => isNatRule(r) === (what === 'rules'));
  // pfctl_clear_rules / pfctl_flush_rules print to stderr unless -q (§9.1).
  const said = what === 'all' ? 'rules cleared\nnat cleared\n' : `${what} cleared\n`;
  return ok('', said);
}

export const pfctl: Command = (args, ctx) =>
  guard(() => {
    const vnet = ctx.state.vnets.get(ctx.vnet)!;
    const options = parseOptions(args);
    if (options.enable) {
      if (vnet.pf.enabled) return abort('pfctl', 'pf already enabled'); // verbatim (§9.1)
      Object.assign(vnet.pf, { enabled: true, enabledAt: ctx.state.clock });
      return ok('', 'pf enabled\n');
    }
    if (options.disable) {
      if (!vnet.pf.enabled) return abort('pfctl', 'pf not enabled'); // wording ours
      vnet.pf.enabled = false;
      return ok('', 'pf disabled\n');
    }
    if (options.file !== undefined) return load(ctx, vnet, options);
    if (options.flush !== undefined) return flush(vnet, options);
    switch (options.show) {
      case 'rules':
      case 'nat':
        return ok(listAnchor(vnet, options.anchor, options.show));
      case 'Anchors':
        return ok(subAnchors(vnet, options.anchor));
      case 'info':
        return ok(info(vnet, ctx.state.clock));
      default:
        return abort('pfctl', `unsupported usage: ${args.join(' ')}`);
    }
  });
