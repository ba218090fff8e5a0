import { randomBytes } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { RootAccount } from './nocobase-api.ts';
import { isSymlinkTo, PROJECT_NODE_MODULES, PROJECT_ROOT, unlinkPluginFromProject } from './project-links.ts';

/**
 * A NocoBase app directory as the demo and the test cluster make one: `nocobase-v1`'s files, the project's
 * node_modules linked in, and a record of what was done to it, so a second run redoes only what is missing.
 */

/** NocoBase's own defaults, so the account is the one its documentation names. */
export const NOCOBASE_DEFAULT_ROOT: RootAccount & { nickname: string } = {
  account: 'nocobase',
  email: 'admin@nocobase.com',
  password: 'admin123',
  nickname: 'Super Admin',
};

/** Marks a directory as made by the demo, so `--fresh` never wipes anything else. */
const STATE_FILE = 'demo-state.json';
/** Holds the pid of the process using the directory: two apps on one directory would corrupt each other. */
const LOCK_FILE = 'demo.lock';
/** The CLI's output of each step, kept for the error messages and for reading afterwards. */
export const LOG_DIR = 'demo-logs';

/** What has been done to an app directory, so a second run redoes only what is missing or changed. */
export interface AppState {
  installed: boolean;
  /** sha1 of the plugin tarball last added with `pm add`. */
  pluginSha1?: string;
  pluginEnabled: boolean;
}

export function resolveAppDir(appDir: string): string {
  return isAbsolute(appDir) ? appDir : resolve(PROJECT_ROOT, appDir);
}

export function readAppState(appDir: string): AppState {
  const file = join(appDir, STATE_FILE);
  if (!existsSync(file)) return { installed: false, pluginEnabled: false };
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  return {
    installed: record.installed === true,
    pluginSha1: typeof record.pluginSha1 === 'string' ? record.pluginSha1 : undefined,
    pluginEnabled: record.pluginEnabled === true,
  };
}

export function writeAppState(appDir: string, state: AppState): void {
  writeFileSync(join(appDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

/**
 * Removes the app directory for `--fresh`. Refuses a non-empty directory the demo did not make, since
 * `--dir` is free text and a typo must not delete someone's work.
 */
export function wipeAppDir(appDir: string): void {
  if (!existsSync(appDir)) return;
  if (!existsSync(join(appDir, STATE_FILE)) && !isEmptyDir(appDir)) {
    throw new Error(`--fresh refuses to delete ${appDir}: it has no ${STATE_FILE}, so the demo did not make it`);
  }
  unlinkPluginFromProject(appDir);
  rmSync(appDir, { recursive: true, force: true });
}

function isEmptyDir(dir: string): boolean {
  return lstatSync(dir).isDirectory() && readdirSync(dir).length === 0;
}

/** A value of the app's existing `.env`: keys must outlive a run, or tokens and encrypted values stop working. */
function existingEnvValue(appDir: string, name: string): string | undefined {
  const file = join(appDir, '.env');
  if (!existsSync(file)) return undefined;
  return new RegExp(`^${name}=(.+)$`, 'm').exec(readFileSync(file, 'utf8'))?.[1]?.trim() || undefined;
}

/** `APP_KEY` (NocoBase's JWT secret) of an existing app, or a new one. */
export function appKeyOf(appDir: string): string {
  return existingEnvValue(appDir, 'APP_KEY') ?? randomBytes(32).toString('hex');
}

/** `APP_AES_SECRET_KEY` (what NocoBase encrypts secrets with: 32 bytes as hex) of an existing app, or a new one. */
export function aesKeyOf(appDir: string): string {
  return existingEnvValue(appDir, 'APP_AES_SECRET_KEY') ?? randomBytes(32).toString('hex');
}

/** What every app of ours runs with, whatever its database: production, NocoBase's root account, JSON logs. */
export function baseAppEnv(appDir: string): Record<string, string> {
  return {
    // Production: no development-only behaviour, logs as JSON so that failures can be found by their level.
    APP_ENV: 'production',
    APP_KEY: appKeyOf(appDir),
    INIT_ROOT_EMAIL: NOCOBASE_DEFAULT_ROOT.email,
    INIT_ROOT_PASSWORD: NOCOBASE_DEFAULT_ROOT.password,
    INIT_ROOT_USERNAME: NOCOBASE_DEFAULT_ROOT.account,
    INIT_ROOT_NICKNAME: NOCOBASE_DEFAULT_ROOT.nickname,
    LOGGER_TRANSPORT: 'console,dailyRotateFile',
    LOGGER_FORMAT: 'json',
    LOGGER_LEVEL: 'info',
  };
}

/**
 * Everything `nocobase-v1` expects of an app directory (nocobase-integration.md §15): a package.json with a
 * `nocobase` script (the CLI itself runs `yarn nocobase …`), node_modules, `.env` and an empty `.env.e2e`.
 */
export function prepareAppDir(appDir: string, env: Record<string, string>): void {
  if (existsSync(appDir) && !existsSync(join(appDir, STATE_FILE)) && !isEmptyDir(appDir)) {
    throw new Error(`${appDir} is not empty and has no ${STATE_FILE}: not a demo app directory; choose another --dir`);
  }
  mkdirSync(join(appDir, LOG_DIR), { recursive: true });
  // The mark that lets --fresh wipe this directory later, even if the first install fails.
  if (!existsSync(join(appDir, STATE_FILE))) writeAppState(appDir, readAppState(appDir));
  writeFileSync(
    join(appDir, 'package.json'),
    `${JSON.stringify({ name: 'nocobase-wecom-demo', private: true, scripts: { nocobase: 'nocobase-v1' } }, null, 2)}\n`,
  );
  const envText = Object.entries(env)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  writeFileSync(join(appDir, '.env'), `# Written by scripts/demo on every run; APP_KEY is kept.\n${envText}\n`);
  if (!existsSync(join(appDir, '.env.e2e'))) writeFileSync(join(appDir, '.env.e2e'), '');
  linkProjectNodeModules(appDir);
}

function linkProjectNodeModules(appDir: string): void {
  const link = join(appDir, 'node_modules');
  if (isSymlinkTo(link, PROJECT_NODE_MODULES)) return;
  rmSync(link, { recursive: true, force: true });
  symlinkSync(relative(appDir, PROJECT_NODE_MODULES), link, 'dir');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Refuses a directory another live demo uses; a lock left by a dead one is taken over. */
export function assertAppDirFree(appDir: string): void {
  const file = join(appDir, LOCK_FILE);
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
    throw new Error(`${appDir} is in use by another demo (pid ${pid}). Stop it first, or choose another --dir.`);
  }
}

/** Marks the directory as ours until the returned function is called. */
export function lockAppDir(appDir: string): () => void {
  const file = join(appDir, LOCK_FILE);
  writeFileSync(file, `${process.pid}\n`);
  return () => rmSync(file, { force: true });
}
