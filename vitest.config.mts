import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'server/**/*.test.ts',
      'components/**/*.test.ts',
      'agent/**/*.test.ts',
      'cli/**/*.test.ts',
      'scripts/**/*.test.{ts,mjs}',
    ],
    environment: 'node',
    // Speed is checked by `npm run bench`, never by a test's clock: property tests walk hundreds of
    // generated networks, and on a 2-CPU machine running other work the default 5 s cut them off.
    testTimeout: 30_000,
  },
});
