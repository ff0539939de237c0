import type { Explanation } from '../../core/audit/report';
import type { Style } from '../common/style';
import { VERDICT_WORDS } from '../../core/audit/verdict';

// `patchbay audit DESIGN.json --from JAIL --to DEST`: one pair, hop by hop, as the dashboard's
// explanation shows it: the verdict, the address asked, every step of the request and of its reply
// with the pf rule that decided it, and the IPv6 answer beside the IPv4 one.

function steps(title: string, list: Explanation['forward'], style: Style): string[] {
  if (list.length === 0) return [];
  return [
    `  ${title}:`,
    ...list.map((step, i) => {
      const rule = step.rule ? style.dim(`  [${step.rule}]`) : '';
      const text = `${String(i + 1).padStart(4)}. ${step.text}${rule}`;
      return step.blocked ? style.red(`${text}  ← stopped here`) : text;
    }),
  ];
}

function familyText(title: string, explanation: Explanation, style: Style): string[] {
  const family = explanation.family ?? 4;
  const label = explanation.noIpv6 ? VERDICT_WORDS['no-ipv6'] : VERDICT_WORDS[explanation.verdict];
  const colour = explanation.noIpv6
    ? style.dim
    : explanation.verdict === 'reachable'
      ? style.green
      : explanation.verdict === 'partial'
        ? style.yellow
        : style.red;
  const lines = [`${style.bold(`${title} (IPv${family})`)}: ${colour(label)}`, `  ${explanation.summary}`];
  if (explanation.address)
    lines.push(`  asked at ${explanation.address}${explanation.probe ? `, ${explanation.probe}` : ''}`);
  if (explanation.uncertain)
    lines.push(
      style.yellow(
        `  ⚠ uncertain: ${explanation.uncertain.rule} — ${explanation.uncertain.reason}. The audit could not evaluate this rule in full; the verdict may differ on the host.`,
      ),
    );
  if (explanation.natFix)
    lines.push(
      `  nat on ${explanation.natFix.nic} would bring the replies back (the host NATs nothing out of it for this jail).`,
    );
  lines.push(...steps('Request', explanation.forward, style), ...steps('Reply', explanation.reply, style));
  return lines;
}

export function explanationText(title: string, explanation: Explanation, style: Style): string[] {
  return [
    ...familyText(title, explanation, style),
    ...(explanation.ipv6 ? ['', ...familyText(title, explanation.ipv6, style)] : []),
  ];
}
