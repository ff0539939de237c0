import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../agent/freebsd/test-fixtures';
import { ipv4 } from '../net/ipv4';
import { parsePf } from './parse';
import type { AnchorRule, FilterRule, HostTerm, Rule, TranslationRule } from './ruleset';
import { statements, tokenizeLine } from './tokenize';

// pf.conf(5) as an admin writes it and as `pfctl -sr/-sn` prints it. Semantics checked against
// FreeBSD's share/man/man5/pf.conf.5 (MACROS, TABLES, PARAMETERS, ANCHORS, TRANSLATION) and
// sbin/pfctl/parse.y (anchor names are optional on brace anchors; a brace must end its line).

const filter = (r: Rule | undefined): FilterRule => {
  if (r?.kind !== 'filter') throw new Error(`expected a filter rule, got ${r?.kind}`);
  return r;
};
const anchor = (r: Rule | undefined): AnchorRule => {
  if (r?.kind !== 'anchor') throw new Error(`expected an anchor rule, got ${r?.kind}`);
  return r;
};
const translation = (r: Rule | undefined): TranslationRule => {
  if (r?.kind !== 'nat' && r?.kind !== 'rdr' && r?.kind !== 'binat')
    throw new Error(`expected a translation rule, got ${r?.kind}`);
  return r;
};
const cidr = (text: string, negated = false): HostTerm => {
  const [addr = '', bits = '32'] = text.split('/');
  return { negated, atom: { kind: 'cidr', family: 4, net: ipv4(addr)!, bits: Number(bits), text } };
};
const ANY: HostTerm = { negated: false, atom: { kind: 'any' } };

function words(line: string): string[] {
  const tokens = tokenizeLine(line);
  if ('error' in tokens) throw new Error(tokens.error);
  return tokens.map((t) => t.text);
}

/** Parses text that must have no problems. */
function clean(text: string, options?: Parameters<typeof parsePf>[1]) {
  const result = parsePf(text, options);
  expect(result.problems).toEqual([]);
  return result.ruleset;
}

describe('tokenize', () => {
  it('splits braces, parens, commas and ! into tokens; keeps <table>, ->, != and quoted text whole', () => {
    expect(tokenizeLine('pass in on ! lo0 from !<lan> to (ixl0) port != 22 label "a b" -> x')).toEqual(
      [
        'pass',
        'in',
        'on',
        '!',
        'lo0',
        'from',
        '!',
        '<lan>',
        'to',
        '(',
        'ixl0',
        ')',
        'port',
        '!=',
        '22',
        'label',
        'a b',
        '->',
        'x',
      ].map((text) => ({
        text,
        quoted: text === 'a b',
      })),
    );
    expect(words('table <x> {10.0.0.1,10.0.0.2}')).toEqual(['table', '<x>', '{', '10.0.0.1', ',', '10.0.0.2', '}']);
  });

  it('reports an unclosed quote', () => {
    expect(tokenizeLine('pass label "oops')).toEqual({ error: 'a quote is not closed' });
  });

  it('gives each statement the 1-based line it starts on, across comments, blanks, `\\` and multi-line lists', () => {
    const text = ['# head', '', 'pass \\', '  in', 'table <t> {', '  10.0.0.1', '}', 'block # tail'].join('\n');
    const { statements: out, errors } = statements(text);
    expect(errors).toEqual([]);
    expect(out.map((s) => [s.line, s.tokens.map((t) => t.text).join(' ')])).toEqual([
      [3, 'pass in'],
      [5, 'table <t> { 10.0.0.1 }'],
      [8, 'block'],
    ]);
  });

  it('a `#` inside quotes is not a comment', () => {
    const { statements: out } = statements('pass label "a#b" # real comment');
    expect(out[0]!.tokens.map((t) => t.text)).toEqual(['pass', 'label', 'a#b']);
  });
});

