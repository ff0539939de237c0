import { describe, expect, it } from 'vitest';
import { describeAgo, describeUserAgent } from './describe-session';

describe('naming a session', () => {
  it('reads the browser and system out of a User-Agent', () => {
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      'Firefox on Linux',
    );
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      ),
    ).toBe('Safari on macOS');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0',
      ),
    ).toBe('Edge on Windows');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; FreeBSD amd64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
      ),
    ).toBe('Chrome on FreeBSD');
    expect(describeUserAgent('curl/8.5.0')).toBe('curl');
    expect(describeUserAgent('')).toBe('Unknown browser');
    expect(describeUserAgent('some-script/1.0')).toBe('some-script/1.0');
  });

  it('says how long ago', () => {
    const now = Date.UTC(2026, 0, 2, 12);
    expect(describeAgo(now - 30_000, now)).toBe('just now');
    expect(describeAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(describeAgo(now - 3 * 3600_000, now)).toBe('3 h ago');
  });
});
