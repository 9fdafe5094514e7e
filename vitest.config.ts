import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The end-to-end tests run the bundled CLI (bin/briefs.js → dist/bundle/): make it current first.
    globalSetup: ['tests/setup/bundle.ts'],
    // No test may fail because the machine is busy: a real build on a loaded 2-core machine can
    // take minutes. These limits only stop a test that hangs; no test sets a shorter one.
    testTimeout: 900_000,
    hookTimeout: 900_000,
    // End-to-end tests each launch one browser; two at once is what 2 cores take well.
    maxWorkers: 2,
  },
});
