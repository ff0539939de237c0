import { describe, expect, it } from 'vitest';
import { CommandFailure } from './output';
import { getopt } from './getopt';

const spec = { known: 'cmrf', withArgument: 'f' };

function refusal(args: string[]): string {
  try {
    getopt('jail', args, spec);
  } catch (error) {
    if (error instanceof CommandFailure) return error.output.stderr;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('getopt', () => {
  it('reads clustered letters, an attached argument and a detached one, and stops at the first operand', () => {
    expect(getopt('jail', ['-cm', '-fconf', '-f', 'other', 'name=a', '-r'], spec)).toEqual({
      options: [
        ['c', undefined],
        ['m', undefined],
        ['f', 'conf'],
        ['f', 'other'],
      ],
      operands: ['name=a', '-r'],
    });
  });

  it('consumes "--" and stops there; a lone "-" is an operand', () => {
    expect(getopt('jail', ['-c', '--', '-r'], spec).operands).toEqual(['-r']);
    expect(getopt('jail', ['-c', '-', '-r'], spec).operands).toEqual(['-', '-r']);
  });

  it('takes the rest of a cluster as the argument ("-cfconf")', () => {
    expect(getopt('jail', ['-cfconf', 'x'], spec)).toEqual({
      options: [
        ['c', undefined],
        ['f', 'conf'],
      ],
      operands: ['x'],
    });
  });

  it('refuses an unknown letter and a missing argument, naming the program', () => {
    expect(refusal(['-cv'])).toBe('jail: emulator: unsupported: option -v\n');
    expect(refusal(['-c', '-f'])).toMatch(/^jail: emulator: unsupported: -f without its argument/);
  });
});
