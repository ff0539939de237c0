import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../core/validate/problem';
import { fieldPath, fieldProblems } from './locate';

// Where a problem shows: on the field its path names, a dotted field (a list entry's field) included,
// as useFieldEdit asks for the fields it makes.

const problem = (path: Problem['path'], message: string): Problem => ({
  severity: 'error',
  path,
  message,
  rule: 'test',
});

describe('fieldProblems', () => {
  const jail = ['stacks', 4] as const;
  const address = problem(['stacks', 4, 'sharedIp', 'ip4', 0, 'address'], 'not an address');
  const second = problem(['stacks', 4, 'sharedIp', 'ip4', 1, 'address'], 'the second one');
  const name = problem(['stacks', 4, 'name'], 'name taken');
  const whole = problem(['stacks', 4], 'the jail itself');
  const other = problem(['stacks', 3, 'name'], 'another jail');
  const all = [address, second, name, whole, other];

  it('finds the problems of a dotted field path (sharedIp.ip4.0.address) and no others', () => {
    expect(fieldProblems(all, [...jail], 'sharedIp.ip4.0.address')).toEqual([address]);
    expect(fieldProblems(all, [...jail], 'sharedIp.ip4.1.address')).toEqual([second]);
    expect(fieldProblems(all, [...jail], 'sharedIp.ip4')).toEqual([address, second]);
    expect(fieldProblems(all, [...jail], 'sharedIp.ip6.0.address')).toEqual([]);
  });

  it('keeps one-word fields and the element-wide problems as they were', () => {
    expect(fieldProblems(all, [...jail], 'name')).toEqual([name]);
    expect(fieldProblems(all, [...jail])).toEqual([whole]);
  });

  it('reads list indexes in a dotted path as numbers, as validation writes them', () => {
    expect(fieldPath('sharedIp.ip4.10.address')).toEqual(['sharedIp', 'ip4', 10, 'address']);
  });
});
