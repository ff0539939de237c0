import type { Token } from '../../../core/pf/tokenize';
import { unsupported } from '../commands/output';
import { addressFamily } from '../pf-rules';

// pfctl turns one written rule with `{ lists }` into one kernel rule per combination, and the
// listing shows each (sbin/pfctl/parse.y expand_rule(), commit 01c44736: nested LOOP_THROUGH over
// interfaces, protocols, icmp types, source hosts, source ports, source OS, destination hosts,
// destination ports, users, groups; a combination whose address families disagree with each other
// or with the rule's `inet`/`inet6` is skipped, and if none is left: "rule expands to no valid
// combination"). The emulator expands the lists after `on`, `proto`, `from`, `to` and `port`;
// lists anywhere else (icmp-type, user, group, a `->` pool) are refused.

type Slot = 'on' | 'proto' | 'from' | 'from-port' | 'to' | 'to-port';

// expand_rule()'s loop order, outermost first.
const LOOP_ORDER: readonly Slot[] = ['on', 'proto', 'from', 'from-port', 'to', 'to-port'];

interface ListSpan {
  slot: Slot;
  start: number;
  end: number;
  items: Token[][];
}

/** The address family of the host after `from`/`to` in an expanded rule; undefined for any, tables, interfaces. */
function hostFamily(tokens: Token[], keyword: 'from' | 'to'): 4 | 6 | undefined {
  let at = tokens.findIndex((t) => !t.quoted && t.text === keyword);
  if (at < 0) return undefined;
  if (tokens[at + 1]?.text === '!') at++;
  return addressFamily(tokens[at + 1]?.text);
}

function slotOf(tokens: Token[], at: number, seen: Set<string>): Slot | undefined {
  let before = at - 1;
  if (tokens[before]?.text === '!' && !tokens[before]!.quoted) before--;
  const word = tokens[before]?.quoted ? '' : tokens[before]?.text;
  if (word === 'on' || word === 'proto') return word;
  if (word === 'from' || word === 'to') {
    seen.add(word);
    return word;
  }
  if (word === 'port') return seen.has('to') ? 'to-port' : 'from-port';
  return undefined;
}

function findLists(tokens: Token[]): ListSpan[] {
  const spans: ListSpan[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.quoted && (t.text === 'from' || t.text === 'to')) seen.add(t.text);
    if (t.quoted || t.text !== '{') continue;
    const slot = slotOf(tokens, i, seen);
    if (!slot)
      unsupported(
        'pfctl',
        `a { list } after "${tokens[i - 1]?.text ?? ''}" (only lists after on, proto, from, to and port are expanded)`,
      );
    if (tokens[i - 1]?.text === '!') unsupported('pfctl', 'a negated { list }');
    const items: Token[][] = [];
    let j = i + 1;
    let item: Token[] = [];
    for (; j < tokens.length && !(tokens[j]!.text === '}' && !tokens[j]!.quoted); j++) {
      const u = tokens[j]!;
      if (!u.quoted && u.text === '{') unsupported('pfctl', 'a nested { list }');
      if (!u.quoted && u.text === ',') continue;
      item.push(u);
      // An item is one word, or "!" and one word.
      if (!(u.text === '!' && !u.quoted)) {
        items.push(item);
        item = [];
      }
    }
    if (item.length) unsupported('pfctl', 'a { list } ending in "!"');
    spans.push({ slot, start: i, end: j, items });
    i = j;
  }
  return spans;
}

/** Words joined back into rule text, with `(if)` kept together as written. */
function render(tokens: Token[]): string {
  let out = '';
  tokens.forEach((t, i) => {
    const word = t.quoted ? `"${t.text}"` : t.text;
    const previous = tokens[i - 1];
    const glued =
      i === 0 ||
      (previous && !previous.quoted && previous.text === '(') ||
      (!t.quoted && (t.text === ')' || t.text === ','));
    out += glued ? word : ` ${word}`;
  });
  return out;
}

/** Whether the rule's `inet`/`inet6` and the families of its source and destination agree with each other. */
function familiesAgree(tokens: Token[]): boolean {
  const ruleAf = tokens.some((t) => !t.quoted && t.text === 'inet6')
    ? 6
    : tokens.some((t) => !t.quoted && t.text === 'inet')
      ? 4
      : undefined;
  const fromAf = hostFamily(tokens, 'from');
  const toAf = hostFamily(tokens, 'to');
  return !(
    (ruleAf && fromAf && ruleAf !== fromAf) ||
    (ruleAf && toAf && ruleAf !== toAf) ||
    (fromAf && toAf && fromAf !== toAf)
  );
}

/**
 * The rules a written rule (`text`, split into `tokens`) becomes, in pfctl's order; [] when no combination is valid.
 */
export function expandRule(text: string, tokens: Token[]): string[] {
  const spans = findLists(tokens);
  // A rule without lists is one combination, checked like any other (expand_rule() runs for it too).
  if (spans.length === 0) return familiesAgree(tokens) ? [text] : [];
  if (new Set(spans.map((s) => s.slot)).size !== spans.length) unsupported('pfctl', 'two { lists } in one position');
  const ordered = [...spans].sort((a, b) => LOOP_ORDER.indexOf(a.slot) - LOOP_ORDER.indexOf(b.slot));
  const out: string[] = [];
  const choose = (level: number, picked: Map<Slot, Token[]>) => {
    if (level === ordered.length) {
      const result: Token[] = [];
      let at = 0;
      for (const span of spans) {
        result.push(...tokens.slice(at, span.start), ...picked.get(span.slot)!);
        at = span.end + 1;
      }
      result.push(...tokens.slice(at));
      if (familiesAgree(result)) out.push(render(result));
      return;
    }
    const span = ordered[level]!;
    for (const item of span.items) choose(level + 1, new Map(picked).set(span.slot, item));
  };
  choose(0, new Map());
  return out;
}
