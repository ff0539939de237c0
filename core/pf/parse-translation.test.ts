import { describe, expect, it } from 'vitest';
import { ipv4 } from '../net/ipv4';
import { parsePf } from './parse';
import type { AnchorRule, FilterRule, Rule, TranslationRule } from './ruleset';

// The forms pf gained or Patchbay used to refuse: received-on, nat-to / rdr-to / binat-to on pass and
// match rules, `rdr pass`, redirected ports, binat, the translation anchors with bodies as `pfctl -sn -a
// '*'` prints them, tables per anchor, rules kept but uncertain, and rules in the wrong list. Rules are
// taken from FreeBSD's tests/sys/netpfil/pf/*.sh (named at each test) with ${epair} names filled in.

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
const host = (text: string) => ({ kind: 'cidr', family: 4, net: ipv4(text)!, bits: 32, text });

function clean(text: string, options?: Parameters<typeof parsePf>[1]) {
  const result = parsePf(text, options);
  expect(result.problems).toEqual([]);
  return result.ruleset;
}

describe('received-on', () => {
  // pass_block.sh received_on; defect 1: "received-on is refused and its line dropped, which leaves a
  // stricter ruleset than the host's".
  it('reads `pass received-on IF` and `received-on GROUP` into receivedOn', () => {
    const rs = clean('block in\npass received-on epair0b\npass out proto tcp received-on test', { part: 'filter' });
    expect(filter(rs.filter[1]).receivedOn).toEqual({ negated: false, names: ['epair0b'] });
    expect(filter(rs.filter[2]).receivedOn).toEqual({ negated: false, names: ['test'] });
    expect(filter(rs.filter[1]).uncertain).toBeUndefined();
  });
});

describe('nat-to, rdr-to and binat-to on pass and match rules', () => {
  // Defect 2: "nat-to / rdr-to on pass and match rules (the newer pf syntax in FreeBSD's tree) are
  // refused, so the pass rule is dropped".
  it('nat.sh nat_match: `match out ... nat-to IF` then a pass rule on the translated source', () => {
    const rs = clean(
      [
        'block',
        'pass in  on epair0b inet proto tcp keep state',
        'match out on epair1a inet proto tcp nat-to epair1a',
        'pass out on epair1a inet proto tcp from epair1a keep state',
      ].join('\n'),
      { part: 'filter' },
    );
    expect(rs.filter).toHaveLength(4);
    expect(filter(rs.filter[2])).toMatchObject({
      action: 'match',
      translations: [{ kind: 'nat-to', target: { kind: 'interface', name: 'epair1a', part: 'address' } }],
    });
  });

  it('rdr.sh srcport_pass: `pass in ... rdr-to ADDR port N`; nat.sh nat_pass_out: `nat-to IF keep state`', () => {
    const rs = clean(
      [
        'pass out on epair2a inet from 198.51.100.0/24 to any nat-to epair2a static-port',
        'pass in on epair2b proto tcp from any to epair2b port 7777 rdr-to 203.0.113.50 port 8888',
        'pass out on epair1a inet proto tcp nat-to (epair1a) keep state',
      ].join('\n'),
      { part: 'filter' },
    );
    expect(filter(rs.filter[1]).translations).toEqual([
      { kind: 'rdr-to', target: host('203.0.113.50'), port: { op: '=', low: 8888 } },
    ]);
    expect(filter(rs.filter[2]).keepState).toBe(true);
    expect(filter(rs.filter[2]).translations![0]!.target).toEqual({
      kind: 'interface',
      name: 'epair1a',
      part: 'address',
    });
  });

  it('nat.sh binat_match: `match on IF ... tag sometag binat-to IF` (the tag changes nothing)', () => {
    const rs = clean('match on epair1a inet proto tcp from 192.0.2.2 to any tag sometag binat-to epair1a');
    expect(filter(rs.filter[0]).translations).toEqual([
      { kind: 'binat-to', target: { kind: 'interface', name: 'epair1a', part: 'address' } },
    ]);
    expect(filter(rs.filter[0]).uncertain).toBeUndefined();
  });

  it('a translation on a block rule is a problem with its line', () => {
    const { problems, ruleset } = parsePf('pass all\nblock in rdr-to 10.0.0.1\npass out all');
    expect(problems).toEqual([{ line: 2, message: expect.stringMatching(/only on pass and match rules/) }]);
    expect(ruleset.filter.map((r) => r.line)).toEqual([1, 3]);
  });
});

