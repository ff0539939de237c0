import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { ApplyService } from '../apply/apply-service';
import { CounterPoller } from '../counters/poller';
import { createDemoHost } from '../emulator/demo-host';
import type { Executor } from '../executor/types';
import { createDemoFiles } from '../persist/memory-files';
import { PersistService } from '../persist/persist-service';
import { ApplyProgressLogs } from './apply-progress-log';
import { agentRouter } from './router';
import { t, type AgentContext } from './trpc';

// Every procedure that changes something, fed malformed input: the input must be refused as
// BAD_REQUEST before the agent runs a single command on the host or reads a single file. Inputs are
// valid ones with one part broken (a value of another type, an extra key, a hostile string, a huge
// value), plus arbitrary JSON; an input the schema happens to accept is skipped, not counted.

const RUNS_PER_PROCEDURE = 600;

function countingExecutor() {
  const host = createDemoHost();
  let calls = 0;
  const executor: Executor = { ...host, kind: host.kind, run: (request) => (calls++, host.run(request)) } as Executor;
  return { executor, calls: () => calls };
}

function caller() {
  const { executor, calls } = countingExecutor();
  const stateDir = mkdtempSync(join(tmpdir(), 'patchbay-fuzz-'));
  const files = createDemoFiles();
  let fileReads = 0;
  const countedFiles = new Proxy(files, {
    get: (target, key, receiver) =>
      typeof Reflect.get(target, key, receiver) === 'function'
        ? (...args: unknown[]) => (
            fileReads++,
            (Reflect.get(target, key, receiver) as (...a: unknown[]) => unknown).apply(target, args)
          )
        : Reflect.get(target, key, receiver),
  });
  const ctx: AgentContext = {
    service: new ApplyService({ executor, stateDir }),
    counters: new CounterPoller({ executor, intervalMs: 1000, autoStart: false }),
    progress: new ApplyProgressLogs(),
    persist: new PersistService({ files: countedFiles, stateDir, executor }),
    driver: 'emulator',
    who: 'fuzz@token:00000000',
  };
  return { call: t.createCallerFactory(agentRouter)(ctx), touched: () => calls() + fileReads };
}

const HOSTILE = [
  '$(reboot)',
  '`id`',
  '; rm -rf /',
  '../../etc/passwd',
  'a\u0000b',
  'x'.repeat(5000),
  '\n',
  '-f',
  '{new1}',
];

/** A value of a different JSON type than `value`. */
const otherType = (value: unknown) =>
  fc
    .oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.constantFrom(...HOSTILE))
    .filter(
      (other) =>
        typeof other !== typeof value ||
        Array.isArray(other) !== Array.isArray(value) ||
        (other === null) !== (value === null),
    );

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}

function setAt(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = setAt(copy[path[0]!], path.slice(1), replacement);
  return copy;
}

/** Malformed variants of a valid input: one part broken, or anything at all. */
function malformed(valid: unknown) {
  const all = paths(valid);
  const broken = fc.constantFrom(...all).chain((path) => {
    const current = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], valid);
    const extraKey =
      current !== null && typeof current === 'object' && !Array.isArray(current)
        ? [
            fc
              .record({ key: fc.constantFrom('__proto__x', 'exec', 'sh', 'extra'), v: fc.anything() })
              .map(({ key, v }) => setAt(valid, path, { ...(current as object), [key]: v })),
          ]
        : [];
    return fc.oneof(
      otherType(current).map((other) => setAt(valid, path, other)),
      fc.constantFrom(...HOSTILE).map((text) => setAt(valid, path, text)),
      ...extraKey,
    );
  });
  return fc.oneof({ weight: 4, arbitrary: broken }, { weight: 1, arbitrary: fc.anything() });
}

const UUID = '7a0d1c43-31f5-4a43-9d8e-4d3c2b1a0f9e';
const PROCEDURES: {
  name: string;
  valid: unknown;
  run: (c: ReturnType<typeof caller>['call'], input: never) => Promise<unknown>;
}[] = [
  {
    name: 'plan.create',
    valid: { desired: blogNetwork(), adopt: ['jail/e0b'], allowUplinkChanges: false },
    run: (c, input) => c.plan.create(input),
  },
  { name: 'plan.startApply', valid: { planId: UUID }, run: (c, input) => c.plan.startApply(input) },
  { name: 'plan.confirm', valid: { applyId: UUID }, run: (c, input) => c.plan.confirm(input) },
  { name: 'persist.preview', valid: { topology: blogNetwork() }, run: (c, input) => c.persist.preview(input) },
  {
    name: 'persist.write',
    valid: { id: UUID, adopt: ['/etc/rc.conf'], allowConflicts: true },
    run: (c, input) => c.persist.write(input),
  },
];

describe('malformed input to the agent runs nothing', () => {
  for (const procedure of PROCEDURES) {
    it(`${procedure.name}: refused as BAD_REQUEST with 0 commands run and 0 files touched`, async () => {
      const schema = (
        agentRouter._def.procedures as unknown as Record<
          string,
          { _def: { inputs: { safeParse(v: unknown): { success: boolean } }[] } }
        >
      )[procedure.name]!._def.inputs[0]!;
      expect(schema.safeParse(procedure.valid).success).toBe(true);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(malformed(procedure.valid), async (input) => {
          fc.pre(!schema.safeParse(input).success);
          const agent = caller();
          const error = await procedure.run(agent.call, input as never).then(
            () => null,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code).toBe('BAD_REQUEST');
          expect(agent.touched()).toBe(0);
          refused++;
        }),
        { numRuns: RUNS_PER_PROCEDURE },
      );
      // Most generated inputs must really be malformed, or the property proved little.
      expect(refused).toBeGreaterThan(RUNS_PER_PROCEDURE * 0.8);
    }, 120_000);
  }
});
