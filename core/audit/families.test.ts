import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { dualStackBlog } from '../testing/dual-stack';
import { Auditor } from './audit';
import { hasIpv6 } from './families';
import { checkIntents } from './intent-check';
import { auditMatrix } from './matrix';

// One answer to "does this design have IPv6?" for the matrix, the explanations and the intents.

describe('hasIpv6', () => {
  it('is false for an IPv4-only design and true for a dual-stack one', () => {
    expect(hasIpv6(new Auditor(blogNetwork()).net)).toBe(false);
    expect(hasIpv6(new Auditor(dualStackBlog()).net)).toBe(true);
  });

  it('counts a LAN with an IPv6 prefix even when no stack has an IPv6 address', () => {
    const topology = blogNetwork();
    const lan = topology.segments.find((s) => s.kind === 'lan')!;
    if (lan.kind === 'lan') lan.cidr6 = '2001:db8:1::/48';
    const auditor = new Auditor(topology);
    expect(hasIpv6(auditor.net)).toBe(true);
    expect(auditMatrix(auditor).cells6).toBeDefined();
    // Intent-check now asks IPv6 here too (its copy left LAN prefixes out): nothing has an IPv6
    // address, so every IPv6 question is "no IPv6 here" and the results are IPv4's alone.
    const violations = checkIntents(auditor, topology).flatMap((r) => r.violations);
    expect(violations.every((v) => v.family === 4)).toBe(true);
    expect(checkIntents(auditor, topology)).toEqual(checkIntents(new Auditor(blogNetwork()), blogNetwork()));
  });
});
