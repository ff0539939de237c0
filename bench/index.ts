import { benchCounterTick } from '../agent/counters/tick.bench';
import { benchTrafficTick } from '../agent/emulator/traffic.bench';
import { benchAudit, benchAuditDualStack, benchExposedDualStack, benchRdr } from './audit';
import { benchCliAudit } from './cli-audit';
import { benchSoak } from './soak';
import { benchSpawns } from './spawns';

// `npm run bench`: figures printed with a baseline measured in the same run, never timed tests.

function line(name: string, value: string, goal: string, met: boolean) {
  console.log(`${met ? 'ok  ' : 'MISS'} ${name.padEnd(44)} ${value.padEnd(34)} goal ${goal}`);
}

const spawns = await benchSpawns();
line(
  'process spawns, 100-jail network from nothing',
  `${spawns.patchbay} vs ${spawns.naive} one-per-setting = ${spawns.ratio.toFixed(2)}`,
  'ratio <= 0.50',
  spawns.ratio <= 0.5,
);

const tick = await benchCounterTick();
line(
  'counter tick, 2000 interfaces, 100 subscribers',
  `${tick.msPerTick.toFixed(2)} ms (JSON.parse alone ${tick.baselineMsPerTick.toFixed(2)} ms, x${(tick.msPerTick / tick.baselineMsPerTick).toFixed(1)})`,
  '< 20 ms',
  tick.msPerTick < 20,
);

for (const jails of [3, 100]) {
  const traffic = benchTrafficTick({ jails });
  line(
    `traffic tick on audit paths, ${traffic.jails} jails`,
    `${traffic.steadyMsPerTick.toFixed(2)} ms (${traffic.flows} flows; structural ${traffic.structuralMsPerTick.toFixed(2)} ms)`,
    '< 20 ms',
    traffic.steadyMsPerTick < 20,
  );
  // Once per change of the host at most (the audit is cached per version), never on every tick.
  line(
    `  first tick after a change, ${traffic.jails} jails`,
    `${traffic.changedMsPerTick.toFixed(2)} ms (reads the host back, audits)`,
    'report',
    true,
  );
}

const audit = benchAudit();
line(
  'audit matrix, 1000 jails, 100 bridges, 500 rules',
  `${audit.matrixMs.toFixed(0)} ms for ${audit.pairs} pairs (one by one: ~${(audit.baselineMs / 1000).toFixed(1)} s, x${(audit.matrixMs / audit.baselineMs).toFixed(3)})`,
  '<= 1000 ms',
  audit.matrixMs <= 1000,
);
line(
  '  re-audit one jail after an edit',
  `${audit.reauditMs.toFixed(1)} ms (median of 10 edits, ${audit.fullFallbacks} full)`,
  '<= 20 ms',
  audit.reauditMs <= 20 && audit.fullFallbacks === 0,
);
const dual = benchAuditDualStack();
line(
  'audit matrix, same, dual-stack (IPv4 + IPv6)',
  `${dual.matrixMs.toFixed(0)} ms for ${dual.pairs} pairs × 2 families (IPv4 only: ${audit.matrixMs.toFixed(0)} ms)`,
  '<= 1000 ms',
  dual.matrixMs <= 1000,
);
line(
  '  re-audit one jail, dual-stack',
  `${dual.reauditMs.toFixed(1)} ms (median of 10 edits, ${dual.fullFallbacks} full)`,
  '<= 20 ms',
  dual.reauditMs <= 20 && dual.fullFallbacks === 0,
);

// Run once: the dual-stack case above measures the plain and dual matrices only.
const rdr = benchRdr();
line(
  '  with 100 rdr port forwards (rdr-anchor "rdr/*")',
  `${rdr.matrixMs.toFixed(0)} ms (${rdr.probes} kinds of traffic, today's ${audit.matrixMs.toFixed(0)} ms)`,
  '<= 1000 ms',
  rdr.matrixMs <= 1000,
);
line(
  '  Exposed view, 1000 jails',
  `${rdr.exposedMs.toFixed(0)} ms (${rdr.exposed} ports exposed)`,
  '<= 200 ms',
  rdr.exposedMs <= 200,
);

const exposedDual = benchExposedDualStack();
line(
  '  Exposed view, dual-stack 1000 jails',
  `${exposedDual.exposedMs.toFixed(0)} ms (${exposedDual.exposed} ports; own network ${exposedDual.coldMs.toFixed(0)} ms)`,
  '<= 200 ms',
  exposedDual.exposedMs <= 200,
);

const cli = benchCliAudit();
line(
  'patchbay audit (the CLI bundle), 1000 jails',
  `text ${cli.textMs.toFixed(0)} ms, core's auditReport ${cli.coreMs.toFixed(0)} ms, x${(cli.textMs / cli.coreMs).toFixed(2)}`,
  'ratio <= 3',
  cli.textMs <= 3 * cli.coreMs,
);
line(
  '  patchbay audit --json, 1000 jails',
  `${cli.jsonMs.toFixed(0)} ms, ${cli.jsonMb.toFixed(0)} MB, x${(cli.jsonMs / cli.coreMs).toFixed(2)} core's`,
  'ratio <= 3',
  cli.jsonMs <= 3 * cli.coreMs,
);

// PATCHBAY_SOAK_SECONDS shortens the soak for a quick look; the goal is judged at the full 300 s.
const soakSeconds = Number(process.env.PATCHBAY_SOAK_SECONDS ?? 300);
console.log(`     soak: 100 counter subscribers + 10 planners on the emulated agent for ${soakSeconds} s …`);
const soak = await benchSoak(soakSeconds);
const { start, middle, end } = soak.rssMb;
line(
  '  agent RSS start / middle / end',
  `${start.toFixed(0)} / ${middle.toFixed(0)} / ${end.toFixed(0)} MB (end/middle x${(end / middle).toFixed(2)})`,
  'end <= 1.2x middle',
  end <= 1.2 * middle,
);
line(
  '  host.info under load',
  `p99 ${soak.hostInfo.p99.toFixed(1)} ms, p50 ${soak.hostInfo.p50.toFixed(1)} ms (${soak.hostInfo.calls} calls)`,
  'p99 <= 100 ms',
  soak.hostInfo.p99 <= 100,
);
line(
  '  work done meanwhile',
  `${soak.plans} plans, ${soak.samplesRead} samples streamed, ${soak.failures} failures`,
  '0 failures',
  soak.failures === 0,
);
