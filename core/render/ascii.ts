import type { Interface, Stack, Topology } from '../topology/schema';

// The design as a text diagram in the style of the blog's sketch (docs/architecture.md, design rules): the host box on
// the left with its NICs and bridges, each jail on the right, and every epair drawn as an arrow from the
// bridge member row to the jail's row. What does not fit that picture (epairs between jails, loose
// host ends, LANs) is listed under it, so nothing in the design is left out.

const ARROW = '---->';

function label(iface: Interface): string {
  return [iface.name, ...iface.addresses].join(' ');
}

function stackName(stack: Stack): string {
  return stack.kind === 'host' ? `Host ${stack.hostname}` : stack.name;
}

interface Row {
  left: string;
  right: string;
  arrow: boolean;
}

export function renderAscii(t: Topology): string {
  const host = t.stacks.find((s) => s.kind === 'host');
  if (!host) return '';
  const byId = new Map(t.stacks.flatMap((s) => s.interfaces.map((i) => [i.id, { iface: i, stack: s }] as const)));
  const bridges = host.interfaces.filter((i) => i.kind === 'bridge');
  const nics = host.interfaces.filter((i) => i.kind === 'physical');
  const inner = Math.max(
    16,
    ...[...nics, ...bridges].map((i) => label(i).length),
    ...bridges.flatMap((b) =>
      b.kind === 'bridge' ? b.members.map((m) => (byId.get(m)?.iface.name.length ?? 0) + 2) : [],
    ),
  );
  const jailWidth = Math.max(
    12,
    ...t.stacks
      .filter((s) => s.kind === 'jail')
      .flatMap((s) => [s.name.length, ...s.interfaces.map((i) => label(i).length)]),
  );
  const box = (text: string) => `| ${text.padEnd(inner)} |`;
  const border = `+${'-'.repeat(inner + 2)}+`;
  const jailLine = (text: string) => `| ${text.padEnd(jailWidth)} |`;
  const jailBorder = `+${'-'.repeat(jailWidth + 2)}+`;
  const rows: Row[] = [{ left: stackName(host), right: '', arrow: false }];
  const drawn = new Set<string>();
  for (const nic of nics)
    rows.push(
      { left: border, right: '', arrow: false },
      { left: box(label(nic)), right: '', arrow: false },
      { left: border, right: '', arrow: false },
    );
  for (const bridge of bridges) {
    rows.push({ left: border, right: '', arrow: false }, { left: box(label(bridge)), right: '', arrow: false });
    for (const memberId of bridge.kind === 'bridge' ? bridge.members : []) {
      const member = byId.get(memberId)?.iface;
      if (!member) continue;
      const peer = member.kind === 'epair' ? byId.get(member.peer) : undefined;
      if (peer && peer.stack.kind === 'jail') {
        drawn.add(member.id).add(peer.iface.id);
        rows.push(
          { left: box(''), right: jailBorder, arrow: false },
          { left: box(''), right: jailLine(peer.stack.name), arrow: false },
        );
        rows.push(
          { left: box(`  ${member.name}`), right: jailLine(label(peer.iface)), arrow: true },
          { left: box(''), right: jailBorder, arrow: false },
        );
      } else {
        rows.push({ left: box(`  ${member.name}`), right: '', arrow: false });
      }
    }
    rows.push({ left: border, right: '', arrow: false });
  }
  const leftWidth = inner + 4;
  const lines = [`+${'-'.repeat(leftWidth + 2)}+`];
  for (const row of rows) {
    const left = `| ${row.left.padEnd(leftWidth)} |`;
    lines.push(row.right ? `${left}${row.arrow ? ARROW : ' '.repeat(ARROW.length)}${row.right}` : left);
  }
  lines.push(`+${'-'.repeat(leftWidth + 2)}+`);
  const extra: string[] = [];
  for (const { iface, stack } of byId.values()) {
    if (iface.kind !== 'epair' || iface.end !== 'a' || drawn.has(iface.id)) continue;
    const peer = byId.get(iface.peer);
    extra.push(
      `epair ${stackName(stack)}/${label(iface)} <-> ${peer ? `${stackName(peer.stack)}/${label(peer.iface)}` : '(missing end)'}`,
    );
  }
  for (const stack of t.stacks) {
    if (stack.kind !== 'jail') continue;
    const shown = stack.interfaces.filter((i) => i.kind !== 'loopback' && !drawn.has(i.id) && i.kind !== 'epair');
    for (const iface of shown) extra.push(`${iface.kind} ${stack.name}/${label(iface)}`);
    if (!stack.interfaces.some((i) => drawn.has(i.id)) && !stack.interfaces.some((i) => i.kind === 'epair'))
      extra.push(`jail ${stack.name} (no network)`);
  }
  for (const segment of t.segments) {
    if (segment.kind === 'lan')
      extra.push(
        `${segment.name} ${segment.cidr}${segment.gateway ? ` gateway ${segment.gateway}` : ''} <- ${byId.get(segment.uplink)?.iface.name ?? '?'}`,
      );
    else extra.push(`${segment.name} via ${t.segments.find((s) => s.id === segment.via)?.name ?? '?'}`);
  }
  return `${[...lines, ...(extra.length ? ['', ...extra] : [])].join('\n')}\n`;
}
