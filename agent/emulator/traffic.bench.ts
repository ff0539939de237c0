// Benchmark of the demo's traffic tick with the audit's paths: tick(demoFlows) on the demo host and
// on the demo host grown to 100 jails (every one on bridge0 behind the host's pf and nat, chattering
// to the internet). Not a test: `npm run bench` prints the figures. The agent ticks once a second;
// a tick must stay well under 20 ms. Reported apart: a steady tick (the audit of the current version
// is cached) and the first tick after the host changed (discovery and the audit worked out again).
import { auditPath } from './audit-path';
import { createDemoHost, demoFlows } from './demo-host';
import type { FreebsdEmulator } from './emulator';
import { structuralPath, tick, type PathFinder } from './traffic';

export interface TrafficTickBenchResult {
  jails: number;
  flows: number;
  /** Mean tick with the audit's paths, nothing changed since the last tick. */
  steadyMsPerTick: number;
  /**
   * Mean first tick after a change (a configuration command), including reading the host back and building the audit.
   */
  changedMsPerTick: number;
  /** The same steady tick with the structural path finder, for comparison. */
  structuralMsPerTick: number;
}

function sh(host: FreebsdEmulator, argv: string[], jail?: string): string {
  const result = host.runSync({ argv, ...(jail ? { jail } : {}) });
  if (result.code !== 0) throw new Error(`bench: ${argv.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** The demo host (3 jails) plus `extra` jails on bridge0, made command by command as an apply would. */
export function grownDemoHost(extra: number): FreebsdEmulator {
  const host = createDemoHost();
  for (let i = 0; i < extra; i++) {
    const name = `bench${i}`;
    const a = sh(host, ['ifconfig', 'epair', 'create']);
    const b = a.replace(/a$/, 'b');
    sh(host, ['ifconfig', a, 'up']);
    sh(host, ['ifconfig', 'bridge0', 'addm', a]);
    sh(host, ['jail', '-c', `name=${name}`, 'persist', 'vnet', `vnet.interface=${b}`]);
    sh(host, ['ifconfig', b, 'inet', `10.0.0.${i + 4}/24`, 'up'], name);
    sh(host, ['route', 'add', 'default', '10.0.0.1'], name);
  }
  return host;
}

function mean(host: FreebsdEmulator, finder: PathFinder, ticks: number, change: boolean): number {
  let total = 0;
  for (let t = 0; t < ticks; t++) {
    // A configuration command that changes nothing the audit sees, but bumps the version as any would.
    if (change) sh(host, ['ifconfig', 'lo0', 'up']);
    const start = performance.now();
    const stranded = tick(host.state, demoFlows(host.state), 1, finder);
    total += performance.now() - start;
    if (stranded.length > 0) throw new Error(`bench: stranded flows ${stranded.join(', ')}`);
  }
  return total / ticks;
}

export function benchTrafficTick(
  options: { jails?: number; ticks?: number; warmupTicks?: number } = {},
): TrafficTickBenchResult {
  const { jails = 100, ticks = 200, warmupTicks = 20 } = options;
  const host = grownDemoHost(Math.max(0, jails - 3));
  const flows = demoFlows(host.state).length;
  mean(host, auditPath, warmupTicks, true);
  const changedMsPerTick = mean(host, auditPath, Math.max(5, Math.round(ticks / 10)), true);
  mean(host, auditPath, warmupTicks, false);
  const steadyMsPerTick = mean(host, auditPath, ticks, false);
  mean(host, structuralPath, warmupTicks, false);
  const structuralMsPerTick = mean(host, structuralPath, ticks, false);
  return { jails: host.state.jails.size, flows, steadyMsPerTick, changedMsPerTick, structuralMsPerTick };
}
