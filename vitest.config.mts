import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  test: {
    globals: true,
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    // A NocoBase app per test file is heavy on a 2-core machine; more workers only thrash.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // @nocobase/test's package points at an ES build it does not ship.
    alias: [{ find: /^@nocobase\/test$/, replacement: require.resolve('@nocobase/test') }],
    env: {
      NODE_MODULES_PATH: new URL('./node_modules', import.meta.url).pathname,
      LOGGER_LEVEL: 'error',
      LOGGER_SILENT: process.env.LOGGER_SILENT ?? 'true',
    },
  },
});
