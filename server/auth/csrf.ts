import { CSRF_HEADER } from '../../core/wire/csrf-header';

// Cross-site request forgery: another site's page can make the browser send requests here (with
// the session cookie, in browsers that ignore SameSite). Every state-changing /api request must
// therefore come from this dashboard's own origin AND carry a header a plain form or a no-cors fetch
// cannot set, so a cross-site request needs a CORS preflight, which nothing here answers.

export { CSRF_HEADER };
const SAFE_METHODS = new Set(['GET', 'HEAD']);

interface HeaderSource {
  get(name: string): string | null;
}

/** Why this request must be refused (every reason, in one sentence), or null when it may go on. */
export function csrfRefusal(method: string, headers: HeaderSource): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const problems: string[] = [];
  const origin = headers.get('origin');
  const host = headers.get('host');
  if (origin !== null) {
    if (!host) problems.push('the Host header is missing');
    else if (!sameHost(origin, host)) problems.push(`the Origin header (${origin}) is not this dashboard (${host})`);
  } else if (headers.get('sec-fetch-site') !== 'same-origin') {
    const site = headers.get('sec-fetch-site');
    problems.push(
      site === null
        ? 'the Origin header is missing (and no Sec-Fetch-Site: same-origin)'
        : `the Origin header is missing and Sec-Fetch-Site is ${site}, not same-origin`,
    );
  }
  if (headers.get(CSRF_HEADER) !== '1') problems.push(`the ${CSRF_HEADER}: 1 header is missing`);
  return problems.length === 0 ? null : `Cross-site request refused: ${problems.join('; ')}.`;
}

/** Compares hosts the way URLs do: case-insensitive, a default port equal to none. */
function sameHost(origin: string, host: string): boolean {
  try {
    const from = new URL(origin);
    if (from.protocol !== 'http:' && from.protocol !== 'https:') return false; // includes "null"
    return from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false;
  }
}
