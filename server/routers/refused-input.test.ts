import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import type { Context } from '../trpc';
import { appRouter } from './app';

// Issue 16: Save of a design with an MTU of 99999999 showed zod's issues as raw JSON. A refused
// input must come back in words, field path first, through the real HTTP handler (createCaller
// skips the error formatter, so it cannot show this).

async function save(topology: unknown): Promise<{ status: number; message: string }> {
  const context = { designs: () => ({}), hosts: () => ({}) } as unknown as Context;
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request('http://localhost/api/trpc/designs.save', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: '00000000-0000-4000-8000-000000000000', topology }),
    }),
    router: appRouter,
    createContext: () => context,
  });
  const body = (await response.json()) as { error: { message: string } };
  return { status: response.status, message: body.error.message };
}

describe('a refused input, as the dashboard answers it', () => {
  it('names the field and the rule in words, not zod JSON', async () => {
    const topology = blogNetwork();
    topology.stacks[0]!.interfaces[2]!.mtu = 99999999;
    const { status, message } = await save(topology);
    expect(status).toBe(400);
    expect(message).toMatch(/^topology\.stacks\[0\]\.interfaces\[2\]\.mtu: .*65535.*\(schema\.too_big\)$/);
    expect(() => JSON.parse(message)).toThrow();
  });

  it('says how many more there are instead of listing every one', async () => {
    const topology = blogNetwork();
    for (const iface of topology.stacks[0]!.interfaces) iface.mtu = -1;
    const { message } = await save(topology);
    expect(message.split('; ')).toHaveLength(4);
    expect(message).toMatch(/; and \d+ more$/);
  });
});
