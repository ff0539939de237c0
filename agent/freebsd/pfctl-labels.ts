// Reader for `pfctl -s labels` (`-sl`, optionally with `-a '*'`) (docs/freebsd.md §9).
//
// Verbatim fixture pfctl-sl-a-star-labels-expected.txt (freebsd-src tests/sys/netpfil/pf/anchor.sh,
// nested_label): one line per labelled filter rule, anchors included, no indentation:
//   passicmp 0 0 0 0 0 0 0 0
//
// The numbers come from pfctl_show_rules(), case PFCTL_SHOW_LABELS, in freebsd/freebsd-src
// sbin/pfctl/pfctl.c (commit 00406234):
//   while (rule.label[i][0]) printf("%s ", rule.label[i++]);
//   printf("%llu %llu %llu %llu %llu %llu %llu %ju\n",
//       rule.evaluations, packets[0] + packets[1], bytes[0] + bytes[1],
//       packets[0], bytes[0], packets[1], bytes[1], rule.states_tot);
// so there are 8 numbers and the 8th is `states_tot` (states the rule created), which this parser
// returns as `states`. Index 0 is "in" and 1 is "out": pfctl(8) describes -s labels as "label,
// evaluations, packets total, bytes total, packets in, bytes in, packets out, bytes out, state
// creations". FreeBSD 10.x (coder03/freebsd10.4) prints the same 8 numbers after a single label.
//
// Current pfctl prints every label of a rule (up to PF_RULE_MAX_LABEL_COUNT), each followed by a
// space, so the label part is "everything before the last 8 numbers". A label that itself
// contains spaces cannot be told apart from two labels; `label` keeps the text as printed.
// Only plain -sl output is read: `pfctl -s all` adds a "LABEL COUNTERS:" title, which is rejected.
import { ParseError } from './parse-error';

const COMMAND = 'pfctl';
const LABEL_LINE = /^(\S.*?)((?: \d{1,20}){8})$/;
const U64_MAX = 2n ** 64n - 1n;
const U64_MOD = 2n ** 64n;

export interface PfLabelCounters {
  /** The rule's label(s) as printed; several labels are separated by single spaces. */
  label: string;
  evaluations: bigint;
  /** inPackets + outPackets (computed by pfctl, modulo 2^64). */
  packets: bigint;
  /** inBytes + outBytes (computed by pfctl, modulo 2^64). */
  bytes: bigint;
  inPackets: bigint;
  inBytes: bigint;
  outPackets: bigint;
  outBytes: bigint;
  /** The 8th number, `states_tot`: how many states the rule has created ("state creations"). */
  states: bigint;
}

export function parsePfLabels(text: string): PfLabelCounters[] {
  const result: PfLabelCounters[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const reject = (expected: string): never => {
      throw new ParseError(COMMAND, index + 1, expected, raw);
    };
    // OpenBSD's pfctl indents labels inside anchors; tolerate that, FreeBSD's does not indent.
    const match = LABEL_LINE.exec(line.trim());
    if (!match) return reject('a label followed by 8 counters (evaluations, packets, bytes, in/out packets and bytes, states)');
    const numbers = (match[2] ?? '').trim().split(' ').map((n) => BigInt(n));
    if (numbers.some((n) => n > U64_MAX)) return reject('counters that fit in 64 bits');
    const [evaluations = 0n, packets = 0n, bytes = 0n, inPackets = 0n, inBytes = 0n, outPackets = 0n, outBytes = 0n, states = 0n] = numbers;
    // pfctl prints the totals as in + out in unsigned 64-bit arithmetic; a mismatch means the
    // columns are not the ones described above.
    if ((inPackets + outPackets) % U64_MOD !== packets) return reject('packets total = packets in + packets out (2nd = 4th + 6th number)');
    if ((inBytes + outBytes) % U64_MOD !== bytes) return reject('bytes total = bytes in + bytes out (3rd = 5th + 7th number)');
    result.push({ label: match[1] ?? '', evaluations, packets, bytes, inPackets, inBytes, outPackets, outBytes, states });
  });
  return result;
}
