import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { SANDBOX_SESSION_COOKIE } from '../src/sandbox/index.ts';
import { WECOM_USER_AGENTS } from '../src/sdk-shim/user-agents.fixture.ts';

import { PHONE_VIEWPORT } from '../src/testing/chromium.ts';

export { CHROMIUM_ARGS, CHROMIUM_PATH, PHONE_VIEWPORT } from '../src/testing/chromium.ts';

/** The WeCom iOS app on an iPhone 14's CSS viewport. */
export const WECOM_IOS_USER_AGENT = WECOM_USER_AGENTS.ios;

/**
 * NocoBase's admin layout header (antd Pro layout), rendered only once NocoBase accepted the session: without
 * one its client goes to /signin instead. The same element in both runs, whatever the page's own content.
 */
export const SHOWN_SELECTOR = 'header.ant-pro-layout-header';
/** NocoBase's sign-in form (its password field), which neither kind of run may show on the way. */
export const SIGN_IN_FORM_SELECTOR = 'form input[type="password"]';

/** Where a run starts: the page the member opened, on the NocoBase origin. */
export interface Target {
  appUrl: string;
  sandboxUrl: string;
  /** Path and query, e.g. `/admin?bench=1`. */
  deepLink: string;
  /** Who is signed in to the simulated WeCom client (the sandbox's session cookie). */
  weComUser: string;
  /** The WeCom authenticator's name, which NocoBase keeps beside the token (NOCOBASE_AUTH). */
  authenticator: string;
}

export type RunKind = 'silent' | 'with-session';

/** One main-frame navigation request; a redirect chain is one request per hop. */
export interface NavigationHop {
  url: string;
  status: number | null;
}

/** Milliseconds, all from the in-page clock (performance.timeOrigin), so no CDP round trip is in them. */
export interface RunTiming {
  /** Navigation start of the deep link → the signed-in page shown. */
  totalMs: number;
  /** Navigation start of the deep link → navigation start of the last document (the plugin sent the page away). */
  firstDocumentMs: number;
  /** Navigation start of the last document → its first response byte: the redirect chain through WeCom and back. */
  lastDocumentResponseMs: number;
  /** First response byte of the last document → shown: NocoBase's client loading, checking the token, rendering. */
  lastDocumentRenderMs: number;
}

export interface RunResult {
  kind: RunKind;
  timing: RunTiming;
  /** Documents the main frame loaded on the NocoBase origin (counted in the page). */
  appDocuments: number;
  /** Main-frame navigation requests, redirect hops included, in order. */
  navigations: NavigationHop[];
  /** URLs the main frame committed to, same-document changes (history API) included. */
  committed: string[];
  /** Every request of the page, and their encoded response bodies. */
  requests: number;
  transferredBytes: number;
  /** The session the page ended with. */
  token: string;
  /** A document of the run was on NocoBase's sign-in page or showed its form, however briefly. */
  signInShown: boolean;
}

interface ProbeResult {
  shownAt: number;
  firstTimeOrigin: number;
  timeOrigin: number;
  responseStart: number;
  appDocuments: number;
  token: string;
  signInSeen: boolean;
}

declare global {
  interface Window {
    __wecomBenchShown?: ProbeResult;
  }
}

/**
 * Runs in every document before NocoBase's own scripts. On the NocoBase origin it counts documents (in
 * sessionStorage, which survives the trip through WeCom), keeps the first document's navigation start, and
 * checks on every animation frame whether the signed-in page is shown: the URL is the deep link again (no
 * `token`, NocoBase took it out), NOCOBASE_TOKEN is stored, and the layout header is visible. The first frame
 * where all three hold is the end time. On every frame until then it also notes (for the whole run) whether the
 * page is NocoBase's sign-in page or shows its form. A plain string: functions that tsx compiled can carry its
 * helpers.
 */
