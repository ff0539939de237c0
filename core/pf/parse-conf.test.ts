import { describe, expect, it } from 'vitest';
import { parsePfConf } from './parse';
import type { Rule } from './ruleset';

// A whole pf.conf pasted as it is on a host: parsePfConf splits it into translation and filter rules,
// tables and `set skip`, and checks pf's statement order as pfctl does (sbin/pfctl/parse.y
// check_rulestate: "Rules must be in order: options, ethernet, normalization, queueing, translation,
// filtering").

const summary = (rules: Rule[]) => rules.map((r) => `${r.line}:${r.kind === 'filter' ? r.action : r.kind}`);

describe('parsePfConf', () => {
  // BastilleBSD's documented host pf.conf (docs/chapters/networking.rst), with its rdr-anchor and the
  // `anchor "bastille/*"` of Bastille 1.4.4 and later.
  const bastille = [
    'ext_if="vtnet0"', //                                                              1
    '', //                                                                             2
    'set block-policy return', //                                                      3
    'scrub in on $ext_if all fragment reassemble', //                                  4
    'set skip on lo', //                                                               5
    '', //                                                                             6
    'table <jails> persist', //                                                        7
    'nat on $ext_if from <jails> to any -> ($ext_if:0)', //                            8
    'rdr-anchor "rdr/*"', //                                                           9
    '', //                                                                            10
    'block in all', //                                                                11
    'pass out quick keep state', //                                                   12
    'antispoof for $ext_if inet', //                                                  13
    'pass in inet proto tcp from any to any port ssh flags S/SA keep state', //       14
    'anchor "bastille/*"', //                                                         15
  ].join('\n');

  it("splits Bastille's pf.conf into options, tables, translation and filter rules, with no problem", () => {
    const { ruleset, problems } = parsePfConf(bastille);
    expect(problems).toEqual([]);
    expect(ruleset.skip).toEqual(['lo']);
    expect([...ruleset.tables]).toEqual([['jails', []]]);
    expect(summary(ruleset.translation)).toEqual(['8:nat', '9:anchor']);
    // antispoof stands for two block rules (parse.y antispoof), both on its line.
    expect(summary(ruleset.filter)).toEqual(['11:block', '12:pass', '13:block', '13:block', '14:pass', '15:anchor']);
    expect(ruleset.filter[2]).toMatchObject({
      direction: 'in',
      on: { negated: true, names: ['vtnet0'] },
      from: { terms: [{ atom: { kind: 'interface', name: 'vtnet0', part: 'network' } }] },
    });
  });

  it("a translation rule after a filter rule is pfctl's order error at its line; the rule is still placed", () => {
    const { ruleset, problems } = parsePfConf(
      ['set skip on lo0', 'block in all', 'nat on em0 from 10.0.0.0/8 to any -> (em0)', 'pass out all'].join('\n'),
    );
    expect(problems).toEqual([
      {
        line: 3,
        message:
          'Rules must be in order: options, ethernet, normalization, queueing, translation, filtering (pfctl refuses the file)',
      },
    ]);
    expect(summary(ruleset.filter)).toEqual(['2:block', '4:pass']);
    expect(summary(ruleset.translation)).toEqual(['3:nat']);
  });

  it('options after rules, and scrub after nat, break the order; set skip and tables may come anywhere', () => {
    const { problems } = parsePfConf(
      [
        'nat on em0 from any to any -> (em0)',
        'scrub in all',
        'pass all',
        'set block-policy drop',
        'set skip on lo0',
        'table <t> { 10.0.0.1 }',
      ].join('\n'),
    );
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
  });

  it('`set require-order no` turns the check off (parse.y require_order)', () => {
    expect(parsePfConf('set require-order no\npass all\nnat on em0 from any to any -> (em0)').problems).toEqual([]);
  });

  it('a line it cannot read is a problem with its line; the lines after it are still read', () => {
    const { ruleset, problems } = parsePfConf(
      'block all\npass frobnicate\nload anchor "x" from "/etc/x"\npass out all',
    );
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
    expect(summary(ruleset.filter)).toEqual(['1:block', '4:pass']);
  });
});
