import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplyService } from '../../agent/apply/apply-service';
import { CounterPoller } from '../../agent/counters/poller';
import { createDemoHost } from '../../agent/emulator/demo-host';
import { prefixFault } from '../../agent/emulator/emulator';
import { createDemoFiles } from '../../agent/persist/memory-files';
import { PersistService } from '../../agent/persist/persist-service';
import { createAgentServer } from '../../agent/server/http-server';
import { blogNetwork } from '../../core/demo/blog-network';
import type { Topology } from '../../core/topology/schema';
import { listen, onCleanup, TOKEN } from '../../server/agents/test-servers';

// A real emulated agent (the blog demo host) on an ephemeral loopback port, in the test process, for
// the bundled CLI to talk to as it would to a FreeBSD host; `requests` counts what reached it.

export interface TestAgent {
  url: string;
  executor: ReturnType<typeof createDemoHost>;
  service: ApplyService;
  /** Every request that reached the agent, by path. */
  requests: string[];
}

export async function startAgent(
  options: { faults?: string[]; confirmTimeoutMs?: number; tls?: { cert: string; key: string } } = {},
): Promise<TestAgent> {
  const executor = createDemoHost();
  for (const fault of options.faults ?? []) executor.injectFault(prefixFault(fault));
  const stateDir = mkdtempSync(join(tmpdir(), 'pb-cli-agent-'));
  const service = new ApplyService({
    executor,
    stateDir,
    ...(options.confirmTimeoutMs ? { confirmTimeoutMs: options.confirmTimeoutMs } : {}),
  });
  onCleanup(() => service.dispose());
  const counters = new CounterPoller({ executor, intervalMs: 1000, autoStart: false });
  const persist = new PersistService({ files: createDemoFiles(), stateDir });
  const server = createAgentServer({
    token: TOKEN,
    service,
    counters,
    persist,
    driver: 'emulator',
    ...(options.tls ? { tls: options.tls } : {}),
  });
  const requests: string[] = [];
  server.on('request', (req: { url?: string }) => requests.push((req.url ?? '').replace(/\?.*/, '')));
  const port = await listen(server);
  return { url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`, executor, service, requests };
}

/** The options that reach the test agent, with the token in a file of `dir`. */
export function hostArgs(dir: string, agent: Pick<TestAgent, 'url'>, token = TOKEN): string[] {
  writeFileSync(join(dir, 'agent.token'), `${token}\n`, { mode: 0o600 });
  return ['--host', agent.url, '--token-file', 'agent.token'];
}

/** The blog network with its uplink's MTU changed: the planner refuses it without --allow-uplink-changes. */
export function blogWithUplinkMtu(): Topology {
  const design = blogNetwork();
  const lan = design.segments.find((s) => s.kind === 'lan');
  const uplink = design.stacks.flatMap((s) => s.interfaces).find((i) => lan?.kind === 'lan' && i.id === lan.uplink);
  if (!uplink) throw new Error('the blog network has no uplink');
  uplink.mtu = 9000;
  return design;
}
