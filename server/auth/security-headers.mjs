// The security headers of every response: one definition, read by proxy.ts (pages, API, public
// files, and the proxy's own refusals and redirects) and by next.config.mjs (the files the proxy's
// matcher skips: /_next/static, /_next/image, /favicon.ico). Plain JavaScript because
// next.config.mjs is loaded by Node itself, which cannot import TypeScript.

/**
 * Each source, and why it is there (docs/security/dashboard.md has the long form):
 * - script-src 'unsafe-inline': Next writes the page's data as inline <script> tags, and the root
 *   layout inlines the theme script that runs before first paint. Next's alternative, a per-request
 *   nonce, only reaches pages rendered per request, and `/` and the 404 page are prerendered at build
 *   time, so a nonce policy would block their scripts. No other origin may supply scripts.
 * - 'unsafe-eval' only under `next dev`: React rebuilds server error stacks in the browser with eval.
 * - style-src 'unsafe-inline': React Flow (@xyflow/react) positions every node with a style
 *   attribute, and Next inlines some styles; a nonce cannot cover style attributes.
 * - img-src data: blob:: the PNG/SVG export draws the canvas into data: and blob: URLs.
 * - worker-src 'self': the audit worker (/audit-worker.js) and ELK's layout worker (/elk-worker.js)
 *   are files here; no blob: workers.
 * - connect-src 'self': tRPC, the counter streams and the auth endpoints are all this origin.
 * - frame-ancestors 'none', object-src 'none', base-uri 'self', form-action 'self': no framing
 *   (clickjacking), no plugins, no <base> hijack, forms post only here.
 * No upgrade-insecure-requests: the dashboard is often reached over plain http on a LAN address.
 *
 * @param {{ development: boolean }} options
 * @returns {string}
 */
export function contentSecurityPolicy({ development }) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * @param {{ development: boolean }} options
 * @returns {Record<string, string>}
 */
export function securityHeaders(options) {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    // For browsers without frame-ancestors; both say the same.
    'X-Frame-Options': 'DENY',
    // A file is what its Content-Type says, never sniffed into HTML or script.
    'X-Content-Type-Options': 'nosniff',
    // Design and host ids in URLs stay on this dashboard.
    'Referrer-Policy': 'same-origin',
  };
}
