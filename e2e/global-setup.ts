import type { FullConfig } from '@playwright/test';
import { DEMO_ROOT } from '../scripts/demo/app-dir.ts';
import { DEMO_AUTHENTICATOR, type StartedDemo, startDemo } from '../scripts/demo/index.ts';
import { type DemoInfo, publishDemoInfo } from './support/demo-info.ts';
import { E2E_DEMO } from './support/settings.ts';

let demo: StartedDemo | undefined;

/**
 * Starts the suite's own demo: a real NocoBase with the plugin packed and enabled, the WeCom sandbox in this
 * (the runner's) process, and the `wecom` authenticator. The app directory is kept, so only the first run installs
 * NocoBase; later runs rebuild and re-add the plugin only when it changed.
 */
export default async function globalSetup(_config: FullConfig): Promise<void> {
  if (process.env.E2E_EXTERNAL_DEMO === '1') {
    await attachToRunningDemo();
    return;
  }
  const started = Date.now();
  demo = await startDemo({
    appDir: E2E_DEMO.appDir,
    appPort: E2E_DEMO.appPort,
    sandboxPort: E2E_DEMO.sandboxPort,
    fresh: process.env.E2E_FRESH === '1',
    log: (line) => console.log(`[e2e demo] ${line}`),
  });
  if (!demo.pluginClientBuilt) {
    await demo.stop();
    throw new Error(
      'dist/client/index.js was not built, so NocoBase pages cannot load the plugin; see `npm run build`',
    );
  }
  const info: DemoInfo = {
    appUrl: demo.appUrl,
    sandboxUrl: demo.sandbox.url,
    authenticator: demo.authenticator,
    root: demo.root,
  };
  publishDemoInfo(info);
  console.log(
    `[e2e demo] ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${info.appUrl}, sandbox ${info.sandboxUrl}`,
  );
}

/**
 * E2E_EXTERNAL_DEMO=1: a demo already runs on the suite's ports (`npm run demo -- --dir .demo/e2e --port 13100
 * --sandbox-port 8797`), so that editing a test costs no NocoBase start. Nothing is started, or stopped after.
 */
async function attachToRunningDemo(): Promise<void> {
  const appUrl = `http://127.0.0.1:${E2E_DEMO.appPort}`;
  const sandboxUrl = `http://127.0.0.1:${E2E_DEMO.sandboxPort}`;
  const health = await fetch(`${appUrl}/api/__health_check`).then((answer) => answer.text(), String);
  const sandbox = await fetch(`${sandboxUrl}/__sandbox/settings`).then((answer) => answer.status, String);
  if (health !== 'ok' || sandbox !== 200) {
    throw new Error(`E2E_EXTERNAL_DEMO=1, but ${appUrl} answered ${health} and ${sandboxUrl} ${sandbox}`);
  }
  const { account, email, password } = DEMO_ROOT;
  publishDemoInfo({ appUrl, sandboxUrl, authenticator: DEMO_AUTHENTICATOR, root: { account, email, password } });
  console.log(`[e2e demo] using the demo already running on ${appUrl}`);
}

/** Called by the global teardown, in the same runner process, so the handle is still here. */
export async function stopDemo(): Promise<void> {
  await demo?.stop();
  demo = undefined;
}
