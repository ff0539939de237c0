import { describe, expect, it } from 'vitest';
import { dashboard, TOKEN } from './test-servers';

// hosts.add: what may be stored as an agent (issue 14, finding 5, and 10c's fingerprint). Each
// refusal names the field, so the form can say which box to fix.

/** The field and message of each issue the refusal carries (tRPC sends zod's issues as its message). */
async function refusal(adding: Promise<unknown>): Promise<string> {
  const error = await adding.then(
    () => null,
    (caught: Error) => caught,
  );
  if (!error) return 'accepted';
  return (JSON.parse(error.message) as { path: string[]; message: string }[])
    .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    .join('\n');
}

const PIN = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase()).join(':');

describe('hosts.add', () => {
  it('refuses metadata, link-local and unspecified addresses, however they are written, naming the url field', async () => {
    const { caller } = dashboard();
    for (const url of [
      'http://169.254.169.254',
      'https://169.254.169.254/latest/meta-data',
      'https://0xa9fea9fe',
      'https://[::ffff:169.254.169.254]',
      'https://metadata.google.internal',
      'https://169.254.3.4:7780',
      'https://[fe80::1]:7780',
      'http://0.0.0.0:7780',
      'https://[::]:7780',
      'https://224.0.0.1:7780',
    ]) {
      expect(await refusal(caller.hosts.add({ name: 'x', url, token: TOKEN })), url).toMatch(
        /^url: .*(metadata|link-local|unspecified|multicast)/,
      );
    }
    expect(await caller.hosts.list()).toEqual([]);
  });

  it('takes https by default and plain http only for this machine or with allowHttp', async () => {
    const { caller } = dashboard();
    expect(await refusal(caller.hosts.add({ name: 'lan', url: 'http://10.0.0.5:7780', token: TOKEN }))).toMatch(
      /^url: .*unencrypted/,
    );
    expect(
      await caller.hosts.add({ name: 'lan', url: 'http://10.0.0.5:7780', token: TOKEN, allowHttp: true }),
    ).toMatchObject({ url: 'http://10.0.0.5:7780', allowHttp: true });
    expect(await caller.hosts.add({ name: 'tls', url: 'https://10.0.0.6:7780/', token: TOKEN })).toMatchObject({
      url: 'https://10.0.0.6:7780',
      allowHttp: false,
    });
    expect(await caller.hosts.add({ name: 'here', url: 'http://localhost:7780', token: TOKEN })).toMatchObject({
      allowHttp: false,
    });
  });

  it('stores the URL as WHATWG reads it, so the address checked is the one shown and called', async () => {
    const { caller } = dashboard();
    expect(await caller.hosts.add({ name: 'hex', url: 'http://0x7f000001:7780/', token: TOKEN })).toMatchObject({
      url: 'http://127.0.0.1:7780',
    });
  });

  it('pins a certificate fingerprint given as openssl prints it, and refuses one that is not a SHA-256', async () => {
    const { caller, hosts } = dashboard();
    const added = await caller.hosts.add({
      name: 'pinned',
      url: 'https://10.0.0.5:7780',
      token: TOKEN,
      fingerprint: `sha256 Fingerprint=${PIN.toLowerCase()}`,
    });
    expect(added.fingerprint).toBe(PIN);
    expect(hosts.endpoint(added.id).fingerprint).toBe(PIN);
    expect(
      (
        await caller.hosts.add({
          name: 'plain-hex',
          url: 'https://10.0.0.6:7780',
          token: TOKEN,
          fingerprint: PIN.replaceAll(':', ''),
        })
      ).fingerprint,
    ).toBe(PIN);
    expect(
      await refusal(
        caller.hosts.add({ name: 'short', url: 'https://10.0.0.7:7780', token: TOKEN, fingerprint: 'AB:CD' }),
      ),
    ).toMatch(/^fingerprint: .*64 hex digits/);
    expect(
      await refusal(caller.hosts.add({ name: 'http', url: 'http://127.0.0.1:7780', token: TOKEN, fingerprint: PIN })),
    ).toMatch(/^fingerprint: .*https:\/\//);
  });
});
