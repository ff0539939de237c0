// A strict mini-sh for the exec.* strings jail(8) runs through /bin/sh -c (see parse.ts).
export { runShell, type ProgramRunner } from './run';
export { parseScript } from './parse';
export { resolveProgram, INSTALLED, SEARCH_PATH, type Program, type Resolution } from './programs';
