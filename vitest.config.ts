import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/helpers/temp-root.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // CLI tests spawn the built binary; on a 2-core machine give them room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
