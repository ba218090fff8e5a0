import { defineConfig } from 'vitest/config';

/**
 * `npm run test:cluster`: src/server/__tests__/cluster against one cluster of real processes (two `nocobase start`
 * behind nginx, PostgreSQL, Redis, the sandbox) that its global setup starts before the first file and stops after
 * the last. The files take turns in one worker: they kill nodes, and they count what the whole cluster did.
 */
export default defineConfig({
  test: {
    globals: true,
    environment: 'node',
    include: ['src/server/__tests__/cluster/**/*.test.ts'],
    globalSetup: ['src/server/__tests__/cluster/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    // A case may restart a node (a NocoBase boot) while it runs sign-ins.
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
