// Where to go after logging in: only a path on this dashboard, so /login?next=https://evil.example
// (or //evil.example, or /\evil.example, which browsers also read as another host) cannot send a
// person off-site after they typed their password.

export function safeNextPath(next: string | string[] | undefined | null): string {
  const path = Array.isArray(next) ? next[0] : next;
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\\]/.test(path)) return '/';
  if (path === '/login' || path.startsWith('/login?')) return '/';
  return path;
}
