import { stampClientAddresses } from './server/auth/client-address-stamp.mjs';
import { securityHeaders } from './server/auth/security-headers.mjs';

// This file is loaded by the process that serves requests (`next start`, `next dev`), before it
// listens: the one place that runs early enough to see every request's socket, which the login
// limiter keys on (server/auth/client-address-stamp.mjs says why Next itself does not tell us).
stampClientAddresses();

// The benchmark pages (app/**/page.bench.tsx) are pages only in the bench build, PATCHBAY_BENCH=1,
// which has a build directory of its own so it never replaces the shipped one (bench/next-server.mjs).
const bench = process.env.PATCHBAY_BENCH === '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  pageExtensions: bench ? ['bench.tsx', 'tsx', 'ts', 'jsx', 'js'] : ['tsx', 'ts', 'jsx', 'js'],
  // Types are checked by the shipped build and npm test; the bench build only measures.
  ...(bench ? { distDir: '.next-bench', typescript: { ignoreBuildErrors: true } } : {}),
  poweredByHeader: false,
  // A native addon: loaded from node_modules at run time, never bundled.
  serverExternalPackages: ['better-sqlite3'],
  // proxy.ts sets the security headers on everything it sees; these are the paths its matcher skips.
  async headers() {
    const headers = Object.entries(securityHeaders({ development: process.env.NODE_ENV === 'development' })).map(
      ([key, value]) => ({ key, value }),
    );
    return ['/_next/static/:path*', '/_next/image', '/favicon.ico'].map((source) => ({ source, headers }));
  },
};

export default nextConfig;
