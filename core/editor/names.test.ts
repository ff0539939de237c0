import { describe, expect, it } from 'vitest';
import { TopologySchema, type Topology } from '../topology/schema';
import { freshId } from './names';

function withIntent(): Topology {
  return TopologySchema.parse({
    format: 'patchbay.topology',
    version: 2,
    name: 'new design',
    stacks: [
      { kind: 'host', id: 'host', hostname: 'gateway.example.org' },
      { kind: 'jail', id: 'jail-web', name: 'web' },
    ],
    intents: [
      { kind: 'isolated', id: 'web-alone', subject: { kind: 'stack', id: 'jail-web' } },
      { kind: 'allow', id: 'web-out', from: { kind: 'stack', id: 'jail-web' }, to: { kind: 'stack', id: 'host' } },
    ],
  });
}

describe('freshId', () => {
  it('keeps a base nobody uses', () => {
    expect(freshId(withIntent(), 'jail-db')).toBe('jail-db');
  });

  it('counts every id as taken: stacks and intents', () => {
    const t = withIntent();
    expect(freshId(t, 'jail-web')).toBe('jail-web-2');
    expect(freshId(t, 'web-out')).toBe('web-out-2');
    expect(freshId(t, 'web-alone')).toBe('web-alone-2');
  });
});
