import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { fromTemplate, TEMPLATES } from '../../core/templates/templates';
import { validTopology } from '../../core/testing/arbitrary-topology';
import { parseIfconfig } from '../freebsd/ifconfig-parse';
import type { IfconfigInterface } from '../freebsd/types';
import { jcIfconfig, type JcInterface } from '../testing/jc';
import { applyLive } from './boot-test-support';
import { createDemoHost } from './demo-host';
import type { FreebsdEmulator } from './emulator';

// The emulator's `ifconfig` text read by a reader that is not ours: Debian's jc, whose FreeBSD
// patterns were written against real hosts. Every interface our parser finds, jc finds too, with
// the same flags, MTU, MAC, options, nd6 options, status and addresses (jc turns the hex netmask
// into a dotted quad on its own). The same comparison on the real FreeBSD samples in
// fixtures/freebsd/ shows that the two readers agree where FreeBSD itself printed the text.

function dotted(prefix: number): string {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (mask >>> shift) & 0xff).join('.');
}

function fromOurs(i: IfconfigInterface) {
  return {
    name: i.name,
    flags: i.flagsHex,
    state: i.flags,
    mtu: i.mtu,
    mac: i.ether ?? null,
    // jc's options pattern wants the <names> part, which `options=0` (a 14 bridge) does not have.
    options: i.options?.names.length ? i.options.hex : null,
    // jc's pattern for the nd6 word is decimal digits only (`nd6\soptions=(?P<nd6_options>\d+)`).
    nd6: i.nd6 && /^[0-9]+$/.test(i.nd6.hex) ? i.nd6.hex : null,
    status: i.status ?? null,
    ipv4: i.inet.map((a) => ({ address: a.address, mask: dotted(a.prefix), broadcast: a.broadcast ?? null })),
    ipv6: i.inet6.map((a) => ({ address: a.address, mask: a.prefix, zone: a.zone ?? null, scope: a.scopeid ?? null })),
  };
}

function fromJc(j: JcInterface) {
  return {
    name: j.name,
    flags: j.flags === null ? null : String(j.flags),
    state: j.state,
    mtu: j.mtu,
    mac: j.mac_addr,
    options: j.options ?? null,
    nd6: j.nd6_options === undefined || j.nd6_options === null ? null : String(j.nd6_options),
    status: j.status ?? null,
    ipv4: j.ipv4 ?? [],
    // jc's FreeBSD inet6 pattern takes a zone only when it ends in a digit (`\%(?P<scope_id>\w+\d+)`,
    // jc 1.22 parsers/ifconfig.py); otherwise it leaves `%<zone>` on the address. FreeBSD prints any
    // interface name there (getnameinfo), so split it off the way the pattern meant to.
    ipv6: (j.ipv6 ?? []).map((a) => {
      const [address = a.address, zone] =
        a.scope_id === null && a.address.includes('%') ? a.address.split('%') : [a.address];
      return { address, mask: a.mask, zone: zone ?? a.scope_id, scope: a.scope };
    }),
  };
}

function expectSameReading(text: string) {
  const ours = parseIfconfig(text).map(fromOurs);
  expect(ours.length).toBeGreaterThan(0);
  expect(jcIfconfig(text).map(fromJc)).toEqual(ours);
}

/** `ifconfig` of the host and of every vnet jail, one after the other. */
async function everyStack(host: FreebsdEmulator): Promise<string> {
  let text = (await host.run({ argv: ['ifconfig'] })).stdout;
  for (const jail of host.state.jails.values()) {
    if (jail.vnet === undefined) continue;
    const inside = await host.run({ argv: ['ifconfig'], jail: jail.name });
    expect(inside.code, inside.stderr).toBe(0);
    text += inside.stdout;
  }
  return text;
}

describe("ifconfig text read by Debian's jc", () => {
  it('agrees with our parser on the real FreeBSD listings in fixtures/freebsd/', () => {
    for (const file of [
      'ifconfig-host-bridge-epairs-14x-subnetspider.txt',
      'ifconfig-jail-vnet0-ngeiface-14.3-subnetspider.txt',
    ]) {
      expectSameReading(readFileSync(join(__dirname, '../../fixtures/freebsd', file), 'utf8'));
    }
  });

  it('agrees with our parser on the demo host, every template and generated designs on 13, 14 and 15', async () => {
    const designs = [
      blogNetwork(),
      ...TEMPLATES.map((t) => fromTemplate(t.id)),
      ...fc.sample(validTopology, { numRuns: 25, seed: 13 }),
    ];
    expect(new Set(designs.map((d) => d.target.freebsd))).toEqual(new Set(['13', '14', '15']));
    let text = await everyStack(createDemoHost());
    for (const design of designs) text += await everyStack(await applyLive(design));
    expectSameReading(text);
  }, 60_000);
});
