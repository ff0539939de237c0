import { describe, expect, it } from 'vitest';
import { csrfRefusal } from './csrf';

const headers = (values: Record<string, string>) => new Headers(values);
const SAME = { host: '10.0.0.5:3000', origin: 'http://10.0.0.5:3000', 'x-patchbay-csrf': '1' };

describe('cross-site request check', () => {
  it('lets GET and HEAD through whatever they carry', () => {
    expect(csrfRefusal('GET', headers({ origin: 'https://evil.example' }))).toBeNull();
    expect(csrfRefusal('HEAD', headers({}))).toBeNull();
  });

  it('lets a same-origin request with the header through', () => {
    expect(csrfRefusal('POST', headers(SAME))).toBeNull();
    // Browsers omit the default port in Origin; a Host header may carry it.
    expect(
      csrfRefusal('POST', headers({ host: 'PB.example:443', origin: 'https://pb.example', 'x-patchbay-csrf': '1' })),
    ).toBeNull();
    // No Origin (some same-origin requests), but the browser vouches for the site.
    expect(
      csrfRefusal('DELETE', headers({ host: 'pb.example', 'sec-fetch-site': 'same-origin', 'x-patchbay-csrf': '1' })),
    ).toBeNull();
  });

  it('refuses a cross-site origin, naming it', () => {
    expect(csrfRefusal('POST', headers({ ...SAME, origin: 'https://evil.example' }))).toBe(
      'Cross-site request refused: the Origin header (https://evil.example) is not this dashboard (10.0.0.5:3000).',
    );
    expect(csrfRefusal('POST', headers({ ...SAME, origin: 'http://10.0.0.5:3001' }))).toMatch(/not this dashboard/);
    expect(csrfRefusal('POST', headers({ ...SAME, origin: 'null' }))).toMatch(/Origin header \(null\)/);
  });

  it('refuses a request without Origin unless Sec-Fetch-Site says same-origin', () => {
    expect(csrfRefusal('POST', headers({ host: 'pb.example', 'x-patchbay-csrf': '1' }))).toMatch(
      /Origin header is missing \(and no Sec-Fetch-Site: same-origin\)/,
    );
    expect(
      csrfRefusal('POST', headers({ host: 'pb.example', 'sec-fetch-site': 'cross-site', 'x-patchbay-csrf': '1' })),
    ).toMatch(/Sec-Fetch-Site is cross-site/);
  });

  it('refuses a same-origin request without the x-patchbay-csrf header, naming the header', () => {
    expect(csrfRefusal('POST', headers({ host: SAME.host, origin: SAME.origin }))).toBe(
      'Cross-site request refused: the x-patchbay-csrf: 1 header is missing.',
    );
    expect(csrfRefusal('PUT', headers({ ...SAME, 'x-patchbay-csrf': 'yes' }))).toMatch(
      /x-patchbay-csrf: 1 header is missing/,
    );
  });

  it('names every problem at once', () => {
    expect(csrfRefusal('post', headers({ host: 'pb.example', origin: 'https://evil.example' }))).toMatch(
      /evil\.example.*; the x-patchbay-csrf/,
    );
  });
});