describe('parsePf: what an admin writes', () => {
  const conf = [
    '# /etc/pf.conf', //                                              1
    'ext_if = "ixl0"', //                                               2
    'jail_if="epair0a"', //                                             3
    'tcp_in = "{ ssh, https }"', //                                     4
    'all_ifs = "{" $ext_if lo0 "}"', //                                 5
    'table <lan> const { 192.168.1.0/24, !192.168.1.7 }', //           6
    'table <jails> persist { 10.77.0.0/24 \\', //                     7
    '    10.78.0.0/24 }', //                                            8
    'set skip on lo0', //                                               9
    'set skip on { epair9a epair9b }', //                              10
    'set block-policy drop', //                                        11
    '', //                                                             12
    'nat on $ext_if inet from <jails> to ! <lan> -> ($ext_if)', //    13
    'block log all # default deny', //                                14
    'pass out quick on $ext_if proto { tcp udp } \\', //               15
    '    from any to any keep state', //                              16
    'pass in on $ext_if proto tcp to ($ext_if) port $tcp_in', //      17
    'anchor "jails" on $jail_if {', //                                18
    '  block in', //                                                   19
    '  anchor "web" proto tcp {', //                                  20
    '    pass in proto tcp to port { 80, 443 }', //                   21
    '  }', //                                                          22
    '  pass in from 10.77.0.0/24 to <lan> no state', //               23
    '}', //                                                            24
    'pass on $all_ifs', //                                             25
  ].join('\n');

  it('reads the whole file with no problems', () => {
    expect(parsePf(conf).problems).toEqual([]);
  });

  it('expands macros (with and without spaces around =, and a macro built from another)', () => {
    const rs = clean(conf);
    const out = filter(rs.filter[1]);
    expect(out.on).toEqual({ negated: false, names: ['ixl0'] });
    expect(out.text).toBe('pass out quick on ixl0 proto { tcp udp } from any to any keep state');
    const jails = anchor(rs.filter[3]);
    expect(jails.on).toEqual({ negated: false, names: ['epair0a'] });
    expect(filter(rs.filter[4]).on).toEqual({ negated: false, names: ['ixl0', 'lo0'] });
  });

  it('a macro holding a list expands into a list (ports by service name)', () => {
    const rule = filter(clean(conf).filter[2]);
    expect(rule.line).toBe(17);
    expect(rule.to.terms).toEqual([{ negated: false, atom: { kind: 'interface', name: 'ixl0', part: 'address' } }]);
    expect(rule.to.ports).toEqual([
      { op: '=', low: 22 },
      { op: '=', low: 443 },
    ]);
    expect(rule.protocols).toEqual(['tcp']);
    expect(rule.direction).toBe('in');
  });

  it('reads tables with negated entries, over a `\\` continuation', () => {
    const rs = clean(conf);
    expect(rs.tables.get('lan')).toEqual([cidr('192.168.1.0/24'), cidr('192.168.1.7', true)]);
    expect(rs.tables.get('jails')).toEqual([cidr('10.77.0.0/24'), cidr('10.78.0.0/24')]);
  });

  it('collects `set skip on` from one name and from a list; other `set` options have no effect', () => {
    expect(clean(conf).skip).toEqual(['lo0', 'epair9a', 'epair9b']);
  });

  it('puts nat rules in translation and filter rules in filter, each with its 1-based line', () => {
    const rs = clean(conf);
    expect(rs.translation.map((r) => r.line)).toEqual([13]);
    expect(rs.filter.map((r) => r.line)).toEqual([14, 15, 17, 18, 25]);
    const nat = translation(rs.translation[0]);
    expect(nat).toMatchObject({
      kind: 'nat',
      negated: false,
      family: 4,
      target: { kind: 'interface', name: 'ixl0', part: 'address' },
    });
    expect(nat.from.terms).toEqual([{ negated: false, atom: { kind: 'table', name: 'jails' } }]);
    expect(nat.to.terms).toEqual([{ negated: true, atom: { kind: 'table', name: 'lan' } }]);
  });

  it('keeps the rule text as written, macros expanded and comments gone', () => {
    const rs = clean(conf);
    expect(rs.translation[0]!.text).toBe('nat on ixl0 inet from <jails> to ! <lan> -> (ixl0)');
    expect(rs.filter[0]!.text).toBe('block log all');
    expect(rs.filter[2]!.text).toBe('pass in on ixl0 proto tcp to (ixl0) port { ssh, https }');
    expect(rs.filter[3]!.text).toBe('anchor "jails" on epair0a');
  });

  it('reads filter flags: block is stateless, pass keeps state unless `no state`', () => {
    const rs = clean(conf);
    expect(filter(rs.filter[0])).toMatchObject({ action: 'block', quick: false, keepState: false });
    expect(filter(rs.filter[1])).toMatchObject({ action: 'pass', quick: true, keepState: true });
    const inner = anchor(rs.filter[3]).body!;
    expect(filter(inner[2])).toMatchObject({ action: 'pass', keepState: false, line: 23 });
  });

  it('reads inline anchors: bodies, nesting, conditions and anchor paths', () => {
    const jails = anchor(clean(conf).filter[3]);
    expect(jails).toMatchObject({ name: 'jails', quick: false, line: 18, anchor: '' });
    expect(jails.body!.map((r) => [r.kind, r.line, r.anchor])).toEqual([
      ['filter', 19, 'jails'],
      ['anchor', 20, 'jails'],
      ['filter', 23, 'jails'],
    ]);
    const web = anchor(jails.body![1]);
    expect(web.protocols).toEqual(['tcp']);
    expect(web.body!.map((r) => [r.line, r.anchor, r.text])).toEqual([
      [21, 'jails/web', 'pass in proto tcp to port { 80, 443 }'],
    ]);
    expect(filter(web.body![0]).to.ports).toEqual([
      { op: '=', low: 80 },
      { op: '=', low: 443 },
    ]);
  });

  it('does not expand macros inside quotes (pf.conf(5) MACROS)', () => {
    const rs = clean('ext_if = "ixl0"\npass on $ext_if label "$ext_if"');
    expect(filter(rs.filter[0]).on!.names).toEqual(['ixl0']);
    expect(rs.filter[0]!.text).toBe('pass on ixl0 label "$ext_if"');
  });

  it('reads lists with or without commas, spread over lines without `\\` (parse.y allows newlines in braces)', () => {
    const rs = clean(
      [
        'pass proto {tcp,udp} from {',
        '  10.0.0.1',
        '  10.0.0.2,',
        '  10.0.0.3',
        '} to any port { 53 5353 }',
        'block',
      ].join('\n'),
    );
    const rule = filter(rs.filter[0]);
    expect(rule.protocols).toEqual(['tcp', 'udp']);
    expect(rule.from.terms).toEqual([cidr('10.0.0.1'), cidr('10.0.0.2'), cidr('10.0.0.3')]);
    expect(rule.to.ports).toEqual([
      { op: '=', low: 53 },
      { op: '=', low: 5353 },
    ]);
    expect(rs.filter.map((r) => r.line)).toEqual([1, 6]);
  });

  it('mixes `\\` continuations and multi-line lists in one statement', () => {
    const rs = clean(['pass in proto tcp to port { 22', '  443 } \\', '  keep state', 'block'].join('\n'));
    expect(filter(rs.filter[0]).to.ports).toEqual([
      { op: '=', low: 22 },
      { op: '=', low: 443 },
    ]);
    expect(rs.filter.map((r) => r.line)).toEqual([1, 4]);
  });

  it('reads every address form: cidr, host, any, self, <table>, (if), if:network, if:broadcast, !, IPv6', () => {
    const rs = clean(
      'pass from { 10.0.0.0/8, 10.1.2.3, any, self, <t>, (ixl0), ixl0:network, ixl0:broadcast, ! 10.9.9.9, fd00::/64 } to ! (ixl0:network)',
    );
    const rule = filter(rs.filter[0]);
    expect(rule.from.terms).toEqual([
      cidr('10.0.0.0/8'),
      cidr('10.1.2.3'),
      ANY,
      { negated: false, atom: { kind: 'self' } },
      { negated: false, atom: { kind: 'table', name: 't' } },
      { negated: false, atom: { kind: 'interface', name: 'ixl0', part: 'address' } },
      { negated: false, atom: { kind: 'interface', name: 'ixl0', part: 'network' } },
      { negated: false, atom: { kind: 'interface', name: 'ixl0', part: 'broadcast' } },
      cidr('10.9.9.9', true),
      { negated: false, atom: { kind: 'cidr', family: 6, net: 0xfd00n << 112n, bits: 64, text: 'fd00::/64' } },
    ]);
    expect(rule.to.terms).toEqual([{ negated: true, atom: { kind: 'interface', name: 'ixl0', part: 'network' } }]);
  });

  it('reads the abbreviated networks of the pf.conf(5) TABLES example (10/8, 172.16/12, 192.168/16)', () => {
    const rs = clean(
      'table <private> const { 10/8, 172.16/12, 192.168/16 }\ntable <badhosts> persist\nblock on fxp0 from { <private>, <badhosts> } to any',
    );
    expect(rs.tables.get('private')).toEqual([
      { negated: false, atom: { kind: 'cidr', family: 4, net: ipv4('10.0.0.0')!, bits: 8, text: '10/8' } },
      { negated: false, atom: { kind: 'cidr', family: 4, net: ipv4('172.16.0.0')!, bits: 12, text: '172.16/12' } },
      { negated: false, atom: { kind: 'cidr', family: 4, net: ipv4('192.168.0.0')!, bits: 16, text: '192.168/16' } },
    ]);
    expect(rs.tables.get('badhosts')).toEqual([]);
  });

  it('reads every port operator and service names (pf.conf(5) PARAMETERS)', () => {
    const rs = clean(
      [
        'pass proto tcp to port = www',
        'pass proto tcp to port != ssh',
        'pass proto tcp from any port < 1024',
        'pass proto tcp to port <= 1024',
        'pass proto tcp to port > 1024',
        'pass proto tcp to port >= 1024',
        'pass proto tcp to port 2000:2004',
        'pass proto tcp to port 2000 >< 2004',
        'pass proto tcp to port 2000 <> 2004',
        'pass proto udp to port domain',
      ].join('\n'),
    );
    expect(filter(rs.filter[2]).from.ports).toEqual([{ op: '<', low: 1024 }]);
    expect(rs.filter.map((r) => (r.line === 3 ? filter(r).from.ports : filter(r).to.ports))).toEqual([
      [{ op: '=', low: 80 }],
      [{ op: '!=', low: 22 }],
      [{ op: '<', low: 1024 }],
      [{ op: '<=', low: 1024 }],
      [{ op: '>', low: 1024 }],
      [{ op: '>=', low: 1024 }],
      [{ op: ':', low: 2000, high: 2004 }],
      [{ op: '><', low: 2000, high: 2004 }],
      [{ op: '<>', low: 2000, high: 2004 }],
      [{ op: '=', low: 53 }],
    ]);
  });

  it('reads interface specs: on a group, on ! x, inet6, protocol numbers', () => {
    const rs = clean('pass on epair\nblock on ! lo0 inet6\npass proto 6\nblock in on { ixl0, em0 }');
    expect(filter(rs.filter[0]).on).toEqual({ negated: false, names: ['epair'] });
    expect(filter(rs.filter[1])).toMatchObject({ on: { negated: true, names: ['lo0'] }, family: 6 });
    expect(filter(rs.filter[2]).protocols).toEqual(['tcp']);
    expect(filter(rs.filter[3]).on).toEqual({ negated: false, names: ['ixl0', 'em0'] });
  });

  it('reads the man page inline-anchor example, whose inner anchor has no name (parse.y: anchorname may be empty)', () => {
    const text = [
      'ext_if = "kue0"',
      'anchor "external" on $ext_if {',
      '\tblock',
      '\tanchor out {',
      '\t\tpass proto tcp from any to port { 25, 80, 443 }',
      '\t}',
      '\tpass in proto tcp to any port 22',
      '}',
    ].join('\n');
    const rs = clean(text);
    const external = anchor(rs.filter[0]);
    const unnamed = anchor(external.body![1]);
    // The inner anchor is outbound only; pfctl names brace anchors without a name `_<n>`.
    expect(unnamed.direction).toBe('out');
    expect(unnamed.name).toBe('_2');
    expect(unnamed.body!.map((r) => [r.line, r.anchor])).toEqual([[5, 'external/_2']]);
    expect(filter(external.body![2]).line).toBe(7);
  });

  it('puts nat-anchor/rdr-anchor hooks with translation and anchor hooks with filter rules', () => {
    const rs = clean(
      'nat-anchor "patchbay/*"\nrdr-anchor "pot-rdr/*"\nanchor "patchbay/*"\nno nat on ixl0 from 10.0.0.1 to any\nrdr pass on ixl0 proto tcp from any to any port 80 -> 10.0.0.3 port 8080',
    );
    expect(rs.translation.map((r) => [r.kind, r.line])).toEqual([
      ['anchor', 1],
      ['anchor', 2],
      ['nat', 4],
      ['rdr', 5],
    ]);
    expect(rs.filter.map((r) => [r.kind, r.line])).toEqual([['anchor', 3]]);
    expect(translation(rs.translation[2]).negated).toBe(true);
    expect(translation(rs.translation[3])).toMatchObject({
      target: cidr('10.0.0.3').atom,
      to: { ports: [{ op: '=', low: 80 }] },
    });
  });
});

