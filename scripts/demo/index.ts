import type { StartedSandbox } from '../../src/sandbox/index.ts';
import { rootToken, signInAsRoot } from '../../src/testing/nocobase-api.ts';
import {
  assertAppDirFree,
  lockAppDir,
  prepareAppDir,
  resolveAppDir,
  wipeAppDir,
} from '../../src/testing/nocobase-app-dir.ts';
import { logFileOf } from '../../src/testing/nocobase-cli.ts';
import { buildAndPack, type InstallSettings, installInto, step } from '../../src/testing/nocobase-install.ts';
import { startServing } from '../../src/testing/nocobase-server.ts';
import type { GroupProcess } from '../../src/testing/process-group.ts';
import { restoreProjectTsxBin } from '../../src/testing/project-links.ts';
import { assertPortFree } from '../../src/testing/readiness.ts';
import { StopList } from '../../src/testing/stop-list.ts';
import { appEnv, DEMO_ROOT } from './app-dir.ts';
import { configureApp } from './configure-app.ts';
import { startDemoSandbox } from './demo-sandbox.ts';
import { DEMO_AUTHENTICATOR } from './directory.ts';
import type { DemoOptions, RootAccount, StartedDemo } from './types.ts';

export { demoAuthenticatorOptions } from './configure-app.ts';
export { DEMO_AUTHENTICATOR, DEMO_CORP_ID, DEMO_PEOPLE, DEMO_WECOM_APP, type DemoPerson } from './directory.ts';
export { describeDemo, homepageLink, sessionLink, WECOM_WINDOWS_UA } from './guide.ts';
export type { DemoLog, DemoOptions, RootAccount, StartedDemo } from './types.ts';

interface Settings extends InstallSettings {
  appPort: number;
  sandboxPort: number;
  appUrl: string;
  fresh: boolean;
  startTimeoutMs: number;
}

function resolveSettings(options: DemoOptions): Settings {
  const appPort = options.appPort ?? 13000;
  return {
    appDir: resolveAppDir(options.appDir ?? '.demo/app'),
    appPort,
    sandboxPort: options.sandboxPort ?? 8787,
    // 127.0.0.1 rather than localhost: it is the sandbox app's trusted domain, which WeCom compares exactly.
    appUrl: `http://127.0.0.1:${appPort}`,
    fresh: options.fresh ?? false,
    build: options.build ?? true,
    log: options.log ?? console.log,
    database: 'SQLite',
    signal: options.signal,
    startTimeoutMs: options.startTimeoutMs ?? 180_000,
  };
}

interface RunningProcesses {
  sandbox: StartedSandbox;
  server: GroupProcess;
}

/** The sandbox, then NocoBase in the foreground until it is healthy and serves the plugin's actions. */
async function startProcesses(
  settings: Settings,
  env: Record<string, string>,
  stops: StopList,
): Promise<RunningProcesses> {
  const { appDir, appUrl, signal } = settings;
  const sandbox = await startDemoSandbox(settings.sandboxPort, appUrl);
  stops.add(() => sandbox.close());
  const server = await step(settings, `starting NocoBase on ${appUrl} (nocobase-v1 start, foreground)`, () =>
    startServing({ appDir, env, url: appUrl, logName: 'server', timeoutMs: settings.startTimeoutMs, signal }),
  );
  stops.add(() => server.stop());
  return { sandbox, server };
}

/**
 * Starts the demo: the plugin built and packed, a real NocoBase app (from the npm packages, on SQLite) in
 * `appDir` with the plugin installed and enabled, the WeCom sandbox in this process, and a `wecom`
 * authenticator plus users configured through NocoBase's HTTP API. A second call on the same directory
 * reuses the app. Rejects, with everything stopped, when a step fails or `signal` aborts.
 */
export async function startDemo(options: DemoOptions = {}): Promise<StartedDemo> {
  const settings = resolveSettings(options);
  const { appDir, appUrl, log } = settings;
  const stops = new StopList(log);
  try {
    await assertPortFree(settings.appPort, 'NocoBase', '--port');
    await assertPortFree(settings.sandboxPort, 'the WeCom sandbox', '--sandbox-port');
    assertAppDirFree(appDir);
    if (settings.fresh) {
      log(`• --fresh: removing ${appDir}`);
      wipeAppDir(appDir);
    }
    const env = appEnv(appDir, settings.appPort);
    prepareAppDir(appDir, env);
    const unlock = lockAppDir(appDir);
    stops.add(async () => unlock());
    const packed = await buildAndPack(settings);
    await installInto(settings, env, packed);
    const { sandbox, server } = await startProcesses(settings, env, stops);
    const root: RootAccount = { account: DEMO_ROOT.account, email: DEMO_ROOT.email, password: DEMO_ROOT.password };
    await step(settings, 'configuring the authenticator and users (HTTP API, as root)', async () =>
      configureApp(await signInAsRoot(appUrl, root), sandbox, (line) => log(`  ${line}`)),
    );
    return {
      appUrl,
      appDir,
      sandbox,
      root,
      authenticator: DEMO_AUTHENTICATOR,
      pluginClientBuilt: packed.clientBuilt,
      adminToken: () => rootToken(appUrl, root),
      exited: server.exited,
      logs: [logFileOf(appDir, 'server')],
      stop: () => stops.stopAll(),
    };
  } catch (error) {
    await stops.stopAll();
    restoreProjectTsxBin();
    throw error;
  }
}
