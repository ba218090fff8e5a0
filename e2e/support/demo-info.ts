import type { AppAsRoot } from '../../src/testing/nocobase-api.ts';

/** What the tests need of the running demo; JSON, because it crosses from the global setup to the workers. */
export interface DemoInfo extends AppAsRoot {
  sandboxUrl: string;
  /** The demo's WeCom authenticator (`wecom`): automatic login on, sign-up off, all hosts on the sandbox. */
  authenticator: string;
}

/**
 * Playwright copies the runner's environment into each worker as it starts it, and the global setup runs in
 * the runner before any worker, so an environment variable is the simplest way across.
 */
export const DEMO_INFO_ENV = 'WECOM_E2E_DEMO';

export function publishDemoInfo(info: DemoInfo): void {
  process.env[DEMO_INFO_ENV] = JSON.stringify(info);
}

function isDemoInfo(value: unknown): value is DemoInfo {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const root = record.root as Record<string, unknown> | undefined;
  return (
    typeof record.appUrl === 'string' &&
    typeof record.sandboxUrl === 'string' &&
    typeof record.authenticator === 'string' &&
    typeof root?.account === 'string' &&
    typeof root.password === 'string'
  );
}

export function readDemoInfo(): DemoInfo {
  const raw = process.env[DEMO_INFO_ENV];
  if (!raw)
    throw new Error(
      `${DEMO_INFO_ENV} is not set: run the tests with \`npx playwright test\` (or \`-c e2e/walkthrough\`), whose global setup starts the demo`,
    );
  const parsed: unknown = JSON.parse(raw);
  if (!isDemoInfo(parsed)) throw new Error(`${DEMO_INFO_ENV} does not describe a demo: ${raw}`);
  return parsed;
}