function probeScript(appOrigin: string, deepLink: string): string {
  const config = JSON.stringify({ appOrigin, deepLink, selector: SHOWN_SELECTOR, signIn: SIGN_IN_FORM_SELECTOR });
  return `(() => {
  const config = ${config};
  if (window.top !== window || location.origin !== config.appOrigin) return;
  const KEY = 'wecom-bench';
  let state;
  try { state = JSON.parse(sessionStorage.getItem(KEY) || 'null'); } catch (e) { state = null; }
  state = state || { firstTimeOrigin: performance.timeOrigin, documents: 0, signInSeen: false };
  state.documents += 1;
  sessionStorage.setItem(KEY, JSON.stringify(state));
  const check = () => {
    if (window.__wecomBenchShown) return;
    const shownAt = performance.timeOrigin + performance.now();
    const onSignIn = location.pathname.endsWith('/signin') || location.pathname.endsWith('/signin/');
    if (!state.signInSeen && (onSignIn || document.querySelector(config.signIn))) {
      state.signInSeen = true;
      sessionStorage.setItem(KEY, JSON.stringify(state));
    }
    const token = localStorage.getItem('NOCOBASE_TOKEN');
    const element = document.querySelector(config.selector);
    const box = element ? element.getBoundingClientRect() : null;
    const visible = !!element && !!box && box.width > 0 && box.height > 0 &&
      element.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    if (location.pathname + location.search === config.deepLink && token && visible) {
      const entry = performance.getEntriesByType('navigation')[0];
      window.__wecomBenchShown = {
        shownAt,
        firstTimeOrigin: state.firstTimeOrigin,
        timeOrigin: performance.timeOrigin,
        responseStart: entry ? entry.responseStart : 0,
        appDocuments: state.documents,
        token,
        signInSeen: state.signInSeen,
      };
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;
}

/** Records where the main frame goes: navigation requests (with their status) and committed URLs. */
function recordTraffic(page: Page): { hops: Map<Request, NavigationHop>; committed: string[]; all: Request[] } {
  const hops = new Map<Request, NavigationHop>();
  const committed: string[] = [];
  const all: Request[] = [];
  page.on('request', (request) => {
    all.push(request);
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      hops.set(request, { url: request.url(), status: null });
    }
  });
  page.on('response', (response) => {
    const hop = hops.get(response.request());
    if (hop) hop.status = response.status();
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) committed.push(frame.url());
  });
  return { hops, committed, all };
}

async function transferred(requests: Request[]): Promise<number> {
  // Requests still in flight or failed (e.g. aborted by the navigation) have no sizes.
  const sizes = await Promise.all(requests.map((request) => request.sizes().catch(() => null)));
  return sizes.reduce((bytes, size) => bytes + Math.max(0, size?.responseBodySize ?? 0), 0);
}

async function waitForShown(page: Page, timeoutMs: number): Promise<ProbeResult> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Between documents the evaluation fails; the next poll reaches the new one.
    const result = await page.evaluate(() => window.__wecomBenchShown ?? null).catch(() => null);
    if (result) return result;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the signed-in page was not shown within ${timeoutMs / 1000} s; last URL ${page.url()}`);
}

/** A same-origin document served by the browser itself, where the next run's NocoBase session is set up. */
const BLANK_PATH = '/__wecom-bench-blank';

/**
 * One WeCom iOS webview: a browser context with the app's user agent, a phone viewport and the member signed in
 * to WeCom (the sandbox's session cookie). Each run opens the deep link in a new tab; the HTTP cache is the
 * context's, so a context used for several runs measures pages loaded from a warm cache.
 */
export class WeComWebview {
  private constructor(
    private readonly context: BrowserContext,
    private readonly target: Target,
  ) {}

  static async open(browser: Browser, target: Target): Promise<WeComWebview> {
    const context = await browser.newContext({
      userAgent: WECOM_IOS_USER_AGENT,
      viewport: PHONE_VIEWPORT,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 3,
      locale: 'en-US',
    });
    await context.addInitScript({ content: probeScript(new URL(target.appUrl).origin, target.deepLink) });
    return new WeComWebview(context, target);
  }

  /**
   * Cookies: only WeCom's session (NocoBase's browser-binding cookie of an earlier sign-in goes). localStorage:
   * empty, or NocoBase's session when `sessionToken` is given, as NocoBase's client stores it after a sign-in.
   */
  private async resetSession(sessionToken: string | null): Promise<void> {
    const { appUrl, sandboxUrl, weComUser, authenticator } = this.target;
    await this.context.clearCookies();
    await this.context.addCookies([{ name: SANDBOX_SESSION_COOKIE, value: weComUser, url: sandboxUrl }]);
    const page = await this.context.newPage();
    try {
      await page.route(`${appUrl}${BLANK_PATH}`, (route) => route.fulfill({ contentType: 'text/html', body: '' }));
      await page.goto(`${appUrl}${BLANK_PATH}`);
      await page.evaluate(
        ({ token, name }) => {
          window.localStorage.clear();
          if (token) {
            window.localStorage.setItem('NOCOBASE_TOKEN', token);
            window.localStorage.setItem('NOCOBASE_AUTH', name);
          }
        },
        { token: sessionToken, name: authenticator },
      );
    } finally {
      await page.close();
    }
  }

  /**
   * Opens the deep link in a new tab and waits for the signed-in page. `silent`: no NocoBase session, so the
   * plugin sends the page through WeCom; `with-session`: the token is stored before the load.
   */
  async run(kind: RunKind, sessionToken: string | null, timeoutMs = 120_000): Promise<RunResult> {
    if (kind === 'with-session' && !sessionToken) throw new Error('a with-session run needs a token');
    await this.resetSession(kind === 'with-session' ? sessionToken : null);
    const page = await this.context.newPage();
    try {
      const traffic = recordTraffic(page);
      await page.goto(`${this.target.appUrl}${this.target.deepLink}`, { waitUntil: 'commit' });
      const shown = await waitForShown(page, timeoutMs);
      const lastResponseAt = shown.timeOrigin + shown.responseStart;
      return {
        kind,
        timing: {
          totalMs: shown.shownAt - shown.firstTimeOrigin,
          firstDocumentMs: shown.timeOrigin - shown.firstTimeOrigin,
          lastDocumentResponseMs: shown.responseStart,
          lastDocumentRenderMs: shown.shownAt - lastResponseAt,
        },
        appDocuments: shown.appDocuments,
        navigations: [...traffic.hops.values()],
        committed: [...traffic.committed],
        requests: traffic.all.length,
        transferredBytes: await transferred(traffic.all),
        token: shown.token,
        signInShown: shown.signInSeen || traffic.committed.some((url) => /\/signin\/?$/.test(new URL(url).pathname)),
      };
    } finally {
      await page.close();
    }
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
