import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { parseCidr } from '../net/ip';
import type { Topology } from '../topology/schema';
import { compileAllowDeny } from './compile-intents';

/** The blog network with IPv6 on bridge0 and www-jail, and `www` allowed to and denied from the bridge. */
function dualStack(): Topology {
  const t = blogNetwork();
  const bridge = t.stacks[0]!.interfaces.find((i) => i.name === 'bridge0')!;
  bridge.addresses.push('fd00:10::1/64');
  const www = t.stacks.find((s) => s.kind === 'jail' && s.name === 'www-jail')!;
  www.interfaces.find((i) => i.kind === 'epair')!.addresses.push('fd00:10::3/64');
  t.intents.push(
    {
      kind: 'allow',
      id: 'www-to-jails',
      from: { kind: 'stack', id: 'www' },
      to: { kind: 'network', id: 'host:bridge0' },
      protocol: 'tcp',
      ports: [80],
    },
    {
      kind: 'deny',
      id: 'snort-from-www',
      from: { kind: 'stack', id: 'www' },
      to: { kind: 'stack', id: 'snort' },
      protocol: 'any',
      ports: [],
    },
  );
  return t;
}

const family = (address: string) => {
  const cidr = parseCidr(address.includes('/') ? address : `${address}/${address.includes(':') ? 128 : 32}`);
  return cidr.ok ? cidr.value.family : undefined;
};

describe('compileAllowDeny', () => {
  it('pairs every source only with destinations of its own family', () => {
    // pfctl refuses a rule whose source and destination are of different families ("rule expands to no
    // valid combination", sbin/pfctl/parse.y expand_rule()), and that fails the whole anchor.
    const rules = compileAllowDeny(dualStack());
    expect(rules).toEqual([
      'block drop quick from 10.0.0.3 to 10.0.0.2',
      'pass quick proto tcp from 10.0.0.3 to 10.0.0.0/24 port 80',
      'pass quick proto tcp from fd00:10::3 to fd00:10::/64 port 80',
    ]);
    for (const rule of rules) {
      const [, from, to] = /from (\S+) to (\S+)/.exec(rule)!;
      expect(family(from!)).toBe(family(to!));
    }
  });
});
