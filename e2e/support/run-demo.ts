import { DEMO_ROOT } from '../../scripts/demo/app-dir.ts';
import { DEMO_AUTHENTICATOR, startDemo } from '../../scripts/demo/index.ts';
import { type DemoInfo, publishDemoInfo } from './demo-info.ts';

/** Where a Playwright run's own demo app lives: its directory and its two ports. */
export interface DemoPlace {
  appDir: string;
  appPort: number;
  sandboxPort: number;
}

/**
 * For a Playwright global setup: starts the run's own demo (a real NocoBase with the plugin packed and enabled,
 * the WeCom sandbox in this, the runner's, process, the `wecom` authenticator), publishes it to the workers
 * (demo-info.ts), and answers the teardown, which Playwright calls after the run. The app directory is kept, so
 * only the first run installs NocoBase; later runs rebuild and re-add the plugin only when it changed.
 *
 * E2E_EXTERNAL_DEMO=1: a demo already runs on those ports (`npm run demo -- --dir … --port … --sandbox-port …`),
 * so that editing a test costs no NocoBase start; nothing is started, or stopped after. E2E_FRESH=1 reinstalls.
 */
export async function startRunDemo(place: DemoPlace, label: string): Promise<() => Promise<void>> {
  if (process.env.E2E_EXTERNAL_DEMO === '1') {
    await attachToRunningDemo(place, label);
    return async () => {};
  }
  const started = Date.now();
  const demo = await startDemo({
    appDir: place.appDir,
    appPort: place.appPort,
    sandboxPort: place.sandboxPort,
    fresh: process.env.E2E_FRESH === '1',
    log: (line) => console.log(`[${label}] ${line}`),
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
    `[${label}] ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${info.appUrl}, sandbox ${info.sandboxUrl}`,
  );
  // NocoBase and the sandbox stop; the app directory stays for the next run.
  return () => demo.stop();
}

async function attachToRunningDemo(place: DemoPlace, label: string): Promise<void> {
  const appUrl = `http://127.0.0.1:${place.appPort}`;
  const sandboxUrl = `http://127.0.0.1:${place.sandboxPort}`;
  const health = await fetch(`${appUrl}/api/__health_check`).then((answer) => answer.text(), String);
  const sandbox = await fetch(`${sandboxUrl}/__sandbox/settings`).then((answer) => answer.status, String);
  if (health !== 'ok' || sandbox !== 200) {
    throw new Error(
      `E2E_EXTERNAL_DEMO=1, but ${appUrl} answered ${health} and ${sandboxUrl} ${sandbox}: start one with ` +
        `\`npm run demo -- --dir ${place.appDir} --port ${place.appPort} --sandbox-port ${place.sandboxPort}\``,
    );
  }
  const { account, email, password } = DEMO_ROOT;
  publishDemoInfo({ appUrl, sandboxUrl, authenticator: DEMO_AUTHENTICATOR, root: { account, email, password } });
  console.log(`[${label}] using the demo already running on ${appUrl}`);
}
