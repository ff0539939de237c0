import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { dualStackBlog } from '../testing/dual-stack';
import { auditPlan } from './plan-audit';

// The plan audit compares the host as read (no segments of its own, its pf as listed) with the
// design as it will run there.

function bareHostOf(design: ReturnType<typeof blogNetwork>) {
  const host = structuredClone(design);
  host.stacks = [
    {
      ...host.stacks[0]!,
      interfaces: host.stacks[0]!.interfaces.filter((i) => i.kind === 'physical' || i.kind === 'loopback'),
      nat: [],
    },
  ];
  host.segments = [];
  host.intents = [];
  return host;
}

describe('auditPlan', () => {
  it('lists the pairs a plan creates, against the design LAN and internet, and no broken intent', () => {
    const design = blogNetwork();
    const audit = auditPlan(bareHostOf(design), design);
    expect(audit.broken).toEqual([]);
    const gained = audit.changes.filter((c) => c.kind === 'gained').map((c) => `${c.source}>${c.destination}`);
    expect(gained).toContain('tor-relay>internet');
    expect(gained).toContain('snort-jail>LAN');
    expect(gained).not.toContain('tor-relay>LAN');
    expect(audit.changes.every((c) => c.family === 4)).toBe(true);
  });

  it('lists what a dual-stack plan opens in each family, tor-relay (unique-local only) not to the internet in IPv6', () => {
    const design = dualStackBlog();
    const audit = auditPlan(bareHostOf(design), design);
    const gained = audit.changes
      .filter((c) => c.kind === 'gained')
      .map((c) => `${c.source}>${c.destination} IPv${c.family}`);
    expect(gained).toEqual(
      expect.arrayContaining(['snort-jail>LAN IPv4', 'snort-jail>LAN IPv6', 'tor-relay>internet IPv4']),
    );
    expect(gained).not.toContain('tor-relay>internet IPv6');
    expect(audit.changeCount).toBe(audit.changes.length);
  });

  it('says which intent a plan would break when the host does not let pf see bridged traffic', () => {
    const design = blogNetwork();
    design.intents.push({ kind: 'isolated', id: 'snort-alone', subject: { kind: 'stack', id: 'snort' } });
    const host = bareHostOf(design);
    host.stacks[0]!.bridgeFilter = { member: false, bridge: false };
    const audit = auditPlan(host, design);
    expect(audit.broken.map((b) => b.id)).toEqual(['snort-alone']);
    expect(audit.broken[0]!.violations.map((v) => v.pair)).toContain('snort-jail → www-jail');
  });

  it('keeps the host pf it reads: a hook-less pf.conf leaves Patchbay rules out, and says so', () => {
    const design = blogNetwork();
    const host = bareHostOf(design);
    host.stacks[0]!.pf = { enabled: true, rules: 'pass all', nat: '' };
    const audit = auditPlan(host, design);
    expect(audit.notes.join(' ')).toMatch(/anchor "patchbay\/\*"/);
    expect(audit.broken.map((b) => b.id)).toEqual(['tor-internet-only']);
  });
});
