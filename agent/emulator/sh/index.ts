// A strict mini-sh for the exec.* strings jail(8) runs through /bin/sh -c (see parse.ts).
export { runShell } from './run';
export { resolveProgram, trueOrFalse, type Program } from './programs';
