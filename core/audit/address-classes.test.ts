import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { parseAddr } from '../net/addr';
import type { PrintedPfRuleset } from '../topology/schema';
import { AddressClasses } from './address-classes';
import { Auditor } from './audit';

// Address classes see pf tables as pf does: per anchor, an anchor without its own table of that
// name using the main ruleset's (pf_table.c pfr_attach_table; core/pf/ruleset.ts resolveTable).
// The addresses asked sit outside every network of the blog design, so only the tables part them.

const at = (text: string) => parseAddr(text)!.address;

function classesWith(pf: PrintedPfRuleset): AddressClasses {
  const topology = blogNetwork();
  topology.stacks.find((s) => s.kind === 'host')!.pf = pf;
  return new AddressClasses(new Auditor(topology, 'as-read').net);
}

const TWO_ANCHORS = [
  'anchor "a" all {',
  '  block drop quick from <t> to any',
  '}',
  'anchor "b" all {',
  '  block drop quick from <t> to any',
  '  pass quick from <root_only> to any',
  '}',
  'pass all',
].join('\n');

describe('AddressClasses and pf tables', () => {
  it('tells apart the addresses of a table named alike in two anchors with different contents', () => {
    const classes = classesWith({
      enabled: true,
      nat: '',
      rules: TWO_ANCHORS,
      tables: [
        { anchor: 'a', name: 't', entries: ['172.16.5.5'] },
        { anchor: 'b', name: 't', entries: ['172.16.5.9'] },
        { anchor: '', name: 'root_only', entries: ['172.16.6.0/24'] },
      ],
    });
    const [inA, inB, neither] = ['172.16.5.5', '172.16.5.9', '172.16.5.7'].map((a) => classes.classOf(at(a)));
    expect(new Set([inA, inB, neither]).size).toBe(3);
    // Anchor b has no <root_only> of its own: the main ruleset's is the one its rule means.
    expect(classes.classOf(at('172.16.6.6'))).not.toBe(neither);
    expect(classes.classOf(at('172.16.6.6'))).toBe(classes.classOf(at('172.16.6.7')));
  });

  it("uses an anchor's own table over the main ruleset's of the same name", () => {
    const classes = classesWith({
      enabled: true,
      nat: '',
      rules: 'anchor "a" all {\n  block drop quick from <t> to any\n}\npass all',
      tables: [
        { anchor: 'a', name: 't', entries: ['172.16.5.5'] },
        { anchor: '', name: 't', entries: ['172.16.7.7'] },
      ],
    });
    expect(classes.classOf(at('172.16.5.5'))).not.toBe(classes.classOf(at('172.16.5.7')));
    // The main ruleset's <t> is named by no rule: it parts nothing.
    expect(classes.classOf(at('172.16.7.7'))).toBe(classes.classOf(at('172.16.5.7')));
  });
});
