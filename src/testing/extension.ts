import { execFile, execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium, type Worker } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

/**
 * The browser extension loaded into Debian's Chromium, for the e2e suite and the bench (extension-tooling.md §5,
 * §6): its builds, a persistent context with it (a fresh profile, removed on close), its service worker and id,
 * and optionally a managed policy from a temporary directory that a private mount namespace puts over
 * /etc/chromium, so that no policy file is written on the machine.
 */

/** `npm run build:extension`'s unpacked output, relative to the project. */
export const STORE_BUILD_DIR = 'dist/extension';

/**
 * What the extension is built from: a build older than any of these is stale. The content script brings in the
 * browser core (src/sdk-shim) and what it shares (src/shared).
 */
const BUILD_INPUTS = [
  'manifest.json',
  'vite.config.ts',
  'package.json',
  '_locales',
  'scripts/build-extension.mts',
  'scripts/extension',
  'scripts/vite',
  'src/background',
  'src/content',
  'src/extension',
  'src/locale',
  'src/options',
  'src/popup',
  'src/sdk-shim',
  'src/shared',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Why the unpacked store build cannot be used as it is, or null when it is newer than everything it is built from. */
export function staleBuildReason(projectRoot: string): string | null {
  const manifest = join(projectRoot, STORE_BUILD_DIR, 'manifest.json');
  if (!existsSync(manifest)) return `${STORE_BUILD_DIR} is missing`;
  const built = statSync(manifest).mtimeMs;
  const newer = BUILD_INPUTS.find((input) => newestMtime(join(projectRoot, input)) > built);
  return newer ? `${newer} changed after ${STORE_BUILD_DIR} was built` : null;
}

/** The build script: `npm run build:extension`'s. */
const BUILD_SCRIPT = 'scripts/build-extension.mts';

/** `tsx <script> …` in a child process: vite and crxjs stay out of the test's own process. */
function runBuildScript(projectRoot: string, args: readonly string[], script = BUILD_SCRIPT): Promise<void> {
  const tsx = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [tsx, script, ...args],
      { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) fail(new Error(`tsx ${script} ${args.join(' ')} failed:\n${stderr || stdout}`));
        else done();
      },
    );
  });
}

/**
 * The store build in dist/extension, built again when it is missing or older than its sources: `npm test` and the
 * e2e global setup build it (`npm run build`), but a run against a demo already running (E2E_EXTERNAL_DEMO=1)
 * builds nothing. Answers its absolute path.
 */
export async function ensureStoreBuild(projectRoot: string, log: (line: string) => void = () => {}): Promise<string> {
  const reason = staleBuildReason(projectRoot);
  if (reason) {
    log(`building the extension: ${reason}`);
    await runBuildScript(projectRoot, []);
  }
  return resolve(projectRoot, STORE_BUILD_DIR);
}

/**
 * The IT build (`npm run build:extension -- --origin …`) in a new temporary directory, which the caller removes:
 * its origins are required host permissions, which Chrome grants to an unpacked extension without a prompt, so
 * tests need no click on a permission prompt (which no automation can give). `script`: another build script taking
 * the same `--origin` and `--out-dir` (a test's variant of the build).
 */
export async function buildPinnedExtension(
  projectRoot: string,
  origins: readonly string[],
  script = BUILD_SCRIPT,
): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'wecom-extension-it-'));
  try {
    const args = [...origins.flatMap((origin) => ['--origin', origin]), '--out-dir', outDir];
    await runBuildScript(projectRoot, args, script);
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
  return outDir;
}

/** The extension's configuration as IT sets it (`3rdparty.extensions.<id>`), before Chrome filters it by the schema. */
export type ExtensionPolicy = Record<string, unknown>;

let policyNamespaceChecked = false;

/**
 * A managed policy needs a private mount namespace, so root and util-linux's `unshare` (CI runs as root). Without
 * them the test fails saying so, rather than passing without its policy or writing to /etc/chromium.
 */
function assertPolicyNamespaceAvailable(wrapper: string): void {
  if (policyNamespaceChecked) return;
  try {
    accessSync(wrapper, constants.X_OK);
  } catch {
    throw new Error(`${wrapper} is missing or not executable (chmod +x it): it runs Chromium with a test policy`);
  }
  try {
    execFileSync('unshare', ['--mount', '--propagation', 'private', 'true'], { stdio: 'pipe' });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      'a managed-policy test needs a private mount namespace (`unshare --mount`, util-linux, as root), so that ' +
        `its policy file never lands in /etc/chromium; here it failed: ${why}`,
    );
  }
  policyNamespaceChecked = true;
}

export interface ExtensionLaunchOptions {
  /** The unpacked extension to load; none for a browser without it (the bench's baseline). */
  extensionDir?: string;
  /** The id Chrome gives it (from its manifest `key`): what a policy names, and what the worker must show. */
  extensionId?: string;
  /** IT's configuration of the extension; Chromium then starts through `policyWrapper`. */
  policy?: ExtensionPolicy;
  /** e2e/support/chromium-policy-ns.sh: Chromium in a mount namespace with the policy directory as /etc/chromium. */
  policyWrapper?: string;
  /** userAgent, locale, viewport… of the persistent context. */
  contextOptions?: BrowserContextOptions;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** Null when launched without the extension. */
  extensionId: string | null;
  /** The extension's service worker, waking it if Chrome stopped it. */
  serviceWorker(): Promise<Worker>;
  /** A `chrome-extension://<id>/<path>` URL of one of its pages. */
  pageUrl(path: string): string;
  /** Replaces the policy while the browser runs; Chromium reads it again within seconds (extension-tooling.md §6). */
  setPolicy(policy: ExtensionPolicy): void;
  /** Closes the browser and removes its profile and policy directories. */
  close(): Promise<void>;
}

