import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The project's side of a NocoBase app directory (the demo's, the test cluster's). The app directory's
 * node_modules is a link to the project's, so NocoBase and its CLI write into the project's node_modules;
 * these functions keep that harmless.
 */

// __dirname, not import.meta.url: the package is CommonJS, and Playwright (which loads this for the e2e
// global setup) compiles to CommonJS, where Node takes any file mentioning import.meta for an ES module.
export const PROJECT_ROOT = resolve(__dirname, '../..');
export const PROJECT_NODE_MODULES = join(PROJECT_ROOT, 'node_modules');

export function isSymlinkTo(path: string, target: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && resolve(dirname(path), readlinkSync(path)) === target;
  } catch {
    return false;
  }
}

/** `node_modules/<plugin>` in the project, where `pm add` links the plugin (node_modules is shared). */
export function projectPluginLink(packageName: string): string {
  return join(PROJECT_NODE_MODULES, ...packageName.split('/'));
}

export function storedPluginDir(appDir: string, packageName: string): string {
  return join(appDir, 'storage', 'plugins', ...packageName.split('/'));
}

/**
 * Points the project's `node_modules/<plugin>` at this app's copy of the plugin. NocoBase only creates that
 * link in `pm add` and at start, and an `npm install` in the project prunes it as extraneous; when it is
 * missing as NocoBase boots, Node caches the miss and the plugin's server never loads, though the plugin
 * is listed as enabled.
 */
export function linkPluginIntoProject(appDir: string, packageName: string): void {
  const target = storedPluginDir(appDir, packageName);
  const link = projectPluginLink(packageName);
  if (!existsSync(target) || isSymlinkTo(link, target)) return;
  mkdirSync(dirname(link), { recursive: true });
  replaceWithSymlink(link, target);
}

/** Before an app directory goes, so the project is not left with a dangling link into it. */
export function unlinkPluginFromProject(appDir: string): void {
  const packageName = pluginPackageName();
  const link = projectPluginLink(packageName);
  if (isSymlinkTo(link, storedPluginDir(appDir, packageName))) rmSync(link, { force: true });
}

export function pluginPackageName(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const name = typeof pkg === 'object' && pkg !== null ? (pkg as Record<string, unknown>).name : undefined;
  if (typeof name !== 'string') throw new Error('package.json has no name');
  return name;
}

/** Swaps a link in one rename, so that nobody sees the path missing in between. */
function replaceWithSymlink(link: string, target: string): void {
  const temporary = `${link}.demo-${process.pid}`;
  rmSync(temporary, { force: true });
  symlinkSync(target, temporary, 'dir');
  renameSync(temporary, link);
}

/**
 * Every `nocobase-v1` command replaces `node_modules/.bin/tsx` with an absolute link through the app
 * directory (`genTsConfigPaths` in @nocobase/cli-v1). node_modules is the project's, so the project's
 * `tsx` would break as soon as the app directory is deleted: the relative link npm made is put back.
 */
export function restoreProjectTsxBin(): void {
  const bin = join(PROJECT_NODE_MODULES, '.bin', 'tsx');
  const wanted = '../tsx/dist/cli.mjs';
  try {
    if (readlinkSync(bin) === wanted) return;
  } catch {
    // Missing or not a link: recreated below.
  }
  const temporary = `${bin}.demo-${process.pid}`;
  rmSync(temporary, { force: true });
  symlinkSync(wanted, temporary, 'file');
  renameSync(temporary, bin);
}
