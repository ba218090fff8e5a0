import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import { DEMO_WECOM_APP } from '../../scripts/demo/index.ts';
import { DEVELOPMENT_EXTENSION_ID } from '../../scripts/extension/extension-id.ts';
import { ENTRY_TEST_IDS } from '../../src/content/entry.ts';
import { HOST_ATTRIBUTE, PLACEMENT_ATTRIBUTE } from '../../src/content/placement.ts';
import { DESKTOP_USER_AGENT } from '../../src/testing/chromium.ts';
import {
  buildPinnedExtension,
  type ExtensionBrowser,
  type ExtensionPolicy,
  ensureStoreBuild,
  launchExtensionBrowser,
} from '../../src/testing/extension.ts';
import { test as base, expect } from '../fixtures.ts';
import { recordResponseBodies } from './responses.ts';

export { expect };

// __dirname, not import.meta.url: Playwright compiles this project's TypeScript to CommonJS (see project-links.ts).
const PROJECT_ROOT = resolve(__dirname, '../..');
/** Runs Chromium in a private mount namespace whose /etc/chromium is the test's policy directory. */
const POLICY_WRAPPER = join(__dirname, 'chromium-policy-ns.sh');
const MIGRATION_BUILD_SCRIPT = 'e2e/support/build-migration-extension.mts';

/** The extension's pages, as its manifest names them. */
export const OPTIONS_PATH = 'src/options/index.html';
export const POPUP_PATH = 'src/popup/index.html';

/** How the tests find the content script's entry on NocoBase's sign-in page (src/content/entry.ts, placement.ts). */
export const ENTRY = {
  host: `[${HOST_ATTRIBUTE}]`,
  placementAttribute: PLACEMENT_ATTRIBUTE,
  ...ENTRY_TEST_IDS,
} as const;

/**
 * NocoBase's pages without this plugin's client (both shells), as on a NocoBase whose pages do not load it: the
 * plugin's own "Sign in with WeCom" is then missing, which is where the extension adds its entry. The server side
 * stays, so a sign-in still works. Each client is replaced by an empty NocoBase plugin, so NocoBase loads as usual.
 */
export async function stubPluginClient(context: BrowserContext): Promise<void> {
  await context.route(/\/static\/plugins\/@open-wecom\/plugin-auth-wecom\/dist\/client(-v2)?\/index\.js/, (route) => {
    const client = route.request().url().includes('/client-v2/') ? '@nocobase/client-v2' : '@nocobase/client';
    return route.fulfill({
      contentType: 'application/javascript',
      body: `define(['exports', '${client}'], function (e, c) { e.default = class extends c.Plugin {}; });`,
    });
  });
}

export interface ExtensionBuilds {
  /** dist/extension: no host access at install, each site asked for (optional host permissions). */
  store: string;
  /** The IT build pinned to the demo app's origin: host access to it without a prompt. */
  it: string;
}

export interface LaunchOptions {
  /** One of the run's builds, or another unpacked directory (`migrationBuild`). */
  build: keyof ExtensionBuilds | { directory: string };
  /** IT's configuration of the extension, through the managed policy (chrome.storage.managed). */
  policy?: ExtensionPolicy;
  contextOptions?: BrowserContextOptions;
}

interface WorkerFixtures {
  extensionBuilds: ExtensionBuilds;
  /** The IT build with a made-up migration of the stored configuration (support/build-migration-extension.mts). */
  migrationBuild: string;
}

interface TestFixtures {
  /** A Chromium with the extension and a fresh profile; closed, its directories removed, after the test. */
  launchExtension(options: LaunchOptions): Promise<ExtensionBrowser>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  extensionBuilds: [
    async ({ demo }, use) => {
      const store = await ensureStoreBuild(PROJECT_ROOT, (line) => console.log(`[extension] ${line}`));
      const it = await buildPinnedExtension(PROJECT_ROOT, [demo.appUrl]);
      await use({ store, it });
      rmSync(it, { recursive: true, force: true });
    },
    // A build takes a few seconds, twice as long on a busy machine; the first one may be the store build too.
    { scope: 'worker', timeout: 120_000 },
  ],

