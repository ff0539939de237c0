// Shared by the poller tests: the demo host behind a recording executor, a poller on its clock, and
// a scripted host whose netstat output the test writes directly.
import { createDemoHost, DEMO_FLOWS } from '../emulator/demo-host';
import type { FreebsdEmulator } from '../emulator/emulator';
import { tick, type TrafficFlow } from '../emulator/traffic';
import type { Executor, RunRequest, RunResult } from '../executor/types';
import { CounterPoller, type CounterPollerOptions, type CounterSample } from './poller';
import { formatNetstatLibxo, type SyntheticInterface } from '../freebsd/netstat-format';

/** Wraps an executor and keeps every argv it was asked to run, joined with spaces. */
export class RecordingExecutor implements Executor {
  readonly kind: Executor['kind'];
  readonly commands: string[] = [];

  constructor(private readonly inner: Executor) {
    this.kind = inner.kind;
  }

  run(request: RunRequest): Promise<RunResult> {
    this.commands.push(request.argv.join(' '));
    return this.inner.run(request);
  }

  count(command: string): number {
    return this.commands.filter((c) => c === command).length;
  }
}

export interface DemoRig {
  host: FreebsdEmulator;
  executor: RecordingExecutor;
  poller: CounterPoller;
  /** Moves the demo traffic on by `seconds`, then takes one sample. */
  step(seconds?: number, flows?: readonly TrafficFlow[]): Promise<CounterSample | undefined>;
}

/** The demo host, and a poller whose clock is the emulator's (seconds → ms); the timer is left off. */
export function demoRig(options: Partial<CounterPollerOptions> = {}): DemoRig {
  const host = createDemoHost();
  const executor = new RecordingExecutor(host);
  const poller = new CounterPoller({ executor, now: () => host.state.clock * 1000, autoStart: false, ...options });
  return {
    host,
    executor,
    poller,
    step: (seconds = 2, flows = DEMO_FLOWS) => {
      tick(host.state, flows, seconds);
      return poller.tickOnce();
    },
  };
}

/** A host with no jails whose `netstat` prints whatever `interfaces` holds at the time of the call. */
export function scriptedHost(interfaces: () => readonly SyntheticInterface[]): Executor {
  return {
    kind: 'emulator',
    run: async ({ argv }) => {
      if (argv[0] === 'jls')
        return { code: 0, stdout: '{"__version": "2", "jail-information": {"jail": []}}\n', stderr: '' };
      return { code: 0, stdout: formatNetstatLibxo(interfaces()), stderr: '' };
    },
  };
}

/** The sample's entry for `key`, failing loudly when it is missing. */
export function entry(sample: CounterSample | undefined, key: string) {
  const found = sample?.interfaces[key];
  if (found === undefined)
    throw new Error(
      `no ${key} in sample ${sample?.seq ?? '(none)'}: ${Object.keys(sample?.interfaces ?? {}).join(', ')}`,
    );
  return found;
}
