import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // `npm test` prints a one-screen coverage summary and writes the per-file table to
    // coverage/coverage-summary.json (v8 coverage: no instrumentation, the same code runs)
    coverage: {
      provider: 'v8',
      include: ['agents/**/*.ts', 'baselines/**/*.ts', 'cli/**/*.ts', 'env/**/*.ts', 'marketdata/**/*.ts', 'calibration/**/*.ts', 'evals/**/*.ts', 'models/**/*.ts', 'training/**/*.ts', 'util/**/*.ts', 'queue/**/*.ts', 'studies/**/*.ts', 'index.ts'],
      exclude: ['**/*.test.ts', '**/test-utils/**', 'models/wasm-mlp-binary.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});
