import type { Command } from '../common/command';
import { asciiCommand } from './ascii';
import { auditCommand } from './audit';
import { renderCommand } from './render';
import { validateCommand } from './validate';

/** Every subcommand, in the order `patchbay --help` lists them. */
export const COMMANDS: readonly Command[] = [validateCommand, auditCommand, renderCommand, asciiCommand];
