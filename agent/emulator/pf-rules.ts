// Just enough of pf.conf(5) for the emulator: a syntax check that refuses what is obviously not a
// rule, and the documented ways pfctl rewrites a rule when it prints it back (reference §9.2).
// This is not pf's grammar; a rule it accepts might still be refused by a real pfctl.

const KEYWORDS = new Set(['pass', 'block', 'match', 'nat', 'rdr', 'binat', 'table', 'anchor', 'nat-anchor', 'rdr-anchor', 'binat-anchor', 'antispoof', 'set', 'scrub', 'load']);
const SERVICES: Record<string, string> = { '22': 'ssh', '25': 'smtp', '53': 'domain', '80': 'http', '443': 'https' };

export function isNatRule(rule: string): boolean {
  return /^(nat|rdr|binat)\b/.test(rule);
}

/** The first line that is not a rule, as `pfctl -n` would stop at it; undefined when all parse. */
export function checkRules(text: string): { line: number } | undefined {
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '' || line === '}' || line === '{') continue;
    const first = line.split(/\s+/)[0]!;
    const quotes = (line.match(/"/g) ?? []).length;
    if (!KEYWORDS.has(first) || quotes % 2 !== 0) return { line: i + 1 };
  }
  return undefined;
}

/** How pfctl prints a rule back: explicit `all`, default `flags S/SA keep state`, `inet`, service names. */
export function canonicalRule(rule: string): string {
  let tokens = rule.trim().split(/\s+/);
  tokens = tokens.map((t, i) => (tokens[i - 1] === 'port' && SERVICES[t] ? SERVICES[t]! : t));
  tokens = tokens.flatMap((t, i) => (t === 'port' && tokens[i + 1] !== '=' ? ['port', '='] : [t]));
  if (isNatRule(rule)) {
    const on = tokens.indexOf('on');
    if (on >= 0 && !tokens.includes('inet') && !tokens.includes('inet6')) tokens.splice(on + 2, 0, 'inet');
    // `-> (if)` gets the pool option pfctl adds (fixture pfctl-s-nat-a-anchor-12x-journal.txt).
    const target = tokens[tokens.indexOf('->') + 1];
    if (tokens[0] === 'nat' && target?.startsWith('(') && !tokens.includes('round-robin')) tokens.push('round-robin');
    return tokens.join(' ');
  }
  if (tokens[0] === 'pass' || tokens[0] === 'block') {
    if (!tokens.includes('from') && !tokens.includes('to') && !tokens.includes('all')) {
      const stateAt = tokens.findIndex((t) => t === 'keep' || t === 'no' || t === 'flags' || t === 'label' || t === 'modulate');
      tokens.splice(stateAt < 0 ? tokens.length : stateAt, 0, 'all');
    }
    const stateless = tokens.includes('no') && tokens[tokens.indexOf('no') + 1] === 'state';
    if (tokens[0] === 'pass' && !stateless && !tokens.includes('keep') && !tokens.includes('flags')) {
      const label = tokens.indexOf('label');
      const proto = tokens[tokens.indexOf('proto') + 1];
      const tcpLike = !tokens.includes('proto') || proto === 'tcp';
      tokens.splice(label < 0 ? tokens.length : label, 0, ...(tcpLike ? ['flags', 'S/SA'] : []), 'keep', 'state');
    }
  }
  return tokens.join(' ');
}
