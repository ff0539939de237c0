import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { bareHost } from '../testing/bare-host';
import { plan } from './plan';

describe('leftovers a plan will not run on', () => {
  it('an epair end of Patchbay whose other end is nowhere to be seen, when the plan would touch it', () => {
    // A failed jail start left the host end; discovery could not pair it.
    const actual = bareHost([
      { kind: 'epair', id: 'host:e0a_www_jail', name: 'e0a_www_jail', end: 'a', peer: 'unpaired:host:e0a_www_jail' },
    ]);
    const made = plan(actual, blogNetwork(), { owned: new Set(['host:e0a_www_jail']) });
    expect(made.refusals).toContainEqual(
      expect.objectContaining({
        subject: 'host/e0a_www_jail',
        reason: expect.stringMatching(/other end is nowhere Patchbay can see/),
      }),
    );
  });

  it('leaves an unexplained end alone when the plan does not touch it', () => {
    const actual = bareHost([
      { kind: 'epair', id: 'host:e9a_old', name: 'e9a_old', end: 'a', peer: 'unpaired:host:e9a_old' },
    ]);
    const made = plan(actual, blogNetwork(), { owned: new Set() });
    expect(made.refusals).toEqual([]);
    expect(made.notes).toContainEqual(expect.stringMatching(/e9a_old is not in the design/));
  });

  it('a name the plan renames to that something else already has', () => {
    const actual = bareHost([
      { kind: 'bridge', id: 'host:e0a_tor_relay', name: 'e0a_tor_relay', members: [], description: 'made by hand' },
    ]);
    const made = plan(actual, blogNetwork(), { owned: new Set() });
    expect(made.refusals).toContainEqual(
      expect.objectContaining({
        subject: 'host/e0a_tor_relay',
        reason: expect.stringMatching(
          /already there and the design does not account for it \(bridge, "made by hand"\)/,
        ),
      }),
    );
  });

  it('a jail name a jail without a vnet already holds', () => {
    // Discovery puts every jail without a vnet in the topology as a shared-IP jail, so the planner
    // meets it as the existing jail of that name (shared-ip-steps.ts refuses the change of vnet).
    const actual = bareHost();
    actual.stacks.push({
      kind: 'jail',
      id: 'www-jail',
      name: 'www-jail',
      childrenMax: 0,
      interfaces: [],
      forwarding: { ipv4: false, ipv6: false },
      defaultGateway: {},
      staticRoutes: [],
      nat: [],
      sharedIp: { ip4: [{ address: '192.168.1.60/32' }], ip6: [] },
    });
    const made = plan(actual, blogNetwork(), { owned: new Set() });
    expect(made.refusals).toContainEqual(
      expect.objectContaining({ subject: 'jail www-jail', reason: expect.stringMatching(/runs without a vnet/) }),
    );
    expect(made.steps.map((s) => s.summary)).not.toContain('Create vnet jail www-jail');
  });
});
