import { FreebsdEmulator } from '../emulator/emulator';
import type { Executor } from '../executor/types';

/** An emulated host with only its uplink: ixl0 on the LAN and the default route through it. */
export function bareHost(): FreebsdEmulator {
  const host = new FreebsdEmulator({
    hostname: 'gateway.example.org',
    nics: [{ name: 'ixl0', addresses: ['192.168.1.10/24'] }],
  });
  host.runSync({ argv: ['ifconfig', 'ixl0', 'description', 'uplink'] });
  host.runSync({ argv: ['route', 'add', 'default', '192.168.1.1'] });
  return host;
}

/**
 * An executor on `host` that can be made to "kill the agent" once the next command has run on the host
 * but before its result reaches the apply: the crash that leaves a step done and unjournalled.
 */
export function dyingExecutor(host: FreebsdEmulator): { executor: Executor; kill: () => void } {
  let killed = false;
  return {
    executor: {
      kind: 'emulator',
      run: async (request) => {
        const result = await host.run(request);
        if (killed) throw new Error('agent killed');
        return result;
      },
    },
    kill: () => {
      killed = true;
    },
  };
}
