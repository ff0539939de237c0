import { describe, expect, it } from 'vitest';
import { canonicalPfRule, sameRuleMeaning } from './rule-meaning';
import { fixture } from '../../agent/freebsd/test-fixtures';

describe('sameRuleMeaning: the rewrites of docs/freebsd.md §9.2', () => {
  it('`pass` → `pass all flags S/SA keep state` (anchor.sh)', () => {
    expect(sameRuleMeaning('pass', 'pass all flags S/SA keep state')).toBe(true);
  });

  it('`pass on X` → `pass on X all flags S/SA keep state` (nested-anchor fixture)', () => {
    const printed = fixture('pfctl-sr-a-star-nested-anchor-expected.txt').split('\n')[2]?.trim() ?? '';
    expect(printed).toBe('pass on ${epair}a all flags S/SA keep state');
    expect(sameRuleMeaning('pass on ${epair}a', printed)).toBe(true);
  });

  it('nat gains `inet` and `round-robin` (pot-nat fixture)', () => {
    const printed = fixture('pfctl-s-nat-a-anchor-12x-journal.txt').trim();
    expect(sameRuleMeaning('nat on em0 from 10.192.0.0/10 to any -> (em0)', printed)).toBe(true);
  });

  it('well-known ports print as service names (`port = http`), target ports stay numeric', () => {
    const printed = 'rdr pass on em0 inet proto tcp from any to 192.168.0.2 port = http -> 10.192.0.3 port 80';
    expect(
      sameRuleMeaning('rdr pass on em0 inet proto tcp from any to 192.168.0.2 port 80 -> 10.192.0.3 port 80', printed),
    ).toBe(true);
    expect(
      sameRuleMeaning(
        'pass out on em0 proto tcp to port 443',
        'pass out on em0 proto tcp from any to any port = https flags S/SA keep state',
      ),
    ).toBe(true);
  });
});

describe('sameRuleMeaning: rewrites worked out from pfctl source', () => {
  it('does not add flags to non-TCP protocols (parse.y expand_rule)', () => {
    expect(sameRuleMeaning('pass proto udp', 'pass proto udp all keep state')).toBe(true);
    expect(sameRuleMeaning('pass proto udp', 'pass proto udp all flags S/SA keep state')).toBe(false);
  });

  it('keeps explicit state choices: `no state` gets no flags', () => {
    expect(sameRuleMeaning('pass in quick on epair0a no state', 'pass in quick on epair0a all no state')).toBe(true);
    expect(
      sameRuleMeaning('pass in quick on epair0a keep state', 'pass in quick on epair0a all flags S/SA keep state'),
    ).toBe(true);
  });

  it('fills in missing from/to halves and decides the family from addresses', () => {
    expect(sameRuleMeaning('pass from 10.77.0.0/24', 'pass inet from 10.77.0.0/24 to any flags S/SA keep state')).toBe(
      true,
    );
    expect(sameRuleMeaning('pass to 2001:db8::/64', 'pass inet6 from any to 2001:db8::/64 flags S/SA keep state')).toBe(
      true,
    );
    expect(sameRuleMeaning('pass from any to any', 'pass all flags S/SA keep state')).toBe(true);
  });

  it('adds `drop` to a bare block and compares option clauses in any order', () => {
    expect(sameRuleMeaning('block quick from <jailnet_1> to <lan>', 'block drop quick from <jailnet_1> to <lan>')).toBe(
      true,
    );
    expect(
      sameRuleMeaning(
        'pass from <jailnet_1> to any label "jail out" keep state',
        'pass from <jailnet_1> to any flags S/SA keep state label "jail out"',
      ),
    ).toBe(true);
  });

  it('reads `!<table>` and `! <table>` alike and adds round-robin for a table target', () => {
    expect(
      sameRuleMeaning(
        'nat on ixl0 inet from <jailnet_1> to !<lan> -> (ixl0)',
        'nat on ixl0 inet from <jailnet_1> to ! <lan> -> (ixl0) round-robin',
      ),
    ).toBe(true);
    expect(
      sameRuleMeaning(
        'nat on ixl0 from 10.0.0.0/8 to any -> <pool>',
        'nat on ixl0 inet from 10.0.0.0/8 to any -> <pool> round-robin',
      ),
    ).toBe(true);
    // `(if:0)` is a single address: no pool type (parse.y DYNIF_MULTIADDR).
    expect(canonicalPfRule('nat on ixl0 from 10.0.0.0/8 to any -> (ixl0:0)')).toBe(
      'nat on ixl0 inet from 10.0.0.0/8 to any -> (ixl0:0)',
    );
  });

  it('adds `all` to anchor calls', () => {
    expect(sameRuleMeaning('anchor "foo"', 'anchor "foo" all')).toBe(true);
    expect(sameRuleMeaning('nat-anchor pot-nat', 'nat-anchor "pot-nat" all')).toBe(true);
  });
});

describe('sameRuleMeaning: real differences stay different', () => {
  it.each([
    ['another port', 'pass proto tcp to port 80', 'pass proto tcp from any to any port = https flags S/SA keep state'],
    ['another interface', 'pass on epair0a', 'pass on epair1a all flags S/SA keep state'],
    ['pass vs block', 'pass quick from <a> to <b>', 'block drop quick from <a> to <b>'],
    [
      'another nat target',
      'nat on em0 from 10.0.0.0/8 to any -> (em1)',
      'nat on em0 inet from 10.0.0.0/8 to any -> (em0) round-robin',
    ],
    ['negation lost', 'nat on em0 from <j> to ! <lan> -> (em0)', 'nat on em0 from <j> to <lan> -> (em0) round-robin'],
    ['quick lost', 'pass quick on em0', 'pass on em0 all flags S/SA keep state'],
    [
      'port operator',
      'pass proto tcp to port > 1024',
      'pass proto tcp from any to any port = 1024 flags S/SA keep state',
    ],
  ])('%s', (_label, written, printed) => {
    expect(sameRuleMeaning(written, printed)).toBe(false);
  });
});

describe('canonicalPfRule', () => {
  it('is idempotent on printed rules', () => {
    const printed = 'nat on em0 inet from 10.192.0.0/10 to any -> (em0) round-robin';
    expect(canonicalPfRule(canonicalPfRule(printed))).toBe(canonicalPfRule(printed));
    expect(canonicalPfRule('pass')).toBe('pass all flags S/SA keep state');
  });
});

describe('canonicalPfRule on `no nat`', () => {
  it('keeps the exception rule shape', () => {
    expect(canonicalPfRule('no nat on em0 from 10.0.0.1 to any')).toBe('no nat on em0 inet from 10.0.0.1 to any');
  });
});

describe('sameRuleMeaning: options of the newer pf syntax', () => {
  it('received-on and rdr-to are options, compared in any order', () => {
    expect(
      sameRuleMeaning(
        'pass in on em0 proto tcp to port 80 received-on em0 rdr-to 10.0.0.2 port 8080',
        'pass in on em0 proto tcp from any to any port = 80 flags S/SA keep state rdr-to 10.0.0.2 port 8080 received-on em0',
      ),
    ).toBe(true);
    expect(
      sameRuleMeaning('pass in on em0 all received-on em0', 'pass in on em0 all received-on em1 flags S/SA keep state'),
    ).toBe(false);
  });
});
