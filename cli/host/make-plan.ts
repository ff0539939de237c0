import { auditPlan } from '../../core/audit/plan-audit';
import type { Topology } from '../../core/topology/schema';
import { AdoptKey } from '../../core/wire/inputs';
import type { AgentEndpoint } from '../../server/storage/hosts';
import type { CommandOptions, Parsed } from '../common/command';
import { UsageError } from '../common/errors';
import { agentCall } from '../common/host-options';
import type { CliPlan } from './plan-text';

// A plan from the host's actual state to a design, made exactly as the dashboard's hosts.plan makes
// it (server/routers/host-apply.ts): the agent's plan.create, then the reachability audit of before
// and after, against the host the plan was made from.

export const PLAN_OPTIONS = {
  adopt: { type: 'string', multiple: true },
  'allow-uplink-changes': { type: 'boolean', default: false },
} as const satisfies CommandOptions;

export const PLAN_USAGE = `Plan options:
  --adopt KEY              let the plan change an object Patchbay did not make ("/em1", "www/epair0b", a jail
                           name); a refusal names the key. Repeatable.
  --allow-uplink-changes   let the plan change the host's uplink (it can cut the host off)`;

export interface PlanChoices {
  adopt?: string[];
  allowUplinkChanges?: boolean;
}

export function planChoices(parsed: Parsed): PlanChoices {
  const keys = (parsed.values.adopt as string[] | undefined) ?? [];
  for (const key of keys) {
    const checked = AdoptKey.safeParse(key);
    if (!checked.success)
      throw new UsageError(`--adopt ${JSON.stringify(key.slice(0, 80))}: ${checked.error.issues[0]!.message}.`);
  }
  if (keys.length > 1000) throw new UsageError('--adopt may be given at most 1000 times.');
  return {
    ...(keys.length ? { adopt: keys } : {}),
    ...(parsed.values['allow-uplink-changes'] === true ? { allowUplinkChanges: true } : {}),
  };
}

export interface MadePlan {
  plan: CliPlan;
  /** The host's name as the agent read it. */
  hostname: string | undefined;
}

export async function makePlan(endpoint: AgentEndpoint, desired: Topology, choices: PlanChoices): Promise<MadePlan> {
  const { actual, ...made } = await agentCall(
    endpoint,
    (agent) =>
      agent.plan.create.mutate({
        desired,
        ...(choices.adopt ? { adopt: choices.adopt } : {}),
        ...(choices.allowUplinkChanges ? { allowUplinkChanges: true } : {}),
      }),
    60_000,
  );
  const hostname = actual.stacks.find((s) => s.kind === 'host')?.hostname;
  return { plan: { ...made, audit: auditPlan(actual, desired) }, hostname };
}
