/** Bundles cli/main.ts into one executable file (default dist/patchbay.mjs). */
export function buildCli(outfile?: string): Promise<void>;
