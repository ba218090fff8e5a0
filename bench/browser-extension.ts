import { rmSync } from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import { DEVELOPMENT_EXTENSION_ID } from '../scripts/extension/extension-id.ts';
import { DESKTOP_USER_AGENT } from '../src/testing/chromium.ts';
import {
  buildPinnedExtension,
  type ExtensionBrowser,
  launchExtensionBrowser,
  waitForContentScript,
} from '../src/testing/extension.ts';
import { progress } from './progress.ts';
import { median, round } from './stats.ts';

/**
 * What the browser extension costs NocoBase's sign-in page: `/signin` loaded in a desktop Chromium with the
 * extension (the IT build pinned to the app's origin, so its content script runs there without a prompt) and
 * without any, in fresh browsers, interleaved; the time until NocoBase's sign-in form is shown, on the first load
 * (empty cache) and on a reload (warm cache).
 */

export const SIGN_IN_PATH = '/signin';
/** NocoBase's password field: its sign-in form is shown once this is visible. */
export const FORM_SELECTOR = 'form input[type="password"]';
/** After the browser is ready (and, with the extension, its content script registered), before the load. */
const SETTLE_MS = 250;

export type ExtensionRunKind = 'without' | 'with';

export interface LoadTimes {
  /** Navigation start → form shown, empty cache (a fresh profile). */
  coldMs: number;
  /** The same after a reload. */
  warmMs: number;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export interface ExtensionCost {
  settings: {
    runs: number;
    page: string;
    shownWhen: string;
    userAgent: string;
    build: string;
  };
  without: { cold: Spread; warm: Spread };
  with: { cold: Spread; warm: Spread };
  /** Median with ÷ median without. */
  ratio: { cold: number; warm: number };
  /** Runs with the extension in which its content script answered in the tab (it must, every time). */
  contentScriptAnswered: number;
  durationSeconds: number;
}

declare global {
  interface Window {
    __wecomBenchFormShown?: number;
  }
}

/**
 * In every document of the app's origin, before NocoBase's scripts: on each animation frame, whether the password
 * field is visible; the first such frame's time from navigation start is kept. A plain string, as in
 * browser-silent.ts: functions compiled by tsx may carry its helpers.
 */
function probeScript(appOrigin: string): string {
  const config = JSON.stringify({ appOrigin, selector: FORM_SELECTOR });
  return `(() => {
  const config = ${config};
  if (window.top !== window || location.origin !== config.appOrigin) return;
  const check = () => {
    if (window.__wecomBenchFormShown !== undefined) return;
    const element = document.querySelector(config.selector);
    const box = element ? element.getBoundingClientRect() : null;
    if (element && box && box.width > 0 && box.height > 0 &&
        element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
      window.__wecomBenchFormShown = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;
}

async function waitForForm(page: Page, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const shown = await page.evaluate('window.__wecomBenchFormShown ?? null').catch(() => null);
    if (typeof shown === 'number') return shown;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`NocoBase's sign-in form was not shown within ${timeoutMs / 1000} s at ${page.url()}`);
}

/** The content script's answer in the active tab, asked by the service worker (a string: see probeScript). */
async function contentScriptAnswers(worker: Worker): Promise<boolean> {
  const answer = await worker.evaluate(`(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    try {
      const reply = await chrome.tabs.sendMessage(tab.id, { type: 'content:state' });
      return Boolean(reply && reply.ok);
    } catch (error) {
      return false;
    }
  })()`);
  return answer === true;
}

class ExtensionCostRunner {
  constructor(
    private readonly appUrl: string,
    private readonly extensionDir: string,
  ) {}

