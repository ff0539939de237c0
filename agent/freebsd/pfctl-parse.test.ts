import { describe, expect, it } from 'vitest';
import { ParseError } from './parse-error';
import { flattenPfRules, parsePfAnchors, parsePfInfo, parsePfRules } from './pfctl-parse';
import { fixture } from './test-fixtures';

describe('parsePfRules', () => {
  it('nests the recursive `pfctl -sr -a "*"` listing by anchor', () => {
    expect(parsePfRules(fixture('pfctl-sr-a-star-nested-anchor-expected.txt'))).toEqual([
      {
        kind: 'anchor',
        keyword: 'anchor',
        name: 'foo',
        text: 'anchor "foo" all',
        line: 1,
        children: [
          {
            kind: 'anchor',
            keyword: 'anchor',
            name: 'bar',
            text: 'anchor "bar" all',
            line: 2,
            children: [{ kind: 'rule', text: 'pass on ${epair}a all flags S/SA keep state', line: 3 }],
          },
        ],
      },
    ]);
  });

  it('lists rules with their anchor path', () => {
    const flat = flattenPfRules(parsePfRules(fixture('pfctl-sr-a-star-nested-anchor-expected.txt')));
    expect(flat).toEqual([{ anchorPath: 'foo/bar', rule: { kind: 'rule', text: 'pass on ${epair}a all flags S/SA keep state', line: 3 } }]);
  });

  it('reads a one-line `pfctl -s nat -a pot-nat` listing', () => {
    expect(parsePfRules(fixture('pfctl-s-nat-a-anchor-12x-journal.txt'))).toEqual([
      { kind: 'rule', text: 'nat on em0 inet from 10.192.0.0/10 to any -> (em0) round-robin', line: 1 },
    ]);
  });

  it('reads anchor calls printed without a block', () => {
    const nodes = parsePfRules('nat-anchor "pot-nat" all\nrdr-anchor "pot-rdr/*" all\nnat on em0 inet from 10.0.0.0/8 to any -> (em0) round-robin\n');
    expect(nodes.map((n) => (n.kind === 'anchor' ? [n.keyword, n.name, n.children] : [n.kind, n.text]))).toEqual([
      ['nat-anchor', 'pot-nat', undefined],
      ['rdr-anchor', 'pot-rdr/*', undefined],
      ['rule', 'nat on em0 inet from 10.0.0.0/8 to any -> (em0) round-robin'],
    ]);
  });

  it('returns nothing for an empty ruleset', () => {
    expect(parsePfRules('')).toEqual([]);
  });

  it.each([
    ['a stray closing brace', 'pass all flags S/SA keep state\n}\n', 2, 'a rule or anchor line ("}" closes nothing)'],
    ['an unclosed anchor', 'anchor "foo" all {\n  pass all flags S/SA keep state\n', 3, '"}" closing anchor "foo" opened on line 1'],
    ['an error message', 'pfctl: Permission denied\n', 1, 'a pf rule (pass, block, match, nat, rdr, ...) or anchor line'],
    ['a -v counter line', 'pass all flags S/SA keep state\n  [ Evaluations: 0  Packets: 0 ]\n', 2, 'a pf rule (pass, block, match, nat, rdr, ...) or anchor line'],
  ])('rejects %s', (_label, text, line, expected) => {
    expect(() => parsePfRules(text)).toThrow(ParseError);
    expect(() => parsePfRules(text)).toThrow(expect.objectContaining({ command: 'pfctl', line, expected }));
  });
});

describe('parsePfAnchors', () => {
  it('reads `pfctl -a pot-rdr -s Anchors`', () => {
    expect(parsePfAnchors(fixture('pfctl-a-s-Anchors-12x-journal.txt'))).toEqual(['pot-rdr/vnetpot1']);
    expect(parsePfAnchors('  a/b\n  a/c\n')).toEqual(['a/b', 'a/c']);
    expect(parsePfAnchors('')).toEqual([]);
  });

  it('rejects a line with spaces', () => {
    expect(() => parsePfAnchors('a/b\npfctl: DIOCGETRULESETS: Invalid argument\n')).toThrow(expect.objectContaining({ command: 'pfctl', line: 2 }));
  });
});

describe('parsePfInfo', () => {
  it('reads status and counters of the telegraf sample', () => {
    const info = parsePfInfo(fixture('pfctl-s-info-telegraf.txt'));
    expect(info.enabled).toBe(true);
    expect(info.runningFor).toBe('0 days 00:26:05');
    expect(info.debug).toBe('Urgent');
    expect(Object.keys(info.sections)).toEqual(['State Table', 'Counters']);
    expect(info.sections['State Table']).toEqual({
      'current entries': { total: 2n },
      searches: { total: 11325n, rate: '7.2/s' },
      inserts: { total: 5n, rate: '0.0/s' },
      removals: { total: 3n, rate: '0.0/s' },
    });
    expect(info.sections['Counters']?.['match']).toEqual({ total: 11226n, rate: '7.2/s' });
    expect(info.sections['Counters']?.['state-mismatch']).toEqual({ total: 0n, rate: '0.0/s' });
    expect(Object.keys(info.sections['Counters'] ?? {})).toHaveLength(15);
  });

  it('reads a disabled status and counters above 2^53', () => {
    const info = parsePfInfo('Status: Disabled for 0 days 00:00:00           Debug: Urgent\n\nCounters\n  match               18446744073709551615            0.0/s\n');
    expect(info.enabled).toBe(false);
    expect(info.sections['Counters']?.['match']?.total).toBe(18446744073709551615n);
  });

  it('rejects output that does not start with Status, and rows before a section', () => {
    expect(() => parsePfInfo('No ALTQ support in kernel\n')).toThrow(expect.objectContaining({ command: 'pfctl', line: 1 }));
    expect(() => parsePfInfo('')).toThrow(expect.objectContaining({ command: 'pfctl', line: 0 }));
    expect(() => parsePfInfo('Status: Enabled for 0 days 00:26:05  Debug: Urgent\n  searches  1  0.0/s\n')).toThrow(
      expect.objectContaining({ line: 2, expected: 'a section title before counter rows' }),
    );
  });
});
