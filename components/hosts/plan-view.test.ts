import { describe, expect, it } from 'vitest';
import { commandLine } from './plan-view';

describe('commandLine', () => {
  it('prints a step as it would be typed, quoting only what needs it', () => {
    expect(
      commandLine({ phase: 'create', summary: '', command: { argv: ['ifconfig', 'bridge0', 'create'] }, inverse: [] }),
    ).toBe('ifconfig bridge0 create');
    expect(
      commandLine({
        phase: 'configure',
        summary: '',
        command: { argv: ['ifconfig', 'epair2b', 'description', "patchbay: www's cable"], jail: 'www-jail' },
        inverse: [],
      }),
    ).toBe("jexec www-jail ifconfig epair2b description 'patchbay: www'\\''s cable'");
  });
});