  migrationBuild: [
    async ({ demo }, use) => {
      const directory = await buildPinnedExtension(PROJECT_ROOT, [demo.appUrl], MIGRATION_BUILD_SCRIPT);
      await use(directory);
      rmSync(directory, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],

  launchExtension: async ({ extensionBuilds }, use) => {
    const launched: Array<{ browser: ExtensionBrowser; leaks: () => Promise<string[]> }> = [];
    await use(async ({ build, policy, contextOptions }) => {
      const browser = await launchExtensionBrowser({
        extensionDir: typeof build === 'string' ? extensionBuilds[build] : build.directory,
        extensionId: DEVELOPMENT_EXTENSION_ID,
        ...(policy ? { policy, policyWrapper: POLICY_WRAPPER } : {}),
        contextOptions: { userAgent: DESKTOP_USER_AGENT, locale: 'en-US', ...contextOptions },
      });
      const responses = recordResponseBodies(browser.context);
      launched.push({ browser, leaks: () => responses.containing(DEMO_WECOM_APP.secret) });
      return browser;
    });
    // As for every other browser of the suite: the demo authenticator's secret never reached this one either.
    for (const { browser, leaks } of launched) {
      const found = await leaks();
      await browser.close();
      expect(found, 'responses that carried the secret').toEqual([]);
    }
  },
});

interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const EN_MESSAGES: Record<string, LocaleMessage> = JSON.parse(
  readFileSync(join(PROJECT_ROOT, '_locales', 'en', 'messages.json'), 'utf8'),
);

/**
 * A message of the extension in English, as `chrome.i18n.getMessage` renders it (named placeholders whose content
 * is `$1`…`$9`), so that a test asserts what the person reads without restating the wording.
 */
export function enMessage(key: string, substitutions: readonly string[] = []): string {
  const entry = EN_MESSAGES[key];
  if (!entry) throw new Error(`_locales/en/messages.json has no ${key}`);
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_dollar, index: string) => substitutions[Number(index) - 1] ?? '');
  });
}

/**
 * The id Chrome gives `page`'s tab, asked of the worker: without the `tabs` permission it sees no URL or title of
 * a tab it has no access to, so the tab is found as the active one of the window once `page` is brought to front.
 */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  const worker = await browser.serviceWorker();
  const ids = await worker.evaluate(async () =>
    (await chrome.tabs.query({ active: true, lastFocusedWindow: true })).map((tab) => tab.id ?? -1),
  );
  const [id] = ids;
  if (ids.length !== 1 || id === undefined || id < 0) throw new Error(`no single active tab: ${JSON.stringify(ids)}`);
  return id;
}

/** What the extension can do in `page`'s tab, asked of its service worker. */
export interface TabReach {
  /** The tab's URL as the extension sees it: undefined without host access (and without activeTab). */
  url: string | undefined;
  /** The content script's answer to `content:state`, or Chrome's error when there is none in the tab. */
  contentScript: { answered: true; reply: unknown } | { answered: false; error: string };
  /** Whether `chrome.scripting.executeScript` may run in it, or Chrome's refusal. */
  script: { ran: true } | { ran: false; error: string };
}

export async function tabReach(browser: ExtensionBrowser, page: Page): Promise<TabReach> {
  const tabId = await tabIdOf(browser, page);
  const worker = await browser.serviceWorker();
  return worker.evaluate(async (id): Promise<TabReach> => {
    const { url } = await chrome.tabs.get(id);
    let contentScript: TabReach['contentScript'];
    try {
      contentScript = { answered: true, reply: await chrome.tabs.sendMessage(id, { type: 'content:state' }) };
    } catch (error) {
      contentScript = { answered: false, error: String(error) };
    }
    let script: TabReach['script'];
    try {
      await chrome.scripting.executeScript({ target: { tabId: id }, func: () => document.title });
      script = { ran: true };
    } catch (error) {
      script = { ran: false, error: String(error) };
    }
    return { url, contentScript, script };
  }, tabId);
}

/**
 * The popup as Chrome shows it over `page`: Playwright cannot click the toolbar button, so the popup's page is
 * opened in a tab of the same window and reloaded once `page` is the active tab, which is the tab a popup asks
 * about (`chrome.tabs.query({ active: true, currentWindow: true })`). Chrome grants no activeTab this way.
 */
export async function popupOver(browser: ExtensionBrowser, page: Page): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.goto(browser.pageUrl(POPUP_PATH));
  await page.bringToFront();
  await popup.reload();
  await expect(popup.locator('.tab-line')).toBeVisible();
  return popup;
}

/** Opens the options page and waits until it shows the configuration (or its absence). */
export async function openOptions(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(browser.pageUrl(OPTIONS_PATH));
  // The first configuration read of a fresh profile waits seconds for the managed area (extension-tooling.md §6).
  await expect(
    page
      .locator('li.origin')
      .or(page.getByText(enMessage('options_empty')))
      .first(),
  ).toBeVisible();
  return page;
}

/** What the extension keeps in chrome.storage.sync under its key, read by its service worker. */
export async function storedConfig(browser: ExtensionBrowser): Promise<unknown> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(async () => (await chrome.storage.sync.get('config')).config);
}

/** Writes chrome.storage.sync as another browser of the person's (or an older release) would have. */
export async function seedStoredConfig(browser: ExtensionBrowser, value: unknown): Promise<void> {
  const worker = await browser.serviceWorker();
  await worker.evaluate(async (config) => chrome.storage.sync.set({ config }), value);
}
