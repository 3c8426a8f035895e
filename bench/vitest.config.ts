import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The smoke run starts the API and the raw handler and loads each scenario briefly.
    testTimeout: 180_000,
  },
});
