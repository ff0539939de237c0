import { describe, expect, it } from 'vitest';
import { addressRefusal, checkAgentUrl } from './agent-address';
import { normaliseFingerprint } from './fingerprint';

// The rules on where an agent's token may be sent (issue 14, finding 5), on the literal URL.

const problem = (url: string, rules: Parameters<typeof checkAgentUrl>[1] = {}) => {
  const check = checkAgentUrl(url, { env: {}, ...rules });
  return check.ok ? null : check.problem;
};

describe('checkAgentUrl', () => {
  it('refuses metadata, link-local, unspecified, multicast and broadcast addresses, however they are spelt', () => {
    expect(problem('https://169.254.169.254')).toMatch(/169\.254\.169\.254 is a cloud metadata address/);
    expect(problem('https://0xa9fea9fe')).toMatch(/169\.254\.169\.254 is a cloud metadata address/);
    expect(problem('https://2852039166:7780')).toMatch(/cloud metadata/);
    expect(problem('https://[::ffff:169.254.169.254]')).toMatch(/cloud metadata/);
    expect(problem('https://[fd00:ec2::254]')).toMatch(/cloud metadata/);
    expect(problem('https://metadata.google.internal')).toMatch(/metadata service/);
    expect(problem('https://METADATA.google.internal./computeMetadata')).toMatch(/metadata service/);
    expect(problem('https://169.254.10.20:7780')).toMatch(/link-local/);
    expect(problem('https://[fe80::1]:7780')).toMatch(/link-local/);
    expect(problem('https://0.0.0.0:7780')).toMatch(/unspecified/);
    expect(problem('https://0:7780')).toMatch(/unspecified/);
    expect(problem('https://[::]:7780')).toMatch(/unspecified/);
    expect(problem('https://224.0.0.1')).toMatch(/multicast/);
    expect(problem('https://[ff02::1]')).toMatch(/multicast/);
    expect(problem('https://255.255.255.255')).toMatch(/broadcast/);
  });

  it('allows what the admin lists in PATCHBAY_ALLOW_AGENT_ADDRESSES, and nothing more', () => {
    const env = { PATCHBAY_ALLOW_AGENT_ADDRESSES: ' 169.254.10.0/24, fe80::5 ' };
    expect(problem('https://169.254.10.20:7780', { env })).toBeNull();
    expect(problem('https://[fe80::5]:7780', { env })).toBeNull();
    expect(problem('https://169.254.11.20:7780', { env })).toMatch(/link-local/);
    expect(problem('https://169.254.169.254', { env })).toMatch(/cloud metadata/);
    expect(addressRefusal('169.254.10.7', { PATCHBAY_ALLOW_AGENT_ADDRESSES: '169.254.0.0/33' })).toMatch(
      /not an address or a CIDR/,
    );
  });

  it('takes https by default; plain http only on this machine or when allowed', () => {
    expect(problem('http://10.0.0.5:7780')).toMatch(/unencrypted/);
    expect(problem('http://jailhost.example.org:7780')).toMatch(/unencrypted/);
    expect(problem('http://10.0.0.5:7780', { allowHttp: true })).toBeNull();
    expect(problem('https://10.0.0.5:7780')).toBeNull();
    expect(problem('http://127.0.0.1:7780')).toBeNull();
    expect(problem('http://127.3.4.5:7780')).toBeNull();
    expect(problem('http://[::1]:7780')).toBeNull();
    expect(problem('http://localhost:7780')).toBeNull();
  });

  it('normalises the URL as WHATWG does, so the address checked is the address stored and called', () => {
    const check = checkAgentUrl('http://0x7f000001:7780/', { env: {} });
    expect(check).toMatchObject({
      ok: true,
      checked: { url: 'http://127.0.0.1:7780', literal: '127.0.0.1', loopbackOnly: true },
    });
    expect(checkAgentUrl('https://JailHost.Example.org:7780//', { env: {} })).toMatchObject({
      ok: true,
      checked: { url: 'https://jailhost.example.org:7780', literal: null },
    });
  });

  it('refuses other schemes, credentials in the URL, queries and fragments', () => {
    expect(problem('ftp://host')).toMatch(/http:\/\/ or https:\/\//);
    expect(problem('file:///etc/passwd')).toMatch(/http:\/\/ or https:\/\//);
    expect(problem('https://user:pw@host')).toMatch(/user name or password/);
    expect(problem('https://host/?x=1')).toMatch(/query/);
    expect(problem('not a url')).toMatch(/must be a URL/);
  });
});

describe('normaliseFingerprint', () => {
  const hex = '0123456789abcdef'.repeat(4);
  const colons = hex.toUpperCase().match(/../g)!.join(':');
  it('accepts what openssl prints, with or without colons or its label, in either case', () => {
    expect(normaliseFingerprint(hex)).toBe(colons);
    expect(normaliseFingerprint(colons.toLowerCase())).toBe(colons);
    expect(normaliseFingerprint(`sha256 Fingerprint=${colons}`)).toBe(colons);
    expect(normaliseFingerprint(`SHA256 Fingerprint=${colons}\n`)).toBe(colons);
  });
  it('refuses anything that is not 32 bytes of hex', () => {
    expect(normaliseFingerprint(hex.slice(2))).toBeNull();
    expect(normaliseFingerprint(`${hex}00`)).toBeNull();
    expect(normaliseFingerprint('zz'.repeat(32))).toBeNull();
  });
});
