import { FreebsdEmulator } from './emulator';
import type { EmulatedHostSpec } from './host';
import { findInterface, HOST_VNET } from './state';

/**
 * An emulated host for tests that drive it command by command: `run` throws with the command's
 * stderr when it fails (a setup step that fails is a broken test, not an answer), `iface` finds a
 * host interface by name.
 */
export function testHost(spec: EmulatedHostSpec) {
  const h = new FreebsdEmulator(spec);
  const run = (...argv: string[]) => {
    const result = h.runSync({ argv });
    if (result.code !== 0) throw new Error(`${argv.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const iface = (name: string) => findInterface(h.state, HOST_VNET, name)!;
  return { h, run, iface };
}