describe('parsePf: what pfctl prints', () => {
  const FIXTURES = join(__dirname, '../../fixtures/freebsd');
  // The pfctl fixtures that hold rules, and how each is read. The others hold no rules: anchor
  // names (-s Anchors), label counters (-sl), status (-s info).
  const RULE_FIXTURES: Record<string, 'filter' | 'translation'> = {
    'pfctl-sr-a-star-nested-anchor-expected.txt': 'filter',
    'pfctl-s-nat-a-anchor-12x-journal.txt': 'translation',
  };
  const OTHER_FIXTURES = [
    'pfctl-a-s-Anchors-12x-journal.txt',
    'pfctl-s-info-telegraf.txt',
    'pfctl-sl-a-star-labels-expected.txt',
  ];

  /**
   * anchor.sh's expected output names the epair through the shell variable `${epair}` (the test
   * script creates the epair and substitutes its name); the real pfctl prints a name such as
   * `epair0a`. So the fixture is read with `${epair}` as the script would expand it.
   */
  const asPrinted = (file: string): string => fixture(file).replaceAll('${epair}', 'epair0');

  it('every pfctl fixture is either a known rule listing or a known non-rule listing', () => {
    const all = readdirSync(FIXTURES).filter((f) => f.startsWith('pfctl-'));
    expect(all.sort()).toEqual([...Object.keys(RULE_FIXTURES), ...OTHER_FIXTURES].sort());
  });

  it.each(Object.entries(RULE_FIXTURES))('%s parses with no problems', (file, part) => {
    const { ruleset, problems } = parsePf(asPrinted(file), { part });
    expect(problems).toEqual([]);
    expect(ruleset[part].length).toBeGreaterThan(0);
  });

  it('the nested-anchor listing: anchor foo { anchor bar { pass on epair0a } }', () => {
    const rs = clean(asPrinted('pfctl-sr-a-star-nested-anchor-expected.txt'), { part: 'filter' });
    const foo = anchor(rs.filter[0]);
    expect(foo).toMatchObject({ name: 'foo', line: 1, anchor: '', quick: false, text: 'anchor "foo" all' });
    const bar = anchor(foo.body![0]);
    expect(bar).toMatchObject({ name: 'bar', line: 2, anchor: 'foo' });
    const pass = filter(bar.body![0]);
    expect(pass).toMatchObject({
      action: 'pass',
      keepState: true,
      quick: false,
      line: 3,
      anchor: 'foo/bar',
      text: 'pass on epair0a all flags S/SA keep state',
    });
    expect(pass.on).toEqual({ negated: false, names: ['epair0a'] });
    expect(pass.from.terms).toEqual([ANY]);
    expect(pass.to.terms).toEqual([ANY]);
  });

  it('the nested-anchor listing as stored (literal `${epair}a`): that one line is a problem, the anchors are still read', () => {
    const { ruleset, problems } = parsePf(fixture('pfctl-sr-a-star-nested-anchor-expected.txt'), { part: 'filter' });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(3);
    expect(problems[0]!.message).toContain('$');
    const foo = anchor(ruleset.filter[0]);
    expect(anchor(foo.body![0]).body).toEqual([]);
  });

  it('the pot-nat listing: nat on em0 inet from 10.192.0.0/10 to any -> (em0) round-robin', () => {
    const rs = clean(asPrinted('pfctl-s-nat-a-anchor-12x-journal.txt'), { part: 'translation', anchor: 'pot-nat' });
    expect(rs.filter).toEqual([]);
    const nat = translation(rs.translation[0]);
    expect(nat).toMatchObject({
      kind: 'nat',
      negated: false,
      family: 4,
      line: 1,
      anchor: 'pot-nat',
      on: { negated: false, names: ['em0'] },
    });
    expect(nat.from.terms).toEqual([cidr('10.192.0.0/10')]);
    expect(nat.to.terms).toEqual([ANY]);
    expect(nat.target).toEqual({ kind: 'interface', name: 'em0', part: 'address' });
  });

  it('reads the options pfctl prints after the addresses', () => {
    const rs = clean(
      [
        'block drop in log on ! lo0 inet from 127.0.0.0/8 to any',
        'pass in quick on epair0a inet proto tcp from 10.0.0.0/24 to any port = ssh flags S/SA keep state (if-bound) label "ssh"',
        'pass out inet proto icmp all icmp-type echoreq keep state',
        'pass out proto udp all no state',
        'block return-icmp (port-unr) in proto udp all',
        'pass in log (all) quick all modulate state',
        'anchor "patchbay/*" all',
      ].join('\n'),
      { part: 'filter' },
    );
    expect(rs.filter.map((r) => (r.kind === 'filter' ? [r.action, r.quick, r.keepState] : r.kind))).toEqual([
      ['block', false, false],
      ['pass', true, true],
      ['pass', false, true],
      ['pass', false, false],
      ['block', false, false],
      ['pass', true, true],
      'anchor',
    ]);
  });
});

