import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blogWithJail } from '../../core/testing/blog-with-jail';
import type { Topology } from '../../core/topology/schema';
import { createDemoHost } from '../emulator/demo-host';
import { ApplyService } from './apply-service';

// After a confirmed apply, planning the same design again has nothing to do: the host holds exactly
// what the plan said it would.

async function applyThenPlanAgain(design: Topology) {
  const service = new ApplyService({ executor: createDemoHost(), stateDir: mkdtempSync(join(tmpdir(), 'pb-replan-')) });
  const first = await service.plan({ desired: design });
  expect(first.refusals).toEqual([]);
  const result = await service.apply(first.id, 'alice');
  expect(result.failure).toBeUndefined();
  service.confirm(first.id, 'alice');
  const again = await service.plan({ desired: design });
  service.dispose();
  return again;
}

/** The blog network plus a jail, with IPv6 on bridge0 and the new jail, and allow and deny intents from it. */
function dualStackWithRules(): Topology {
  const t = blogWithJail('lab1');
  const bridge = t.stacks[0]!.interfaces.find((i) => i.name === 'bridge0')!;
  bridge.addresses.push('fd00:10::1/64');
  const lab = t.stacks.find((s) => s.kind === 'jail' && s.name === 'lab1')!;
  lab.interfaces.find((i) => i.kind === 'epair')!.addresses.push('fd00:10::9/64');
  t.intents.push(
    {
      kind: 'allow',
      id: 'lab-web',
      from: { kind: 'stack', id: lab.id },
      to: { kind: 'network', id: bridge.id },
      protocol: 'tcp',
      ports: [80],
    },
    {
      kind: 'deny',
      id: 'lab-snort',
      from: { kind: 'stack', id: lab.id },
      to: { kind: 'stack', id: 'snort' },
      protocol: 'any',
      ports: [],
    },
  );
  return t;
}

describe('planning again after a confirmed apply', () => {
  it('is empty for the demo host with a jail added to bridge0', async () => {
    expect((await applyThenPlanAgain(blogWithJail('lab1'))).steps.map((s) => s.summary)).toEqual([]);
  });

  it('is empty with allow and deny intents between dual-stack endpoints', async () => {
    // These compiled to rules from an IPv4 address to an IPv6 network, which pfctl refuses; the
    // emulator took them, and every plan after the apply offered to load the anchor again.
    expect((await applyThenPlanAgain(dualStackWithRules())).steps.map((s) => s.summary)).toEqual([]);
  });
});
