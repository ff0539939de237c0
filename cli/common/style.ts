import type { CliIo, CliStream } from './io';

// Colour only for a person at a terminal: never in a pipe, a file or a CI log, and never when
// NO_COLOR is set to anything (https://no-color.org) or the terminal says it cannot (TERM=dumb).

export interface Style {
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
}

const plain = (text: string) => text;
const PLAIN: Style = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain };

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const COLOUR: Style = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) };

export function colourWanted(stream: CliStream, env: CliIo['env']): boolean {
  if (!stream.isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

export function styleFor(stream: CliStream, env: CliIo['env']): Style {
  return colourWanted(stream, env) ? COLOUR : PLAIN;
}
