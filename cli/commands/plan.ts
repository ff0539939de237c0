import { PlanOutputSchema } from '../../core/wire/cli-host';
import type { Command } from '../common/command';
import { loadDesign } from '../common/design-file';
import { UsageError } from '../common/errors';
import { EXIT } from '../common/exit-codes';
import { HOST_OPTIONS, HOST_USAGE, hostEndpoint } from '../common/host-options';
import { makePlan, PLAN_OPTIONS, PLAN_USAGE, planChoices } from '../host/make-plan';
import { planBlocked, planLines } from '../host/plan-text';

export const planCommand: Command = {
  name: 'plan',
  summary: 'what applying a design to a host would run: the steps grouped, exact commands, refusals',
  usage: `Usage: patchbay plan DESIGN.json --host URL --token-file FILE [--adopt KEY…] [--allow-uplink-changes]
                          [--json]

Asks the host's agent for the plan from what the host runs now to DESIGN.json, exactly as the
dashboard's Plan button does, and audits reachability before and after. Prints the pairs the plan
opens and closes, the intents it would break, its refusals (with the option that would allow each),
its notes, and every step grouped by phase in the order it would run: summary, exact command, undo.
Nothing on the host changes.

Exit 0 when the plan can be applied as it is (or there is nothing to do); 1 when it has refusals or
would break an intent (a CI job then fails the change before anyone applies it), or the design has
errors (nothing is sent then), or the agent refused; 2 usage; 3 the host could not be reached or is not a Patchbay agent.

${HOST_USAGE}

${PLAN_USAGE}`,
  options: { ...HOST_OPTIONS, ...PLAN_OPTIONS },
  async run(parsed, ctx) {
    const [name, ...extra] = parsed.positionals;
    if (!name || extra.length)
      throw new UsageError('plan takes one design file: patchbay plan DESIGN.json --host URL --token-file FILE');
    const endpoint = hostEndpoint(parsed, ctx.io);
    const choices = planChoices(parsed);
    const { topology } = loadDesign(ctx.io, name);
    const { plan, hostname } = await makePlan(endpoint, topology, choices);
    const blocked = planBlocked(plan);
    ctx.emit(PlanOutputSchema, {
      command: 'plan',
      file: name,
      host: { url: endpoint.url, ...(hostname ? { hostname } : {}) },
      ok: !blocked,
      plan,
    });
    for (const line of planLines(plan, `Plan: ${name} onto ${hostname ?? endpoint.url} (${endpoint.url})`, ctx.style))
      ctx.print(line);
    return blocked ? EXIT.problems : EXIT.ok;
  },
};
