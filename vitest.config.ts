import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // End-to-end tests each launch one browser; two at once is what 2 cores take well.
    maxWorkers: 2,
  },
});
