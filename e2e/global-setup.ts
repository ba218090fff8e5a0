import type { FullConfig } from '@playwright/test';
import { startRunDemo } from './support/run-demo.ts';
import { E2E_DEMO } from './support/settings.ts';

/**
 * Starts the suite's own demo (`.demo/e2e`, 13100/8797; see support/run-demo.ts). What it returns is the
 * teardown: Playwright calls it after the run, and it stops NocoBase and the sandbox.
 */
export default function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  return startRunDemo(E2E_DEMO, 'e2e demo');
}
