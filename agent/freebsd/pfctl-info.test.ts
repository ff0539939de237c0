import { describe, expect, it } from 'vitest';
import { parsePfInfo } from './pfctl-info';
import { fixture } from './test-fixtures';

describe('parsePfInfo', () => {
  it('reads status and counters of the telegraf sample', () => {
    const info = parsePfInfo(fixture('pfctl-s-info-telegraf.txt'));
    expect(info.enabled).toBe(true);
    expect(info.runningFor).toBe('0 days 00:26:05');
    expect(info.debug).toBe('Urgent');
    expect(Object.keys(info.sections)).toEqual(['State Table', 'Counters']);
    expect(info.sections['State Table']).toEqual({
      'current entries': { total: 2n },
      searches: { total: 11325n, rate: '7.2/s' },
      inserts: { total: 5n, rate: '0.0/s' },
      removals: { total: 3n, rate: '0.0/s' },
    });
    expect(info.sections['Counters']?.['match']).toEqual({ total: 11226n, rate: '7.2/s' });
    expect(info.sections['Counters']?.['state-mismatch']).toEqual({ total: 0n, rate: '0.0/s' });
    expect(Object.keys(info.sections['Counters'] ?? {})).toHaveLength(15);
  });

  it('reads a disabled status and counters above 2^53', () => {
    const info = parsePfInfo(
      'Status: Disabled for 0 days 00:00:00           Debug: Urgent\n\nCounters\n  match               18446744073709551615            0.0/s\n',
    );
    expect(info.enabled).toBe(false);
    expect(info.sections['Counters']?.['match']?.total).toBe(18446744073709551615n);
  });

  it('rejects output that does not start with Status, and rows before a section', () => {
    expect(() => parsePfInfo('No ALTQ support in kernel\n')).toThrow(
      expect.objectContaining({ command: 'pfctl', line: 1 }),
    );
    expect(() => parsePfInfo('')).toThrow(expect.objectContaining({ command: 'pfctl', line: 0 }));
    expect(() => parsePfInfo('Status: Enabled for 0 days 00:26:05  Debug: Urgent\n  searches  1  0.0/s\n')).toThrow(
      expect.objectContaining({ line: 2, expected: 'a section title before counter rows' }),
    );
  });
});