  async run(kind: ExtensionRunKind): Promise<LoadTimes & { answered: boolean }> {
    const contextOptions = { userAgent: DESKTOP_USER_AGENT, locale: 'en-US', viewport: { width: 1280, height: 800 } };
    const browser: ExtensionBrowser = await launchExtensionBrowser(
      kind === 'with'
        ? { extensionDir: this.extensionDir, extensionId: DEVELOPMENT_EXTENSION_ID, contextOptions }
        : { contextOptions },
    );
    try {
      if (kind === 'with') await waitForContentScript(browser, new URL(this.appUrl).origin, 30_000);
      await browser.context.addInitScript({ content: probeScript(new URL(this.appUrl).origin) });
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await new Promise((done) => setTimeout(done, SETTLE_MS));
      await page.goto(`${this.appUrl}${SIGN_IN_PATH}`, { waitUntil: 'commit' });
      const coldMs = await waitForForm(page);
      await page.reload({ waitUntil: 'commit' });
      const warmMs = await waitForForm(page);
      const answered = kind === 'with' ? await contentScriptAnswers(await browser.serviceWorker()) : false;
      return { coldMs, warmMs, answered };
    } finally {
      await browser.close();
    }
  }
}

function spread(values: number[]): Spread {
  const runs = values.map((value) => round(value, 1));
  return { median: round(median(runs), 1), min: Math.min(...runs), max: Math.max(...runs), runs };
}

/**
 * `runs` timed runs of each kind after one untimed of each, alternating which goes first (ABBA), so that drift on
 * a shared machine hits both alike. Builds the IT extension for `appUrl` into a temporary directory first.
 */
export async function measureExtensionCost(projectRoot: string, appUrl: string, runs: number): Promise<ExtensionCost> {
  const started = Date.now();
  const origin = new URL(appUrl).origin;
  progress(`extension: building the IT build pinned to ${origin}`);
  const extensionDir = await buildPinnedExtension(projectRoot, [origin]);
  try {
    const runner = new ExtensionCostRunner(appUrl, extensionDir);
    const times: Record<ExtensionRunKind, LoadTimes[]> = { without: [], with: [] };
    let answered = 0;
    for (const kind of ['without', 'with'] as const) {
      const warm = await runner.run(kind);
      progress(
        `extension warm-up ${kind.padEnd(7)} cold ${(warm.coldMs / 1000).toFixed(2)} s, reload ${(warm.warmMs / 1000).toFixed(2)} s`,
      );
    }
    for (let index = 0; index < runs; index++) {
      const order: ExtensionRunKind[] = index % 2 === 0 ? ['without', 'with'] : ['with', 'without'];
      for (const kind of order) {
        const run = await runner.run(kind);
        times[kind].push(run);
        if (run.answered) answered++;
        progress(
          `extension run ${index + 1}/${runs} ${kind.padEnd(7)} cold ${(run.coldMs / 1000).toFixed(2)} s, ` +
            `reload ${(run.warmMs / 1000).toFixed(2)} s${kind === 'with' ? `, content script ${run.answered ? 'answered' : 'DID NOT answer'}` : ''}`,
        );
      }
    }
    const summary = (kind: ExtensionRunKind) => ({
      cold: spread(times[kind].map((run) => run.coldMs)),
      warm: spread(times[kind].map((run) => run.warmMs)),
    });
    const without = summary('without');
    const withExtension = summary('with');
    return {
      settings: {
        runs,
        page: SIGN_IN_PATH,
        shownWhen: `NocoBase’s password field (\`${FORM_SELECTOR}\`) is visible, checked on every animation frame from the document’s start`,
        userAgent: DESKTOP_USER_AGENT,
        build: `the IT build pinned to ${origin} (its content script registered before the load), no auto-start`,
      },
      without,
      with: withExtension,
      ratio: {
        cold: round(withExtension.cold.median / without.cold.median, 2),
        warm: round(withExtension.warm.median / without.warm.median, 2),
      },
      contentScriptAnswered: answered,
      durationSeconds: round((Date.now() - started) / 1000, 1),
    };
  } finally {
    rmSync(extensionDir, { recursive: true, force: true });
  }
}
