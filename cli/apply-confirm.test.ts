import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../core/demo/blog-network';
import { blogWithJail } from '../core/testing/blog-with-jail';
import { ApplyOutputSchema, PlanOutputSchema } from '../core/wire/cli-host';
import { parseConfirmWindow } from './commands/apply';
import { memoryIo } from './common/io';
import { runCli } from './run';
import { hostArgs, startAgent } from './testing/agent';
import { designFolder } from './testing/designs';

// The confirmation as a person at a terminal gives it, in process (memoryIo pretends the terminal):
// "y" keeps the change, "n" lets the agent revert it at its deadline. The agent's own longest window
// is 3 s here, so a declined apply reverts within the test.

async function setUp() {
  const agent = await startAgent({ confirmTimeoutMs: 3_000 });
  const cwd = designFolder({ 'lab.json': blogWithJail('lab'), 'blog.json': blogNetwork() });
  return { agent, cwd, host: hostArgs(cwd, agent) };
}

async function stepsToBlog(cwd: string, host: string[]) {
  const io = memoryIo({ cwd });
  await runCli(['plan', 'blog.json', ...host, '--json'], io);
  return PlanOutputSchema.parse(JSON.parse(io.out())).plan.steps.length;
}

describe('apply on a terminal', () => {
  it('asks, and a "y" confirms the change', async () => {
    const { cwd, host } = await setUp();
    const io = memoryIo({ cwd, tty: true, answers: ['y'], env: { NO_COLOR: '1' } });
    expect(await runCli(['apply', 'lab.json', ...host, '--confirm-within', '10s'], io)).toBe(0);
    expect(io.err()).toMatch(/Host still reachable\? Confirm within [1-3]s \[y\/N\] /);
    expect(io.out()).toMatch(/Confirmed: the change stays\.\n$/);
    expect(await stepsToBlog(cwd, host)).toBeGreaterThan(0);
  });

  it('draws one progress bar redrawn in place, ended by a newline', async () => {
    const { cwd, host } = await setUp();
    const io = memoryIo({ cwd, tty: true, answers: ['y'] });
    expect(await runCli(['apply', 'lab.json', ...host], io)).toBe(0);
    const bar = io.err().split('Host still reachable')[0]!;
    expect(bar).toMatch(/^\r\[#---------\] 1\/8 Create an epair/);
    expect(bar).toContain('\r[##########] 8/8 Route default via 10.0.0.1 in jail lab\u001b[K\n');
    expect(bar.split('\n')).toHaveLength(2);
  });

  it('lets the agent revert when declined, reports what it undid, and exits 4 with the host as it was', async () => {
    const { cwd, host } = await setUp();
    const io = memoryIo({ cwd, tty: true, answers: ['n'] });
    expect(await runCli(['apply', 'lab.json', ...host, '--json'], io)).toBe(4);
    const output = ApplyOutputSchema.parse(JSON.parse(io.out()));
    expect(output).toMatchObject({ outcome: 'reverted', unconfirmed: 'declined', confirmed: false });
    expect(output.revert?.undone).toHaveLength(8);
    expect(await stepsToBlog(cwd, host)).toBe(0);

    const human = memoryIo({ cwd, answers: ['no'] });
    expect(await runCli(['apply', 'lab.json', ...host], human)).toBe(4);
    expect(human.out()).toMatch(/Not confirmed \(declined\): the agent reverts the change by itself at .*; waiting…/);
    expect(human.out()).toMatch(/The agent reverted the apply \(8 steps undone, newest first\):\n.*Route default/);
    expect(human.out()).toMatch(/The host is back as it was\.\n$/);
  }, 30_000);
});

describe('--confirm-within', () => {
  it('reads seconds and minutes within the agent’s bounds, and names what is wrong otherwise', () => {
    expect(parseConfirmWindow('60s')).toBe(60);
    expect(parseConfirmWindow('2m')).toBe(120);
    expect(parseConfirmWindow('90')).toBe(90);
    expect(() => parseConfirmWindow('5s')).toThrow(/at least 10 seconds/);
    expect(() => parseConfirmWindow('61m')).toThrow(/at most 3600 seconds/);
    expect(() => parseConfirmWindow('1h')).toThrow(/not a time like 60s, 2m or 90/);
  });
});
