import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  clientAddress,
  limiterKey,
  normalizeAddress,
  parseTrustedProxies,
  socketAddress,
  UNKNOWN_ADDRESS,
} from './client-address';
import { CLIENT_ADDRESS_HEADER, stampClientAddresses } from './client-address-stamp.mjs';

/** What a request through a real Node HTTP server looks like to a handler, with `sent` headers. */
async function headersSeen(sent: Record<string, string>): Promise<Headers> {
  const server = createServer((request, response) => response.end(JSON.stringify(request.headers)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: sent });
    return new Headers((await response.json()) as Record<string, string>);
  } finally {
    server.close();
  }
}

describe('the client address', () => {
  it('is unknown (one shared budget) when this process does not stamp requests, whatever the client sends', () => {
    const warnings: string[] = [];
    const spoofed = new Headers({ [CLIENT_ADDRESS_HEADER]: 'anything 10.9.9.9', 'x-forwarded-for': '10.8.8.8' });
    expect(clientAddress(spoofed, {}, (line) => warnings.push(line))).toEqual({ ok: true, address: UNKNOWN_ADDRESS });
    expect(warnings).toEqual([expect.stringContaining('every client shares one login limit')]);
  });

  it('is the socket address, stamped by the server, never what the client claims', async () => {
    const stamp = stampClientAddresses();
    expect(stampClientAddresses()).toBe(stamp); // once per process
    const seen = await headersSeen({ [CLIENT_ADDRESS_HEADER]: `${stamp} 10.9.9.9`, 'x-forwarded-for': '10.8.8.8' });
    expect(socketAddress(seen)).toBe('127.0.0.1');
    expect(clientAddress(seen, {})).toEqual({ ok: true, address: '127.0.0.1' });
    expect(socketAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: 'forged-stamp 10.9.9.9' }))).toBeNull();
  });

  it('believes X-Forwarded-For only from a trusted proxy, taking the nearest hop that is not one', async () => {
    stampClientAddresses();
    const seen = await headersSeen({ 'x-forwarded-for': '10.8.8.8, 198.51.100.4, 127.0.0.1' });
    expect(clientAddress(seen, { PATCHBAY_TRUSTED_PROXIES: '127.0.0.1' })).toEqual({
      ok: true,
      address: '198.51.100.4',
    });
    expect(clientAddress(seen, { PATCHBAY_TRUSTED_PROXIES: '10.0.0.1' })).toEqual({ ok: true, address: '127.0.0.1' });
    const direct = await headersSeen({});
    expect(clientAddress(direct, { PATCHBAY_TRUSTED_PROXIES: '127.0.0.1' })).toEqual({
      ok: true,
      address: '127.0.0.1',
    });
  });

  it('names a bad PATCHBAY_TRUSTED_PROXIES entry and the rule', () => {
    expect(parseTrustedProxies('127.0.0.1, proxy.lan')).toEqual({
      ok: false,
      error:
        'PATCHBAY_TRUSTED_PROXIES: "proxy.lan" is not an IP address; list the addresses your reverse proxies connect from, comma-separated (e.g. PATCHBAY_TRUSTED_PROXIES=127.0.0.1,::1).',
    });
    expect(parseTrustedProxies(' ::1 ,[::ffff:127.0.0.1],')).toEqual({
      ok: true,
      addresses: new Set(['::1', '127.0.0.1']),
    });
    expect(clientAddress(new Headers(), { PATCHBAY_TRUSTED_PROXIES: 'nope' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('"nope"'),
    });
  });

  it('reads IPv4 on a dual-stack socket as IPv4, and limits IPv6 clients by their /64', () => {
    expect(normalizeAddress('::FFFF:192.168.1.20')).toBe('192.168.1.20');
    expect(limiterKey('192.168.1.20')).toBe('192.168.1.20');
    expect(limiterKey('2001:db8:0:1:aaaa::5')).toBe('2001:db8:0:1::/64');
    expect(limiterKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(limiterKey('2001:0db8:0000:0001:0000:0000:0000:0001')).toBe('2001:db8:0:1::/64');
    expect(limiterKey('::1')).toBe('0:0:0:0::/64');
    expect(limiterKey(UNKNOWN_ADDRESS)).toBe(UNKNOWN_ADDRESS);
  });
});
