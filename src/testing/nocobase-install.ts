import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seconds } from './log-text.ts';
import { type AppState, readAppState, writeAppState } from './nocobase-app-dir.ts';
import { runCliCommand } from './nocobase-cli.ts';
import { buildPlugin, CLIENT_ENTRY, type PackedPlugin, packPlugin } from './plugin-package.ts';
import { linkPluginIntoProject, pluginPackageName, storedPluginDir } from './project-links.ts';

const execFileAsync = promisify(execFile);

/** Where progress goes; one line per call. */
export type ProgressLog = (line: string) => void;

export interface InstallSettings {
  appDir: string;
  /**
   * Run `npm run build` before packing. Off when the caller built already (CI, or several apps started at once,
   * whose builds would empty each other's dist folders).
   */
  build: boolean;
  log: ProgressLog;
  signal?: AbortSignal;
  /** What NocoBase is installed on, for the progress line: "SQLite", "PostgreSQL (database x)". */
  database: string;
}

const CLI_TIMEOUT_MS = 300_000;

/** Runs `work`, printing its name first and its duration after, since several steps take tens of seconds. */
export async function step<T>(
  settings: Pick<InstallSettings, 'log' | 'signal'>,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  settings.signal?.throwIfAborted();
  const { log } = settings;
  log(`• ${name}…`);
  const started = Date.now();
  const result = await work();
  log(`  ${name}: done in ${seconds(started)}`);
  return result;
}

export async function buildAndPack(settings: InstallSettings): Promise<PackedPlugin> {
  if (settings.build) await step(settings, 'building the plugin (npm run build)', buildPlugin);
  const packed = await step(settings, 'packing it (npm pack)', () => packPlugin(join(settings.appDir, 'pack')));
  if (!packed.clientBuilt) {
    settings.log(
      `  ! ${CLIENT_ENTRY} is not built yet, so NocoBase's pages will show "App error: Script error" ` +
        '(it loads that file of every enabled plugin). The server side and the HTTP sign-in work; ' +
        'run again once the client build is in place.',
    );
  }
  return packed;
}

/** install, pm add, pm enable: only what this app directory has not had yet, or a changed plugin. */
export async function installInto(
  settings: InstallSettings,
  env: Record<string, string>,
  packed: PackedPlugin,
): Promise<void> {
  const { appDir, log, signal } = settings;
  const packageName = pluginPackageName();
  const state: AppState = readAppState(appDir);
  const cli = (args: string[], logName: string): Promise<void> =>
    runCliCommand(appDir, env, args, { logName, timeoutMs: CLI_TIMEOUT_MS, signal });
  if (!state.installed) {
    // -f: a first install that was interrupted may have left tables behind.
    await step(settings, `installing NocoBase on ${settings.database} (nocobase-v1 install)`, () =>
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

/**
 * What makes NocoBase's `install` add and enable a plugin as one of its own, in the same run: how a Docker image
 * ships plugins. The variable stays in `.env`, so that every later start and upgrade of the app counts it in.
 */
export function builtInPluginEnv(others: readonly string[] = []): Record<string, string> {
  return { APPEND_PRESET_BUILT_IN_PLUGINS: [pluginPackageName(), ...others].join(',') };
}

/** A plugin package besides ours, already built in a folder: `name` is its package.json's. */
export interface ExtraPlugin {
  name: string;
  dir: string;
}

/** Each extra plugin copied where `pm add` would store it and linked, for the next `install` to build in. */
export function storeExtraPlugins(appDir: string, plugins: readonly ExtraPlugin[]): void {
  for (const plugin of plugins) {
    const stored = storedPluginDir(appDir, plugin.name);
    rmSync(stored, { recursive: true, force: true });
    mkdirSync(stored, { recursive: true });
    cpSync(plugin.dir, stored, { recursive: true });
    linkPluginIntoProject(appDir, plugin.name);
  }
}

/**
 * A fresh install with the plugin built in (`env` has `builtInPluginEnv()`): the tarball unpacked where `pm add`
 * would put it and linked, then one `install -f`, which adds and enables it. One NocoBase boot instead of the three
 * of install, `pm add` and `pm enable`, and no upgrade left for the first start, so nodes may start side by side.
 */
export async function installWithPlugin(
  settings: InstallSettings,
  env: Record<string, string>,
  packed: PackedPlugin,
): Promise<void> {
  const { appDir, signal } = settings;
  const packageName = pluginPackageName();
  const stored = storedPluginDir(appDir, packageName);
  rmSync(stored, { recursive: true, force: true });
  mkdirSync(stored, { recursive: true });
  // npm's tarballs hold everything under `package/`.
  await execFileAsync('tar', ['-xzf', packed.file, '-C', stored, '--strip-components=1']);
  linkPluginIntoProject(appDir, packageName);
  await step(settings, `installing NocoBase with the plugin on ${settings.database} (nocobase-v1 install)`, () =>
    runCliCommand(appDir, env, ['install', '-f'], { logName: 'install', timeoutMs: CLI_TIMEOUT_MS, signal }),
  );
  writeAppState(appDir, { installed: true, pluginSha1: packed.sha1, pluginEnabled: true });
}
