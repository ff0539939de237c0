import { describe, expect, it } from 'vitest';
import { ParseError } from './parse-error';
import { parsePfLabels } from './pfctl-labels';
import { fixture } from './test-fixtures';

const zero = { evaluations: 0n, packets: 0n, bytes: 0n, inPackets: 0n, inBytes: 0n, outPackets: 0n, outBytes: 0n, states: 0n };

describe('parsePfLabels', () => {
  it('reads the anchor.sh nested_label expectation (labels from nested anchors, all zero)', () => {
    expect(parsePfLabels(fixture('pfctl-sl-a-star-labels-expected.txt'))).toEqual([
      { label: 'passicmp', ...zero },
      { label: 'passtcp', ...zero },
      { label: 'anytoany', ...zero },
    ]);
  });

  it('reads the 8 numbers in pfctl.c order and keeps values above 2^53 exact', () => {
    // evaluations, packets (in+out), bytes (in+out), in packets, in bytes, out packets, out bytes, states_tot
    const line = 'jailnet 9007199254740993 18014398509481987 18446744073709551615 9007199254740993 9223372036854775808 9007199254740994 9223372036854775807 9007199254740995\n';
    expect(parsePfLabels(line)).toEqual([
      {
        label: 'jailnet',
        evaluations: 9007199254740993n,
        packets: 18014398509481987n,
        bytes: 18446744073709551615n,
        inPackets: 9007199254740993n,
        inBytes: 9223372036854775808n,
        outPackets: 9007199254740994n,
        outBytes: 9223372036854775807n,
        states: 9007199254740995n,
      },
    ]);
  });

  it('accepts totals that wrapped around 2^64, as pfctl computes them in unsigned arithmetic', () => {
    const [row] = parsePfLabels('wrap 1 0 1 0 18446744073709551615 0 2 0\n');
    expect(row).toMatchObject({ bytes: 1n, inBytes: 18446744073709551615n, outBytes: 2n });
  });

  it('keeps several labels of one rule (printed "%s " each) as one label string', () => {
    expect(parsePfLabels('web http 10 4 2400 3 1800 1 600 2\n')).toEqual([
      { label: 'web http', evaluations: 10n, packets: 4n, bytes: 2400n, inPackets: 3n, inBytes: 1800n, outPackets: 1n, outBytes: 600n, states: 2n },
    ]);
  });

  it('reads empty output (no labelled rules) and skips blank lines', () => {
    expect(parsePfLabels('')).toEqual([]);
    expect(parsePfLabels('\nanytoany 0 0 0 0 0 0 0 0\n\n')).toEqual([{ label: 'anytoany', ...zero }]);
  });

  it('rejects malformed lines with the line number', () => {
    // Seven numbers: one short of what pfctl.c prints.
    expect(() => parsePfLabels('passicmp 0 0 0 0 0 0 0\n')).toThrow(ParseError);
    expect(() => parsePfLabels('passicmp 0 0 0 0 0 0 0\n')).toThrow(expect.objectContaining({ command: 'pfctl', line: 1 }));
    expect(() => parsePfLabels('passicmp 0 0 0 0 0 0 0 0\nLABEL COUNTERS:\n')).toThrow(expect.objectContaining({ command: 'pfctl', line: 2 }));
    expect(() => parsePfLabels('0 0 0 0 0 0 0 0\n')).toThrow(expect.objectContaining({ line: 1 }));
    expect(() => parsePfLabels('x 1 2 3 4 5 6 7 -8\n')).toThrow(expect.objectContaining({ line: 1 }));
    // Totals that are not in + out: the columns are not in pfctl's order.
    expect(() => parsePfLabels('swapped 5 3 100 1 2 1 99 0\n')).toThrow(
      expect.objectContaining({ line: 1, expected: 'packets total = packets in + packets out (2nd = 4th + 6th number)' }),
    );
    expect(() => parsePfLabels('swapped 5 3 100 1 1 2 98 0\n')).toThrow(
      expect.objectContaining({ line: 1, expected: 'bytes total = bytes in + bytes out (3rd = 5th + 7th number)' }),
    );
    expect(() => parsePfLabels('big 0 0 18446744073709551616 0 0 0 0 0\n')).toThrow(expect.objectContaining({ expected: 'counters that fit in 64 bits' }));
    // The rules listing is not a labels listing.
    expect(() => parsePfLabels(fixture('pfctl-sr-a-star-nested-anchor-expected.txt'))).toThrow(expect.objectContaining({ command: 'pfctl', line: 1 }));
  });
});
