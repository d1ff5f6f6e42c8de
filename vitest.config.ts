import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'contracts/**/*.test.ts', 'load/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Pact consumer tests write shared pact files: keep each file's tests in one worker.
    fileParallelism: true,
  },
});
