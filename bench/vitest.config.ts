import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The smoke run starts the API and the raw handler and loads each scenario briefly; beside the
    // whole test suite on two cores that has taken close to three minutes.
    testTimeout: 420_000,
    hookTimeout: 420_000,
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
  },
});
