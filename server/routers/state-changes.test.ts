import { describe, expect, it } from 'vitest';
import { agentRouter } from '../../agent/server/router';
import { appRouter } from './app';

// Only mutations go over POST, and only POST passes the dashboard's cross-site check (a GET is
// never checked: a link or an <img> on any page can make one). So every procedure that changes
// anything must be a mutation; queries and subscriptions must be reads. This list is the reads.
const DASHBOARD_READS = [
  'validation.demo',
  'designs.list',
  'designs.versions',
  'designs.open',
  'hosts.list',
  'hosts.state',
  'hosts.recovery',
  'hosts.journal',
  'hosts.applyProgress',
  'hosts.counters',
];
const AGENT_READS = [
  'host.info',
  'state.read',
  'state.recovery',
  'journal.list',
  'plan.applyProgress',
  'counters.stream',
];

function nonMutations(router: { _def: { procedures: Record<string, unknown> } }): string[] {
  return Object.entries(router._def.procedures)
    .filter(([, procedure]) => (procedure as { _def: { type: string } })._def.type !== 'mutation')
    .map(([path]) => path)
    .sort();
}

describe('state changes go over POST', () => {
  it('the dashboard: every query and subscription is a known read', () => {
    expect(nonMutations(appRouter).filter((path) => !DASHBOARD_READS.includes(path))).toEqual([]);
  });

  it('the agent: every query and subscription is a known read', () => {
    expect(nonMutations(agentRouter).filter((path) => !AGENT_READS.includes(path))).toEqual([]);
  });
});
