import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { formatPath } from './problem';
import { validate } from './validate';

// The issue: "A rule it cannot place, or a line it cannot read, is a validation problem with its line,
// never silently dropped."

function problemsOf(pf: {
  rules?: string;
  nat?: string;
  conf?: string;
  tables?: { name: string; entries: string[] }[];
}) {
  const topology = blogNetwork();
  const index = topology.stacks.findIndex((s) => s.kind === 'host');
  topology.stacks[index]!.pf = {
    enabled: true,
    rules: pf.rules ?? '',
    nat: pf.nat ?? '',
    ...(pf.conf === undefined ? {} : { conf: pf.conf }),
    ...(pf.tables ? { tables: pf.tables.map((t) => ({ anchor: '', ...t })) } : {}),
  };
  return validate(topology)
    .filter((p) => p.rule.startsWith('pf.'))
    .map((p) => ({ rule: p.rule, path: formatPath(p.path).replace(`stacks[${index}]`, 'host'), message: p.message }));
}

describe('pf.text', () => {
  it('a nat line among the filter rules, and `block all` among the nat rules, each with its line', () => {
    expect(problemsOf({ rules: 'pass all\nnat on ixl0 from any to any -> (ixl0)', nat: 'block all' })).toEqual([
      {
        rule: 'pf.text',
        path: 'host.pf.rules',
        message: expect.stringMatching(/^pf rules of the host \(.*\), line 2: a nat rule among the filter rules/),
      },
      {
        rule: 'pf.text',
        path: 'host.pf.nat',
        message: expect.stringMatching(/line 1: a filter rule among the nat and rdr rules/),
      },
    ]);
  });

  it('a pasted pf.conf: a line it cannot read and a rule out of order; rules and nat are then not read', () => {
    expect(
      problemsOf({ rules: 'frobnicate', conf: 'pass all\nfrobnicate\nrdr on ixl0 proto tcp to port 80 -> 10.0.0.2' }),
    ).toEqual([
      { rule: 'pf.text', path: 'host.pf.conf', message: expect.stringMatching(/pf\.conf .*line 2: "frobnicate"/) },
      { rule: 'pf.text', path: 'host.pf.conf', message: expect.stringMatching(/line 3: Rules must be in order/) },
    ]);
  });

  it('a table entry read from the host that is not an address', () => {
    expect(problemsOf({ tables: [{ name: 'jails', entries: ['10.0.0.1', '10.0.0.256'] }] })).toEqual([
      { rule: 'pf.table.entry', path: 'host.pf.tables[0].entries[1]', message: expect.stringMatching(/<jails>/) },
    ]);
  });

  it('clean pf text has no problem', () => {
    expect(problemsOf({ conf: 'table <jails> persist\nnat on ixl0 from <jails> to any -> (ixl0)\npass all' })).toEqual(
      [],
    );
  });
});