describe('parsePf: problems name the line and the cause, and the rest is still read', () => {
  it.each([
    ['an unknown keyword', 'frobnicate all', /"frobnicate" does not start a rule/],
    ['an unknown option', 'pass in all frobnicate', /"frobnicate" is not an option/],
    ['an unclosed quote', 'pass in on em0 label "oops', /quote is not closed/],
    ['a bad address', 'pass from 10.0.0.256 to any', /10\.0\.0\.256/],
    ['a bad prefix length', 'pass from 10.0.0.0/33 to any', /10\.0\.0\.0\/33/],
    ['a malformed address', 'pass from 10.0.0.1-10.0.0.5 to any', /"10\.0\.0\.1-10\.0\.0\.5" is not an address/],
    ['a bad port', 'pass proto tcp to port 70000', /"70000" is not a port/],
    ['an unknown service', 'pass proto tcp to port nosuchservice', /"nosuchservice" is not a port/],
    ['a macro used before its definition', 'pass on $later', /macro \$later is used before it is defined/],
    ['an unknown protocol', 'pass proto bogus', /"bogus" is not a protocol/],
    ['a table without angle brackets', 'table lan { 10.0.0.0/8 }', /not a table name/],
    ['a nat without target', 'nat on em0 from any to any', /needs "-> address"/],
    ['a statement that reads a file', 'load anchor "x" from "/etc/x"', /load anchor/],
    ['a stray }', '}', /closes no anchor/],
    ['an anchor without a name or body', 'anchor in on em0', /name/],
  ])('%s', (_what, bad, message) => {
    const text = ['# line 1', 'block all', bad, 'pass out all'].join('\n');
    const { ruleset, problems } = parsePf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(3);
    expect(problems[0]!.message).toMatch(message);
    expect(ruleset.filter.map((r) => r.line)).toEqual([2, 4]);
  });

  it('a macro defined after its use is an error at the use, and fine afterwards', () => {
    const { ruleset, problems } = parsePf(['pass on $ext_if', 'ext_if = "ixl0"', 'block on $ext_if'].join('\n'));
    expect(problems).toEqual([{ line: 1, message: 'macro $ext_if is used before it is defined' }]);
    expect(ruleset.filter.map((r) => r.text)).toEqual(['block on ixl0']);
  });

  it('an unclosed anchor names the anchor and the line it opens on; its rules are still read', () => {
    const { ruleset, problems } = parsePf(
      ['block all', 'anchor "foo" in {', '  pass in proto tcp to port 22', '  pass in proto tcp to port 80', ''].join(
        '\n',
      ),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(2);
    expect(problems[0]!.message).toMatch(/anchor "foo" is not closed/);
    const foo = anchor(ruleset.filter[1]);
    expect(foo.body!.map((r) => r.line)).toEqual([3, 4]);
  });

  it('nested unclosed anchors are each reported', () => {
    const { problems } = parsePf(['anchor "a" {', 'anchor "b" {', 'pass'].join('\n'));
    expect(problems.map((p) => p.line)).toEqual([1, 2]);
  });

  it('an unclosed "{" list does not swallow the rules after it', () => {
    const { ruleset, problems } = parsePf(
      [
        'block all',
        'pass from { 10.0.0.1, 10.0.0.2 to any',
        'pass out all',
        'table <t> { 10.0.0.1',
        'block in all',
      ].join('\n'),
    );
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
    for (const p of problems) expect(p.message).toMatch(/not closed/);
    expect(ruleset.filter.map((r) => r.line)).toEqual([1, 3, 5]);
  });

  it('reports several problems in one file, each at its own line, in order', () => {
    const text = [
      'block all',
      'pass from 300.1.1.1',
      'pass proto tcp to port 99999',
      'pass on "unclosed',
      'pass on $nope',
      'pass in all',
    ].join('\n');
    const { ruleset, problems } = parsePf(text);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect(ruleset.filter.map((r) => r.line)).toEqual([1, 6]);
  });
});
