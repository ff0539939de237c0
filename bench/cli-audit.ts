import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { auditReport } from '../core/audit/report';
import { auditDesign } from '../core/testing/audit-design';
import { serializeTopology } from '../core/topology/document';
import { median } from './audit';

// `patchbay audit` on the 1,000-jail design, as users run it: the bundle in a child process, from
// reading the file to the last byte written (text, and --json to a file). The baseline, in the same
// run and process-free, is core's auditReport of the same design: what the CLI adds on top is
// reading and validating the file, node's start, and printing.

function timed(args: string[], stdoutFile: string): number {
  const out = openSync(stdoutFile, 'w');
  const started = performance.now();
  const run = spawnSync(process.execPath, ['dist/patchbay.mjs', ...args], { stdio: ['ignore', out, 'pipe'] });
  const ms = performance.now() - started;
  closeSync(out);
  if (run.status !== 0) throw new Error(`patchbay ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

export function benchCliAudit(): { textMs: number; jsonMs: number; jsonMb: number; coreMs: number } {
  mkdirSync('.data', { recursive: true });
  execFileSync(process.execPath, ['scripts/build-cli.mjs']);
  const topology = auditDesign(100, 10);
  const design = '.data/bench-cli-1000-jails.json';
  writeFileSync(design, serializeTopology(topology));
  const core: number[] = [];
  const text: number[] = [];
  const json: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    auditReport(topology);
    core.push(performance.now() - started);
    text.push(timed(['audit', design], '.data/bench-cli-audit.txt'));
    json.push(timed(['audit', design, '--json'], '.data/bench-cli-audit.json'));
  }
  return {
    textMs: median(text),
    jsonMs: median(json),
    jsonMb: statSync('.data/bench-cli-audit.json').size / 1e6,
    coreMs: median(core),
  };
}
