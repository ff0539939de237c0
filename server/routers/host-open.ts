import { hostAsDesign } from '../../core/editor/host-as-design';
import { callAgent } from '../agents/agent-client';
import { publicProcedure, router } from '../trpc';
import { z } from 'zod';
import { HostId } from './host-inputs';

// A host opened as a design (merged into `hosts`): what the agent discovers, stored as a new design
// the editor opens, so a user starts from the network they have instead of redrawing it.

export const hostOpenRouter = router({
  /** Reads the host, stores it as a new design, and says what the design could not carry over. */
  openAsDesign: publicProcedure.input(z.strictObject({ id: HostId })).mutation(async ({ ctx, input }) => {
    const store = ctx.hosts();
    const host = store.get(input.id);
    const read = await callAgent(store.endpoint(input.id), (agent) => agent.state.read.query());
    const hostname = read.topology.stacks.find((s) => s.kind === 'host')?.hostname ?? host.name;
    const name = `${hostname} as found`.slice(0, 120);
    const { topology, notes } = hostAsDesign(read, name);
    const created = ctx.designs().create(name, topology);
    return { id: created.id, name: created.name, notes };
  }),
});
