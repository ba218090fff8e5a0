import { join } from 'node:path';
import type { StartedSandbox } from '../../src/sandbox/index.ts';
import { rootToken, signInAsRoot } from '../../src/testing/nocobase-api.ts';
import {
  type AppState,
  appEnv,
  assertAppDirFree,
  DEMO_ROOT,
  lockAppDir,
  prepareAppDir,
  readAppState,
  resolveAppDir,
  wipeAppDir,
  writeAppState,
} from './app-dir.ts';
import { configureApp } from './configure-app.ts';
import { startDemoSandbox } from './demo-sandbox.ts';
import { DEMO_AUTHENTICATOR } from './directory.ts';
import { logFileOf, runCliCommand, startServer } from './nocobase-cli.ts';
import { buildPlugin, CLIENT_ENTRY, type PackedPlugin, packPlugin } from './plugin-package.ts';
import type { GroupProcess } from './process-group.ts';
import { linkPluginIntoProject, pluginPackageName, restoreProjectTsxBin } from './project-links.ts';
import { assertPortFree, isWeComActionServed, logSummary, waitForHealth } from './readiness.ts';
import { seconds } from './text.ts';
import type { DemoLog, DemoOptions, RootAccount, StartedDemo } from './types.ts';

export { demoAuthenticatorOptions } from './configure-app.ts';
export { DEMO_AUTHENTICATOR, DEMO_CORP_ID, DEMO_PEOPLE, DEMO_WECOM_APP, type DemoPerson } from './directory.ts';
export { describeDemo, homepageLink, sessionLink, WECOM_WINDOWS_UA } from './guide.ts';
export type { DemoLog, DemoOptions, RootAccount, StartedDemo } from './types.ts';

const CLI_TIMEOUT_MS = 300_000;

interface Settings {
  appDir: string;
  appPort: number;
  sandboxPort: number;
  appUrl: string;
  fresh: boolean;
  build: boolean;
  log: DemoLog;
  signal?: AbortSignal;
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
    signal: options.signal,
    startTimeoutMs: options.startTimeoutMs ?? 180_000,
  };
}

/** Runs `work`, printing its name first and its duration after, since several steps take tens of seconds. */
async function step<T>(settings: Settings, name: string, work: () => Promise<T>): Promise<T> {
  settings.signal?.throwIfAborted();
  const { log } = settings;
  log(`• ${name}…`);
  const started = Date.now();
  const result = await work();
  log(`  ${name}: done in ${seconds(started)}`);
  return result;
}

async function buildAndPack(settings: Settings): Promise<PackedPlugin> {
  if (settings.build) await step(settings, 'building the plugin (npm run build)', buildPlugin);
  const packed = await step(settings, 'packing it (npm pack)', () => packPlugin(join(settings.appDir, 'pack')));
  if (!packed.clientBuilt) {
    settings.log(
      `  ! ${CLIENT_ENTRY} is not built yet, so NocoBase's pages will show "App error: Script error" ` +
        '(it loads that file of every enabled plugin). The server side and the HTTP sign-in work; ' +
        'run the demo again once the client build is in place.',
    );
  }
  return packed;
}

/** install, pm add, pm enable: only what this app directory has not had yet, or a changed plugin. */
async function installInto(settings: Settings, env: Record<string, string>, packed: PackedPlugin): Promise<void> {
  const { appDir, log, signal } = settings;
  const packageName = pluginPackageName();
  const state: AppState = readAppState(appDir);
  const cli = (args: string[], logName: string): Promise<void> =>
    runCliCommand(appDir, env, args, { logName, timeoutMs: CLI_TIMEOUT_MS, signal });
  if (!state.installed) {
    // -f: a first install that was interrupted may have left tables behind.
    await step(settings, 'installing NocoBase on SQLite (nocobase-v1 install)', () =>
      cli(['install', '-f'], 'install'),
    );
    writeAppState(appDir, { ...state, installed: true });
    state.installed = true;
  }
  linkPluginIntoProject(appDir, packageName);
  if (state.pluginSha1 !== packed.sha1) {
    const what = state.pluginSha1 ? 'the plugin changed: adding it again' : 'adding the plugin';
    // pm add replaces the stored copy and marks the app for an upgrade, which the next start runs.
    await step(settings, `${what} (nocobase-v1 pm add)`, () => cli(['pm', 'add', packed.file], 'pm-add'));
    state.pluginSha1 = packed.sha1;
    writeAppState(appDir, state);
  } else {
    log('• the plugin is unchanged since the last run: reusing the app as it is');
  }
  if (!state.pluginEnabled) {
    await step(settings, `enabling ${packageName} (nocobase-v1 pm enable)`, () =>
      cli(['pm', 'enable', packageName], 'pm-enable'),
    );
    state.pluginEnabled = true;
    writeAppState(appDir, state);
  }
  linkPluginIntoProject(appDir, packageName);
}

interface RunningProcesses {
  sandbox: StartedSandbox;
  server: GroupProcess;
}

/** The sandbox, then NocoBase in the foreground until it is healthy and serves the plugin's actions. */
async function startProcesses(
  settings: Settings,
  env: Record<string, string>,
  stops: Array<() => Promise<void>>,
): Promise<RunningProcesses> {
  const { appDir, appUrl, signal } = settings;
  const sandbox = await startDemoSandbox(settings.sandboxPort, appUrl);
  stops.push(() => sandbox.close());
  const server = startServer(appDir, env);
  stops.push(() => server.stop());
  const serverLog = logFileOf(appDir, 'server');
  await step(settings, `starting NocoBase on ${appUrl} (nocobase-v1 start, foreground)`, () =>
    waitForHealth(appUrl, { timeoutMs: settings.startTimeoutMs, exited: server.exited, logFile: serverLog, signal }),
  );
  restoreProjectTsxBin();
  if (!(await isWeComActionServed(appUrl))) {
    throw new Error(
      `NocoBase started, but the plugin's server did not load (/api/wecom:* is 404).\n${logSummary(serverLog)}`,
    );
  }
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
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => log(`! ${String(error)}`));
  };
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
    stops.push(async () => unlock());
    const packed = await buildAndPack(settings);
    await installInto(settings, env, packed);
    const { sandbox, server } = await startProcesses(settings, env, stops);
    const root: RootAccount = { account: DEMO_ROOT.account, email: DEMO_ROOT.email, password: DEMO_ROOT.password };
    await step(settings, 'configuring the authenticator and users (HTTP API, as root)', async () =>
      configureApp(await signInAsRoot(appUrl, root), sandbox, (line) => log(`  ${line}`)),
    );
    let stopping: Promise<void> | undefined;
    return {
      appUrl,
      appDir,
      sandbox,
      root,
      authenticator: DEMO_AUTHENTICATOR,
      pluginClientBuilt: packed.clientBuilt,
      adminToken: () => rootToken(appUrl, root),
      exited: server.exited,
      stop: () => {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    restoreProjectTsxBin();
    throw error;
  }
}
