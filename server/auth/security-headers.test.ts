import type { NextConfig } from 'next';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers.mjs';

describe('the security headers', () => {
  it('forbid framing, sniffing and cross-origin referrers', () => {
    expect(securityHeaders({ development: false })).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    });
  });

  it('have a CSP that keeps scripts, connections and framing to this origin', () => {
    expect(contentSecurityPolicy({ development: false })).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  it("allow eval only under next dev, where React's error overlay needs it", () => {
    expect(contentSecurityPolicy({ development: true })).toContain("script-src 'self' 'unsafe-inline' 'unsafe-eval';");
    expect(contentSecurityPolicy({ development: false })).not.toContain('unsafe-eval');
  });

  it('are also set by next.config.mjs on the paths the proxy skips', async () => {
    // A path in a variable: TypeScript would want a declaration file for the .mjs.
    const configFile = '../../next.config.mjs';
    const nextConfig = ((await import(configFile)) as { default: NextConfig }).default;
    const rules = await nextConfig.headers!();
    expect(rules.map((rule) => rule.source)).toEqual(['/_next/static/:path*', '/_next/image', '/favicon.ico']);
    for (const rule of rules)
      expect(Object.fromEntries(rule.headers.map((h) => [h.key, h.value]))).toEqual(
        securityHeaders({ development: false }),
      );
  });
});
