import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callAgent } from './agent-client';
import { answering, TOKEN } from './test-servers';

// A DNS name is checked by what it resolves to, at call time (issue 14, finding 5): a name that
// points at the metadata service is refused before anything is sent, and the connection goes to
// the address that was checked, from one lookup, so a rebinding answer cannot switch it after.

const answers = new Map<string, string[]>();
const lookups: string[] = [];

vi.mock('node:dns/promises', async (original) => {
  const real = await original<typeof import('node:dns/promises')>();
  return {
    ...real,
    lookup: async (hostname: string, options: object) => {
      lookups.push(hostname);
      const fake = answers.get(hostname);
      if (!fake) return real.lookup(hostname, options as never);
      // A rebinding resolver: each lookup may give a different answer.
      const address = fake.length > 1 ? fake.shift()! : fake[0]!;
      return [{ address, family: address.includes(':') ? 6 : 4 }];
    },
  };
});

beforeEach(() => {
  answers.clear();
  lookups.length = 0;
});

const info = (url: string, extra: object = {}) =>
  callAgent({ url, token: TOKEN, ...extra }, (agent) => agent.host.info.query(), 3_000);
const AGENT_INFO =
  '{"result":{"data":{"hostname":"gw","freebsdVersion":"14.2-RELEASE","driver":"emulator","agentVersion":"0.1.0"}}}';

describe('agent names resolved at call time', () => {
  it('refuses a name that resolves to the metadata service, and sends nothing', async () => {
    answers.set('metadata-alias.example.test', ['169.254.169.254']);
    await expect(info('https://metadata-alias.example.test:7780')).rejects.toThrow(
      /metadata-alias\.example\.test resolves to 169\.254\.169\.254, which is a cloud metadata address[\s\S]*Nothing was sent/,
    );
    answers.set('v6-alias.example.test', ['fd00:ec2::254']);
    await expect(info('https://v6-alias.example.test:7780')).rejects.toThrow(
      /resolves to fd00:ec2::254, which is a cloud metadata address/,
    );
    answers.set('link-local.example.test', ['fe80::1']);
    await expect(info('https://link-local.example.test:7780')).rejects.toThrow(/link-local/);
  });

  it('connects to the address it checked, after one lookup; a rebinding answer on the next call is refused', async () => {
    const server = await answering(200, AGENT_INFO);
    answers.set('agent.example.test', ['127.0.0.1', '169.254.169.254']);
    await expect(info(`http://agent.example.test:${server.port}`, { allowHttp: true })).resolves.toMatchObject({
      hostname: 'gw',
    });
    expect(lookups).toEqual(['agent.example.test']);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers.host).toBe(`agent.example.test:${server.port}`);
    await expect(info(`http://agent.example.test:${server.port}`, { allowHttp: true })).rejects.toThrow(
      /resolves to 169\.254\.169\.254/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('lets plain http through without allowHttp only when every address is this machine', async () => {
    const server = await answering(200, AGENT_INFO);
    await expect(info(`http://localhost:${server.port}`)).resolves.toMatchObject({ hostname: 'gw' });
    answers.set('localhost', ['10.0.0.5']);
    await expect(info(`http://localhost:${server.port}`)).rejects.toThrow(
      /localhost resolves to 10\.0\.0\.5, which is not this machine/,
    );
  });

  it('checks again at call time what was stored before the rules existed', async () => {
    await expect(info('http://169.254.169.254/latest/meta-data')).rejects.toThrow(
      /169\.254\.169\.254 is a cloud metadata address/,
    );
    await expect(info('http://0x7f000001:9')).rejects.toThrow(/did not answer \(ECONNREFUSED\)/);
    expect(lookups).toEqual([]);
  });
});