describe('nat, rdr and binat rules', () => {
  it('rdr.sh natpass: `rdr pass` passes; the redirect has no port', () => {
    const rs = clean('rdr pass on epair0b proto udp from any to 192.0.2.1 port 80 -> 198.51.100.2', {
      part: 'translation',
    });
    const rdr = translation(rs.translation[0]);
    expect(rdr).toMatchObject({ kind: 'rdr', pass: true, target: host('198.51.100.2') });
    expect(rdr.targetPort).toBeUndefined();
  });

  it("Bastille's rdr: `-> ADDR port N` is the target port; `N:*` keeps the offset", () => {
    const rs = clean(
      [
        'rdr on em0 inet proto tcp from any to any port = 2001 -> 10.17.89.1 port 22',
        'rdr on em0 inet proto tcp from any to any port 8000:8010 -> 10.17.89.2 port 9000:*',
        'rdr log pass on em0 inet proto tcp to port 25 -> 127.0.0.1 port 2500',
      ].join('\n'),
      { part: 'translation' },
    );
    expect(translation(rs.translation[0])).toMatchObject({
      to: { ports: [{ op: '=', low: 2001 }] },
      target: host('10.17.89.1'),
      targetPort: { op: '=', low: 22 },
    });
    expect(translation(rs.translation[0]).pass).toBeUndefined();
    expect(translation(rs.translation[1]).targetPort).toEqual({ op: ':', low: 9000 });
    expect(translation(rs.translation[2]).pass).toBe(true);
  });

  it('binat on IF from ADDR to any -> ADDR; nat.sh binat_compat with tag before the arrow', () => {
    const rs = clean(
      'binat on em0 from 10.0.0.5 to any -> 203.0.113.7\nbinat on epair1a inet proto tcp from 192.0.2.2 to any tag sometag -> epair1a',
    );
    expect(translation(rs.translation[0])).toMatchObject({ kind: 'binat', target: host('203.0.113.7') });
    expect(translation(rs.translation[1]).uncertain).toBeUndefined();
  });

  it('a pool of addresses keeps its first address and makes the rule uncertain', () => {
    const rs = clean('rdr on em0 proto tcp to port 80 -> { 10.0.0.1, 10.0.0.2 } round-robin');
    expect(translation(rs.translation[0]).target).toEqual(host('10.0.0.1'));
    expect(translation(rs.translation[0]).uncertain).toMatch(/pool/);
  });
});

describe('translation anchors as `pfctl -sn -a "*"` prints them', () => {
  it('reads rdr-anchor "rdr/*" with nested bodies; anchors get their keyword and anchor paths', () => {
    const rs = clean(
      [
        'nat on em0 inet from <jails> to any -> (em0) round-robin',
        'rdr-anchor "rdr/*" all {',
        '  rdr-anchor "web" all {',
        '    rdr on em0 inet proto tcp from any to any port = 2001 -> 10.17.89.1 port 22',
        '  }',
        '}',
        'nat-anchor "patchbay/*" all',
        'binat-anchor "b" all',
      ].join('\n'),
      { part: 'translation' },
    );
    const hook = anchor(rs.translation[1]);
    expect(hook.keyword).toBe('rdr-anchor');
    const web = anchor(hook.body![0]);
    expect(web).toMatchObject({ keyword: 'rdr-anchor', name: 'web', anchor: 'rdr' });
    expect(translation(web.body![0])).toMatchObject({ kind: 'rdr', anchor: 'rdr/web' });
    expect(rs.translation.slice(2).map((r) => anchor(r).keyword)).toEqual(['nat-anchor', 'binat-anchor']);
  });
});

