import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../core/demo/blog-network';
import { blogWithJail } from '../core/testing/blog-with-jail';
import { parseTopology, serializeTopology } from '../core/topology/document';
import { hasErrors } from '../core/topology/problem';
import { validate } from '../core/validate/validate';
import { CliErrorOutputSchema } from '../core/wire/cli';
import { ApplyOutputSchema, ImportOutputSchema, PlanOutputSchema } from '../core/wire/cli-host';
import { answering, TOKEN } from '../server/agents/test-servers';
import { blogWithUplinkMtu, hostArgs, startAgent } from './testing/agent';
import { runBundle } from './testing/bundle';
import { blogWithDuplicateName, designFolder } from './testing/designs';

// plan, apply and import through the real bundle against a real emulated agent on loopback: exit
// codes, the human output, and every --json document parsed with its schema.

const LAB = blogWithJail('lab');

async function planJson(cwd: string, args: string[], file = 'lab.json') {
  const run = await runBundle(['plan', file, ...args, '--json'], { cwd });
  return { run, output: PlanOutputSchema.parse(JSON.parse(run.stdout)) };
}

describe('patchbay plan', () => {
  it('prints the steps grouped by phase, each with its exact command and undo, and exits 0', async () => {
    const agent = await startAgent();
    const cwd = designFolder({ 'lab.json': LAB });
    const run = await runBundle(['plan', 'lab.json', ...hostArgs(cwd, agent)], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Plan: lab\.json onto gateway\.example\.org \(http:\/\/127\.0\.0\.1:\d+\)$/m);
    expect(run.stdout).toMatch(/^jail-create \(1\)$/m);
    expect(run.stdout).toMatch(/^ {4}3\. Create vnet jail lab/m);
    expect(run.stdout).toContain("$ jail -c name=lab persist vnet children.max=0 'vnet.interface={new1:b}'");
    expect(run.stdout).toContain('undo: jail -R lab');
    expect(run.stdout).toMatch(/^ {2}\+ lab → internet: not there → reachable$/m);
    expect(run.stdout).toMatch(/^8 steps\.$/m);
    expect(run.stdout).not.toContain(TOKEN);
    const { output } = await planJson(cwd, hostArgs(cwd, agent));
    expect(output).toMatchObject({ ok: true, host: { hostname: 'gateway.example.org' } });
    expect(output.plan.steps).toHaveLength(8);
    expect(output.plan.audit.changes.some((c) => c.source === 'lab' && c.kind === 'gained')).toBe(true);
  });

  it('shows refusals with the option that allows each, and exits 1 so CI stops there', async () => {
    const agent = await startAgent();
    const cwd = designFolder({ 'mtu.json': blogWithUplinkMtu() });
    const run = await runBundle(['plan', 'mtu.json', ...hostArgs(cwd, agent)], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Refused \(1\):$/m);
    expect(run.stdout).toMatch(/MTU 9000/);
    expect(run.stdout).toContain('allow it with --allow-uplink-changes');
    expect(run.stdout).toContain('No step can run until the refusals above are resolved.');
    const { output } = await planJson(cwd, hostArgs(cwd, agent), 'mtu.json');
    expect(output.ok).toBe(false);
    expect(output.plan.refusals[0]).toMatchObject({ override: 'allowUplinkChanges' });
    const allowed = await planJson(cwd, [...hostArgs(cwd, agent), '--allow-uplink-changes'], 'mtu.json');
    expect(allowed.output.plan.refusals).toEqual([]);
    expect(allowed.output.plan.steps.map((s) => s.command.argv.join(' '))).toContainEqual(
      expect.stringMatching(/mtu 9000/),
    );
  });

  it('refuses a design with errors before anything is sent: exit 1, and the agent saw no request', async () => {
    const agent = await startAgent();
    const cwd = designFolder({ 'bad.json': blogWithDuplicateName() });
    const run = await runBundle(['plan', 'bad.json', ...hostArgs(cwd, agent)], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^bad\.json: stacks\[0\]\.interfaces\[2\]\.name: /m);
    const json = await runBundle(['plan', 'bad.json', ...hostArgs(cwd, agent), '--json'], { cwd });
    expect(CliErrorOutputSchema.parse(JSON.parse(json.stdout))).toMatchObject({ exit: 1, error: { file: 'bad.json' } });
    expect(agent.requests).toEqual([]);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('reaching the host', () => {
  it('exits 3 with the client message when nothing listens, or what answers is not an agent', async () => {
    const cwd = designFolder({ 'lab.json': LAB });
    const closed = await runBundle(
      ['plan', 'lab.json', ...hostArgs(cwd, { url: `http://127.0.0.1:${await closedPort()}` })],
      {
        cwd,
      },
    );
    expect(closed.code).toBe(3);
    expect(closed.stderr).toMatch(/did not answer \(ECONNREFUSED\)/);
    const web = await answering(200, '<html>hello</html>', 'text/html');
    const notAgent = await runBundle(['import', ...hostArgs(cwd, web), '--json'], { cwd });
    expect(notAgent.code).toBe(3);
    expect(CliErrorOutputSchema.parse(JSON.parse(notAgent.stdout)).error.message).toMatch(/not a Patchbay agent/);
  });

  it('exits 3 for a token the agent refuses (it cannot be talked to), naming where the token came from', async () => {
    const agent = await startAgent();
    const cwd = designFolder({ 'lab.json': LAB });
    const run = await runBundle(['plan', 'lab.json', ...hostArgs(cwd, agent, 'wrong-token-0123456789abcdef')], { cwd });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/refused the token \(401\)\. Check --token-file/);
    expect(run.stderr).not.toContain('wrong-token');
  });

  it('exits 2 naming a missing, empty or absent token file, and a URL the client refuses', async () => {
    const cwd = designFolder({ 'lab.json': LAB, 'empty.token': '\n' });
    const url = 'http://127.0.0.1:9';
    const missing = await runBundle(['plan', 'lab.json', '--host', url, '--token-file', 'nope.token'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--token-file nope.token: cannot read it (ENOENT)');
    const empty = await runBundle(['plan', 'lab.json', '--host', url, '--token-file', 'empty.token'], { cwd });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--token-file empty.token is empty');
    const none = await runBundle(['plan', 'lab.json', '--host', url], { cwd });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('PATCHBAY_TOKEN');
    writeFileSync(join(cwd, 't'), TOKEN);
    const http = await runBundle(['plan', 'lab.json', '--host', 'http://192.0.2.1:7780', '--token-file', 't'], { cwd });
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/plain http would send the token unencrypted: use https:\/\/, or pass --allow-http;/);
  });

  it('takes the token from PATCHBAY_TOKEN when there is no --token-file', async () => {
    const agent = await startAgent();
    const cwd = designFolder({ 'blog.json': blogNetwork() });
    const run = await runBundle(['plan', 'blog.json', '--host', agent.url], { cwd, env: { PATCHBAY_TOKEN: TOKEN } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nothing to do: the host already matches the design.');
  });
});

describe('patchbay apply', () => {
  it('applies with --yes after the self-check, and then the host matches the design', async () => {
    const agent = await startAgent();
    const cwd = designFolder({ 'lab.json': LAB });
    const run = await runBundle(['apply', 'lab.json', ...hostArgs(cwd, agent), '--confirm-within', '30s', '--yes'], {
      cwd,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^\[1\/8\] Create an epair/m);
    expect(run.stderr).toMatch(/^\[8\/8\] Route default via 10\.0\.0\.1 in jail lab$/m);
    expect(run.stdout).toContain('Self-check: the host still answers');
    expect(run.stdout).toMatch(/Confirmed: the change stays\.\n$/);
    expect(agent.requests).toEqual(expect.arrayContaining(['/host.info', '/state.read', '/plan.confirm']));
    expect((await planJson(cwd, hostArgs(cwd, agent))).output.plan.steps).toEqual([]);
    const again = await runBundle(['apply', 'lab.json', ...hostArgs(cwd, agent), '--yes', '--json'], { cwd });
    expect(again.code).toBe(0);
    expect(ApplyOutputSchema.parse(JSON.parse(again.stdout))).toMatchObject({
      outcome: 'already-matches',
      applyId: null,
    });
  });

  it('reports the failing step, FreeBSD’s words and the rollback with exit 4; the host is as it was', async () => {
    const agent = await startAgent({ faults: ['jail -c'] });
    const cwd = designFolder({ 'lab.json': LAB, 'blog.json': blogNetwork() });
    const run = await runBundle(['apply', 'lab.json', ...hostArgs(cwd, agent), '--yes'], { cwd });
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/^Step 3 failed: Create vnet jail lab/m);
    expect(run.stdout).toContain("  $ jail -c name=lab persist vnet children.max=0 'vnet.interface=");
    expect(run.stdout).toContain('exit 1: emulator: injected fault (--fault "jail -c")');
    expect(run.stdout).toMatch(
      /Rolled back 2 of 2 completed steps, newest first:\n.*Name the a end e0a_lab\n.*Create an epair/,
    );
    expect(run.stdout).toContain('The host is back as it was.');
    const json = await runBundle(['apply', 'lab.json', ...hostArgs(cwd, agent), '--yes', '--json'], { cwd });
    expect(json.code).toBe(4);
    const output = ApplyOutputSchema.parse(JSON.parse(json.stdout));
    expect(output).toMatchObject({ outcome: 'rolled-back', confirmed: false, result: { ok: false, completed: 2 } });
    expect(output.events.filter((e) => e.type === 'revert')).toHaveLength(2);
    expect((await planJson(cwd, hostArgs(cwd, agent), 'blog.json')).output.plan.steps).toEqual([]);
  });

  it('refuses to run without a terminal unless --yes, before anything is sent', async () => {
    const agent = await startAgent();
    const cwd = designFolder({ 'lab.json': LAB });
    const run = await runBundle(['apply', 'lab.json', ...hostArgs(cwd, agent)], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pass --yes');
    const window = await runBundle(['apply', 'lab.json', ...hostArgs(cwd, agent), '--yes', '--confirm-within', '2h'], {
      cwd,
    });
    expect(window.code).toBe(2);
    expect(window.stderr).toContain('--confirm-within "2h" is not a time');
    expect(agent.requests).toEqual([]);
  });

  it("exits 1 with the agent's own words when it refuses: another apply waits for its confirmation", async () => {
    const agent = await startAgent();
    const waiting = await agent.service.plan({ desired: blogWithJail('other') });
    expect((await agent.service.apply(waiting.id, 'someone else')).ok).toBe(true);
    const cwd = designFolder({ 'lab.json': LAB });
    const run = await runBundle(['apply', 'lab.json', ...hostArgs(cwd, agent), '--yes', '--json'], { cwd });
    expect(run.code).toBe(1);
    expect(CliErrorOutputSchema.parse(JSON.parse(run.stdout)).error.message).toBe(
      `the agent refused: Apply ${waiting.id} is waiting for a confirmation; confirm it or let it revert first.`,
    );
  });

  it('does not apply a plan with refusals: exit 1, nothing started', async () => {
    const agent = await startAgent();
    const cwd = designFolder({ 'mtu.json': blogWithUplinkMtu() });
    const run = await runBundle(['apply', 'mtu.json', ...hostArgs(cwd, agent), '--yes', '--json'], { cwd });
    expect(run.code).toBe(1);
    expect(ApplyOutputSchema.parse(JSON.parse(run.stdout))).toMatchObject({ outcome: 'refused', applyId: null });
    expect(agent.requests).not.toContain('/plan.startApply');
  });
});

describe('patchbay import', () => {
  it('writes a design that validates and plans to nothing against the same host', async () => {
    const agent = await startAgent();
    const cwd = designFolder();
    const run = await runBundle(['import', ...hostArgs(cwd, agent), '--out', 'host.json'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Wrote host\.json: gateway\.example\.org as a design/);
    const parsed = parseTopology(readFileSync(join(cwd, 'host.json'), 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(hasErrors(validate(parsed.topology))).toBe(false);
    expect((await runBundle(['validate', 'host.json'], { cwd })).code).toBe(0);
    expect((await planJson(cwd, hostArgs(cwd, agent), 'host.json')).output.plan.steps).toEqual([]);

    const again = await runBundle(['import', ...hostArgs(cwd, agent), '--out', 'host.json'], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--out host.json exists; pass --force');
    expect((await runBundle(['import', ...hostArgs(cwd, agent), '--out', 'host.json', '--force'], { cwd })).code).toBe(
      0,
    );
  });

  it('prints the design on stdout without --out, and as one JSON document with --json', async () => {
    const agent = await startAgent();
    const cwd = designFolder();
    const run = await runBundle(['import', ...hostArgs(cwd, agent)], { cwd });
    expect(run.code).toBe(0);
    const parsed = parseTopology(run.stdout);
    expect(parsed.ok).toBe(true);
    const json = await runBundle(['import', ...hostArgs(cwd, agent), '--json'], { cwd });
    const output = ImportOutputSchema.parse(JSON.parse(json.stdout));
    expect(output.out).toBeNull();
    expect(serializeTopology(output.design)).toBe(run.stdout);
  });
});
