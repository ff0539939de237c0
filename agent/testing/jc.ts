import { execFileSync } from 'node:child_process';

// Debian's jc (https://github.com/kellyjonbrazil/jc, package "jc") as a third-party reader of
// FreeBSD ifconfig text: its FreeBSD patterns were written against real hosts' output, not ours.
// scripts/ensure-oracles.sh installs it for `npm test`.

/** The fields of jc's `--ifconfig` record that the oracle tests compare (jc 1.22 key names). */
export interface JcInterface {
  name: string;
  /** jc reads the hex flag word with a decimal pattern and stores it as a number: 1008843 for "1008843". */
  flags: number | null;
  state: string[] | null;
  mtu: number | null;
  mac_addr: string | null;
  options?: string | null;
  nd6_options?: number | null;
  status?: string | null;
  hw_address?: string | null;
  ipv4?: { address: string; mask: string; broadcast: string | null }[];
  ipv6?: { address: string; mask: number; scope_id: string | null; scope: string | null }[];
}

export function jcIfconfig(text: string): JcInterface[] {
  try {
    return JSON.parse(
      execFileSync('jc', ['--ifconfig'], { input: text, encoding: 'utf8', maxBuffer: 256 << 20 }),
    ) as JcInterface[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        "Debian's jc is missing: run `bash scripts/ensure-oracles.sh` (npm test does) or `apt-get install jc`.",
      );
    }
    throw error;
  }
}