describe('tables', () => {
  // Defect 7: "They share one namespace per stack, and the last declaration wins; pf scopes tables per
  // anchor" and "They must be declared in the rules text, although pfctl -sr does not print them".
  it('keys tables by anchor, and gives each <table> in a rule the anchor of its rule', () => {
    const rs = clean(['table <web> { 10.0.0.1 }', 'pass in from <web>', 'pass in from <jails>'].join('\n'), {
      anchor: 'bastille/web',
    });
    expect([...rs.tables.keys()]).toEqual(['bastille/web:web']);
    expect(filter(rs.filter[0]).from.terms[0]!.atom).toEqual({ kind: 'table', name: 'web', anchor: 'bastille/web' });
    // A table no text declares is legal (a run-time table); its contents come from the host.
    expect(filter(rs.filter[1]).from.terms[0]!.atom).toEqual({ kind: 'table', name: 'jails', anchor: 'bastille/web' });
  });

  it('reads `persist`, `persist file "…"` and inline contents; two declarations in two anchors are two tables', () => {
    const rs = clean(
      [
        'table <jails> persist',
        'table <bad> persist file "/etc/pf.bad"',
        'table <lan> const { 192.168.1.0/24 !192.168.1.7 }',
        'anchor "a" {',
        '  pass from <lan>',
        '}',
      ].join('\n'),
    );
    expect(rs.tables.get('jails')).toEqual([]);
    expect(rs.tableFiles).toEqual(new Map([['bad', '/etc/pf.bad']]));
    expect(rs.tables.get('lan')).toHaveLength(2);
    const inner = filter(anchor(rs.filter[0]).body![0]);
    expect(inner.from.terms[0]!.atom).toEqual({ kind: 'table', name: 'lan', anchor: 'a' });
  });
});

describe('options the audit cannot evaluate keep the rule, marked uncertain', () => {
  it.each([
    ['pass out on em0 route-to (em1 10.0.0.1) from any to any', /route-to/],
    ['pass in on em0 reply-to (em0 192.0.2.1) all', /reply-to/],
    ['pass out dup-to em2 all', /dup-to/],
    ['pass in all tagged sometag', /tagged/],
    ['pass in all ! tagged sometag', /tagged/],
    ['pass out proto tcp all user >= 1000', /user/],
    ['pass out proto tcp all group wheel', /group/],
    ['pass in proto tcp from any os "OpenBSD" to any', /os/],
    ['pass in all probability 50%', /probability/],
    ['pass in proto tcp to port 80 divert-to 127.0.0.1 port 8080', /divert-to/],
    ['pass in all once', /once/],
    ['pass in inet proto icmp icmp-type unreach', /icmp-type/],
  ])('%s', (text, reason) => {
    const rs = clean(text);
    expect(filter(rs.filter[0]).uncertain).toMatch(reason);
  });

  it('options that change neither whether nor where a packet passes do not (label, queue, echoreq)', () => {
    const rs = clean('pass in all label "x" queue q tag t set prio 3\npass inet proto icmp icmp-type echoreq');
    expect(rs.filter.map((r) => r.uncertain)).toEqual([undefined, undefined]);
  });
});

describe('a rule in the wrong list is a problem with its line, never silently ignored', () => {
  it('a nat line among the filter rules', () => {
    const { ruleset, problems } = parsePf('block all\nnat on em0 from 10.0.0.0/8 to any -> (em0)\npass out all', {
      part: 'filter',
    });
    expect(problems).toEqual([{ line: 2, message: expect.stringMatching(/nat rule among the filter rules/) }]);
    expect(ruleset.filter.map((r) => r.line)).toEqual([1, 3]);
    expect(ruleset.translation).toEqual([]);
  });

  it('`block all` among the nat rules, and an rdr-anchor hook among the filter rules', () => {
    expect(parsePf('nat on em0 from any to any -> (em0)\nblock all', { part: 'translation' }).problems).toEqual([
      { line: 2, message: expect.stringMatching(/filter rule among the nat and rdr rules/) },
    ]);
    expect(parsePf('rdr-anchor "rdr/*"', { part: 'filter' }).problems).toHaveLength(1);
  });

  it('a nat rule inside a filter anchor body', () => {
    const { problems } = parsePf('anchor "x" {\n  nat on em0 from any to any -> (em0)\n}');
    expect(problems).toEqual([{ line: 2, message: expect.stringMatching(/inside anchor "x"/) }]);
  });
});