function writePolicyFile(root: string, extensionId: string, policy: ExtensionPolicy): void {
  const directory = join(root, 'policies', 'managed');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'wecom-extension-test.json');
  // Written whole and renamed into place: Chromium may read the directory at any moment.
  writeFileSync(`${file}.tmp`, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }));
  renameSync(`${file}.tmp`, file);
}

/** A headless Chromium with a fresh profile and, when given, the extension (and its policy). */
export async function launchExtensionBrowser(options: ExtensionLaunchOptions = {}): Promise<ExtensionBrowser> {
  const { extensionDir, extensionId = null, policy, policyWrapper } = options;
  if (policy && (!extensionId || !policyWrapper)) throw new Error('a policy needs the extension id and the wrapper');
  if (policy && policyWrapper) assertPolicyNamespaceAvailable(policyWrapper);
  const profile = mkdtempSync(join(tmpdir(), 'wecom-extension-profile-'));
  const policyRoot = policy ? mkdtempSync(join(tmpdir(), 'wecom-extension-policy-')) : null;
  const cleanUp = (): void => {
    rmSync(profile, { recursive: true, force: true });
    if (policyRoot) rmSync(policyRoot, { recursive: true, force: true });
  };
  if (policyRoot && policy && extensionId) writePolicyFile(policyRoot, extensionId, policy);

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      ...options.contextOptions,
      headless: true,
      executablePath: policyRoot && policyWrapper ? policyWrapper : CHROMIUM_PATH,
      ...(policyRoot
        ? { env: { ...process.env, CHROMIUM_POLICY_ROOT: policyRoot, CHROMIUM_BINARY: CHROMIUM_PATH } }
        : {}),
      // Playwright passes --disable-extensions unless --disable-extensions-except names what to keep.
      args: extensionDir
        ? [...CHROMIUM_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
        : [...CHROMIUM_ARGS],
    });
  } catch (error) {
    cleanUp();
    throw error;
  }

  const workerPrefix = `chrome-extension://${extensionId ?? ''}`;
  const isOurs = (worker: Worker): boolean => worker.url().startsWith(workerPrefix);
  let found: string | null = null;
  async function serviceWorker(): Promise<Worker> {
    if (!extensionDir) throw new Error('launched without the extension');
    const running = context.serviceWorkers().find(isOurs);
    if (running) return running;
    const next = context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 30_000 });
    // Chrome stops an idle worker and starts it again for an event: opening one of the extension's pages is one.
    // At launch there is nothing to wake; the worker is still starting.
    if (found) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${found}/manifest.json`).catch(() => undefined);
      await page.close();
    }
    return next;
  }

  if (extensionDir) {
    try {
      const worker = await serviceWorker();
      found = new URL(worker.url()).host;
    } catch (error) {
      // Another id (a build without the development key) starts a worker that is not waited for.
      const workers = context.serviceWorkers().map((worker) => worker.url());
      await context.close().catch(() => undefined);
      cleanUp();
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(
        `no service worker of ${extensionId ?? 'the extension'} (${why}); workers: ${workers.join(', ')}`,
      );
    }
  }

  return {
    context,
    extensionId: found,
    serviceWorker,
    pageUrl: (path) => `chrome-extension://${found ?? ''}/${path.replace(/^\//, '')}`,
    setPolicy(next) {
      if (!policyRoot || !extensionId) throw new Error('launched without a policy: give one at launch to change it');
      writePolicyFile(policyRoot, extensionId, next);
    },
    async close() {
      try {
        await context.close();
      } finally {
        cleanUp();
      }
    },
  };
}

/** The content script's registration, as the service worker made it (src/background/content-scripts.ts). */
export interface RegisteredContentScript {
  id: string;
  matches: string[];
  js: string[];
}

export async function registeredContentScripts(worker: Worker): Promise<RegisteredContentScript[]> {
  return worker.evaluate(async () =>
    (await chrome.scripting.getRegisteredContentScripts()).map((script) => ({
      id: script.id,
      matches: script.matches ?? [],
      js: script.js ?? [],
    })),
  );
}

/**
 * Waits until the content script is registered for `origin`: the worker registers it after its first
 * configuration read, which takes seconds in a fresh profile (the managed area's first read), and a page loaded
 * before that has no content script until it is reloaded.
 */
export async function waitForContentScript(
  browser: ExtensionBrowser,
  origin: string,
  timeoutMs = 20_000,
): Promise<void> {
  const pattern = `${origin}/*`;
  const deadline = Date.now() + timeoutMs;
  let last: RegisteredContentScript[] = [];
  while (Date.now() < deadline) {
    last = await registeredContentScripts(await browser.serviceWorker());
    if (last.some((script) => script.matches.includes(pattern))) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`no content script registered for ${origin} after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}
