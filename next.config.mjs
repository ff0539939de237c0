import { stampClientAddresses } from './server/auth/client-address-stamp.mjs';
import { securityHeaders } from './server/auth/security-headers.mjs';

// This file is loaded by the process that serves requests (`next start`, `next dev`), before it
// listens: the one place that runs early enough to see every request's socket, which the login
// limiter keys on (server/auth/client-address-stamp.mjs says why Next itself does not tell us).
stampClientAddresses();

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A native addon: loaded from node_modules at run time, never bundled.
  serverExternalPackages: ['better-sqlite3'],
  // proxy.ts sets the security headers on everything it sees; these are the paths its matcher skips.
  async headers() {
    const headers = Object.entries(securityHeaders({ development: process.env.NODE_ENV === 'development' })).map(([key, value]) => ({ key, value }));
    return ['/_next/static/:path*', '/_next/image', '/favicon.ico'].map((source) => ({ source, headers }));
  },
};

export default nextConfig;
