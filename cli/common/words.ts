// Small pieces of English shared by every subcommand's output.

/** `1 error`, `2 errors`; `many` for a word whose plural is not `one` + s. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
