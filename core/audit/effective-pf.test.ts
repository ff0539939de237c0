import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { formatAddr } from '../net/addr';
import type { FilterRule, HostTerm } from '../pf/ruleset';
import type { PrintedPfRuleset, Topology } from '../topology/schema';
import { effectivePf } from './effective-pf';

// What the audit evaluates of a stack's pf: a pasted pf.conf instead of the two listings, tables with
// their running contents per anchor, and a note for every table it does not know and every rule it
// cannot fully evaluate (defect 7: tables "must be declared in the rules text, although pfctl -sr does
// not print them").

function hostWith(pf: PrintedPfRuleset): { topology: Topology; notes: string[]; ruleset: ReturnType<typeof run> } {
  const topology = blogNetwork();
  const host = topology.stacks.find((s) => s.kind === 'host')!;
  host.pf = pf;
  const notes: string[] = [];
  const ruleset = run(topology, notes);
  return { topology, notes, ruleset };
}

function run(topology: Topology, notes: string[]) {
  const host = topology.stacks.find((s) => s.kind === 'host')!;
  return effectivePf(topology, host, 'as-read', notes)!.ruleset;
}

const shown = (terms: readonly HostTerm[] | undefined) =>
  (terms ?? []).map(
    (t) =>
      `${t.negated ? '!' : ''}${t.atom.kind === 'cidr' ? formatAddr(t.atom.net) + '/' + t.atom.bits : t.atom.kind}`,
  );

describe('effectivePf', () => {
  it('reads a pasted pf.conf instead of rules and nat, and notes its problems with their lines', () => {
    const { ruleset, notes } = hostWith({
      enabled: true,
      rules: 'block all',
      nat: '',
      conf: 'block in all\nnat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\npass out all',
    });
    expect(ruleset.filter.map((r) => r.line)).toEqual([1, 3]);
    expect(ruleset.translation.map((r) => r.line)).toEqual([2]);
    expect(notes).toEqual([
      expect.stringMatching(/^pf in the host \(pf\.conf\), line 2: Rules must be in order.*still reads that rule/),
    ]);
  });

  it("takes tables' running contents from the host, per anchor, IPv6 entries kept; they win over the text", () => {
    const { ruleset, notes } = hostWith({
      enabled: true,
      rules: 'pass in from <jails>\nanchor "bastille/*" all {\n  pass in from <web>\n}',
      nat: '',
      tables: [
        { anchor: '', name: 'jails', entries: ['10.17.89.1', '2001:db8::/64', '!10.17.89.9'] },
        { anchor: 'bastille', name: 'web', entries: ['10.17.89.2'] },
      ],
      conf: undefined,
    });
    expect(shown(ruleset.tables.get('jails'))).toEqual(['10.17.89.1/32', '2001:db8::/64', '!10.17.89.9/32']);
    expect(shown(ruleset.tables.get('bastille:web'))).toEqual(['10.17.89.2/32']);
    expect(notes).toEqual([]);
  });

  it('a table neither declared nor read is a note, and so is a persist-file table whose contents were not read', () => {
    const { notes } = hostWith({
      enabled: true,
      rules: '',
      nat: '',
      conf: 'table <bad> persist file "/etc/pf.bad"\nblock in from <bad>\npass in from <jails>',
    });
    expect(notes).toEqual([
      expect.stringMatching(/<bad> in the host is loaded from \/etc\/pf\.bad, whose contents were not read/),
      expect.stringMatching(/<jails> in the host is neither declared nor read from the host.*marked uncertain/),
    ]);
  });

  it('a persist-file table takes its running contents from the host', () => {
    const { ruleset, notes } = hostWith({
      enabled: true,
      rules: '',
      nat: '',
      conf: 'table <bad> persist file "/etc/pf.bad"\nblock in from <bad>',
      tables: [{ anchor: '', name: 'bad', entries: ['198.51.100.0/24'] }],
    });
    expect(shown(ruleset.tables.get('bad'))).toEqual(['198.51.100.0/24']);
    expect(notes).toEqual([]);
  });

  it('a rule the audit cannot fully evaluate is kept and noted', () => {
    const { ruleset, notes } = hostWith({ enabled: true, rules: 'pass out route-to (ixl0 192.168.1.1) all', nat: '' });
    expect((ruleset.filter[0] as FilterRule).uncertain).toMatch(/route-to/);
    expect(notes).toEqual([expect.stringMatching(/line 1 \(pass out route-to .*cannot evaluate route-to/)]);
  });

  it('a nat line among the filter rules is a note with its line, not silently ignored', () => {
    const { notes } = hostWith({ enabled: true, rules: 'pass all\nnat on ixl0 from any to any -> (ixl0)', nat: '' });
    expect(notes).toEqual([expect.stringMatching(/\(rules\), line 2: a nat rule among the filter rules/)]);
  });
});
