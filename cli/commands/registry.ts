import type { Command } from '../common/command';
import { applyCommand } from './apply';
import { asciiCommand } from './ascii';
import { auditCommand } from './audit';
import { importCommand } from './import';
import { planCommand } from './plan';
import { renderCommand } from './render';
import { validateCommand } from './validate';

/** Every subcommand, in the order `patchbay --help` lists them. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  auditCommand,
  planCommand,
  applyCommand,
  importCommand,
  renderCommand,
  asciiCommand,
];
