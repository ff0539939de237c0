import type { Vnet } from '../state';

// `pfctl -s info` in the layout of fixtures/freebsd/pfctl-s-info-telegraf.txt (an older pfctl;
// newer ones print more rows). Widths measured on the fixture: status "%-44s%15s", header
// "%-27s %14s %16s", rows "  %-25s %14u" plus " %14.1f/s" where a rate applies (total over the time
// pf has been enabled). Moved here unchanged from commands/pfctl.ts.

const STATE_ROWS = ['searches', 'inserts', 'removals'];
const COUNTER_ROWS = [
  'match',
  'bad-offset',
  'fragment',
  'short',
  'normalize',
  'memory',
  'bad-timestamp',
  'congestion',
  'ip-option',
  'proto-cksum',
  'state-mismatch',
  'state-insert',
  'state-limit',
  'src-limit',
  'synproxy',
];

export function info(vnet: Vnet, clock: number): string {
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
