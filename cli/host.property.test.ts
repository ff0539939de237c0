import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../core/demo/blog-network';
import { addJail, connect, remove } from '../core/editor/actions';
import { parseTopology, serializeTopology } from '../core/topology/document';
import { hasErrors } from '../core/topology/problem';
import type { Topology } from '../core/topology/schema';
import { validate } from '../core/validate/validate';
import { ImportOutputSchema, PlanOutputSchema } from '../core/wire/cli-host';
import { dashboard, TOKEN } from '../server/agents/test-servers';
import { blogWithUplinkMtu, hostArgs, startAgent } from './testing/agent';
import { runBundle } from './testing/bundle';
import { designFolder } from './testing/designs';

// The CLI plans exactly as the dashboard does, and its --json reads back as what it printed. Every
// run spawns the bundle against a real emulated agent, so only a few designs are tried: variations
// of the demo network (jails added on bridge0, demo jails removed, the uplink's MTU changed).

const variation = fc.record({
  added: fc.subarray(['lab1', 'lab2', 'lab3']),
  removed: fc.subarray(['www-jail', 'tor-relay']),
  uplinkMtu: fc.boolean(),
});
type Choice = { added: string[]; removed: string[]; uplinkMtu: boolean };

function design({ added, removed, uplinkMtu }: Choice): Topology {
  let topology = uplinkMtu ? blogWithUplinkMtu() : blogNetwork();
  for (const name of added) {
    const made = addJail(topology, { name });
    if (!made.ok) throw new Error(made.reason);
    const bridge = made.topology.stacks.flatMap((s) => s.interfaces).find((i) => i.name === 'bridge0')!;
    const wired = connect(made.topology, made.created[0]!, bridge.id);
    if (!wired.ok) throw new Error(wired.reason);
    topology = wired.topology;
  }
  const ids = topology.stacks.filter((s) => s.kind === 'jail' && removed.includes(s.name)).map((s) => s.id);
  if (ids.length) {
    const cut = remove(topology, ids);
    if (!cut.ok) throw new Error(cut.reason);
    topology = cut.topology;
  }
  return topology;
}

describe('the CLI and the dashboard', () => {
  it('make the same plan for the same design and host, and plan --json reads back as itself', async () => {
    const agent = await startAgent();
    const { caller } = dashboard();
    const host = await caller.hosts.add({ name: 'demo', url: agent.url, token: TOKEN });
    await fc.assert(
      fc.asyncProperty(variation, async (choice) => {
        const topology = design(choice);
        const cwd = designFolder({ 'd.json': topology });
        const run = await runBundle(['plan', 'd.json', ...hostArgs(cwd, agent), '--json'], { cwd });
        expect([0, 1]).toContain(run.code);
        const cli = PlanOutputSchema.parse(JSON.parse(run.stdout));
        expect(PlanOutputSchema.parse(JSON.parse(JSON.stringify(cli)))).toEqual(cli);
        expect(`${JSON.stringify(cli, null, 2)}\n`).toBe(run.stdout);
        const board = await caller.hosts.plan({ id: host.id, topology });
        const { id: _cliId, createdAt: _cliAt, ...cliPlan } = cli.plan;
        const { id: _boardId, createdAt: _boardAt, ...boardPlan } = board;
        expect(cliPlan).toEqual(boardPlan);
        expect(cli.ok).toBe(board.refusals.length === 0 && board.audit.broken.length === 0);
      }),
      { numRuns: 5 },
    );
  }, 120_000);
});

// Removing a demo jail is left out here: the planner leaves the (foreign) jail but destroys its cable,
// and the host then holds a jail whose gateway is on no subnet, which imports as a design with that
// error (reported with issue 18; core/plan is not the CLI's to change).
const appliedVariation = variation.map((choice) => ({ ...choice, removed: [] }));

describe('import --json', () => {
  it('gives a design that validates, serializes to the file import writes, and plans to nothing', async () => {
    await fc.assert(
      fc.asyncProperty(appliedVariation, async (choice) => {
        const agent = await startAgent();
        // The host made to match the design first, by the agent itself, so import meets varied hosts.
        const made = await agent.service.plan({ desired: design(choice), allowUplinkChanges: true });
        const applied = await agent.service.apply(made.id, 'test');
        expect(applied.ok).toBe(true);
        if (agent.service.awaitingConfirmation()) agent.service.confirm(made.id, 'test');
        const cwd = designFolder();
        const json = await runBundle(['import', ...hostArgs(cwd, agent), '--json'], { cwd });
        const text = await runBundle(['import', ...hostArgs(cwd, agent)], { cwd });
        const output = ImportOutputSchema.parse(JSON.parse(json.stdout));
        const reread = parseTopology(JSON.stringify(output.design));
        if (!reread.ok) throw new Error(JSON.stringify(reread.problems));
        expect(hasErrors(validate(reread.topology))).toBe(false);
        expect(serializeTopology(reread.topology)).toBe(text.stdout);
        expect((await agent.service.plan({ desired: reread.topology })).steps).toEqual([]);
      }),
      { numRuns: 3 },
    );
  }, 120_000);
});
