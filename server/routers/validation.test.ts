import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { serializeTopology } from '../../core/topology/document';
import { createCaller } from './app';
import { MAX_TOPOLOGY_TEXT } from './validation';

const caller = createCaller({
  designs: () => {
    throw new Error('the validation router needs no storage');
  },
  hosts: () => {
    throw new Error('the validation router needs no hosts');
  },
});

describe('validation router', () => {
  it('serves the demo design, valid', async () => {
    const { topology, problems } = await caller.validation.demo();
    expect(topology.name).toBe('Blog network');
    expect(topology.stacks.map((s) => (s.kind === 'jail' ? s.name : s.hostname))).toEqual([
      'gateway.example.org',
      'snort-jail',
      'www-jail',
      'tor-relay',
    ]);
    expect(problems).toEqual([]);
  });

  it('checks topology text and reports problems with paths', async () => {
    const { topology } = await caller.validation.demo();
    const broken = JSON.parse(serializeTopology(topology));
    broken.stacks[1].interfaces[1].name = 'epair1b_for_the_snort_jail';
    const result = await caller.validation.check({ text: JSON.stringify(broken) });
    expect(result.problems).toEqual([
      expect.objectContaining({ rule: 'interface.name.length', path: ['stacks', 1, 'interfaces', 1, 'name'] }),
    ]);
  });

  it('reports bad JSON as a problem, not an exception', async () => {
    const result = await caller.validation.check({ text: 'not json' });
    expect(result.problems[0]!.rule).toBe('document.json');
  });

  it('refuses oversized input before parsing it, naming the field', async () => {
    const error = await caller.validation.check({ text: 'x'.repeat(MAX_TOPOLOGY_TEXT + 1) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect((error as TRPCError).message).toMatch(/text/);
  });
});
