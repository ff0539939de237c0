import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('the page to return to after login', () => {
  it('keeps a path on this dashboard, with its query', () => {
    expect(safeNextPath('/designs/abc?x=1')).toBe('/designs/abc?x=1');
    expect(safeNextPath(['/designs', '/other'])).toBe('/designs');
  });

  it('goes home instead of to another site or back to the login page', () => {
    for (const next of [
      undefined,
      null,
      '',
      'designs',
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '/a\nb',
      '/a\\b',
      '/login',
      '/login?next=/x',
    ]) {
      expect(safeNextPath(next), String(next)).toBe('/');
    }
    // Escaped characters stay escaped; the browser never reads them as a host.
    expect(safeNextPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });
});
