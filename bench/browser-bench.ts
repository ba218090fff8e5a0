import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { type Browser, chromium } from 'playwright-core';
import { DEMO_PEOPLE, type StartedDemo, startDemo } from '../scripts/demo/index.ts';
import { decodeLandingSession } from '../src/shared/session-fragment.ts';
import { HttpBrowser } from '../src/testing/http-browser.ts';
import { whoIs } from '../src/testing/nocobase-api.ts';
import { type ExtensionCost, measureExtensionCost } from './browser-extension.ts';
import { type BrowserResults, type RouteHop, type RunKindSummary, renderBrowserMarkdown } from './browser-report.ts';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  PHONE_VIEWPORT,
  type RunKind,
  type RunResult,
  SHOWN_SELECTOR,
  type Target,
  WECOM_IOS_USER_AGENT,
  WeComWebview,
} from './browser-silent.ts';
import { measureBundleSizes } from './bundle-sizes.ts';
import { type CallSplit, describeApiCalls, splitCalls } from './call-counts.ts';
import type { BenchOptions } from './options.ts';
import { progress } from './progress.ts';
import { describeMachine } from './report.ts';
import { writeResults } from './results-file.ts';
import { median, round } from './stats.ts';

/** Apart from `npm run demo` (13000/8787) and the e2e suite (13100/8797), so they can run at once. */
const DEMO = { appDir: '.demo/bench', appPort: 13400, sandboxPort: 8810 } as const;
/** A page of NocoBase's admin with a query, so that "back on the deep link" is more than the default page. */
const DEEP_LINK = '/admin?bench=deep-link';
/** 赵六, already linked to Zhao Liu by the demo: signs in silently. */
const MEMBER_ID = 'zhaoliu';
/** The sandbox's in-client authorize page: one per trip to WeCom. */
const AUTHORIZE_PATH = '/connect/oauth2/authorize';

function linkedMember(): { userid: string; nickname: string; label: string } {
  const person = DEMO_PEOPLE.find((candidate) => candidate.member.userid === MEMBER_ID);
  if (!person?.user || !person.preBound) throw new Error(`the demo no longer has ${MEMBER_ID} as a linked member`);
  return {
    userid: MEMBER_ID,
    nickname: person.user.nickname,
    label: `${person.member.name} \`${MEMBER_ID}\``,
  };
}

/** A main-frame URL as a route step: the query reduced to names, but for the deep link's own and a telling few. */
function routeHop(url: string, status: number | null, target: Target): RouteHop {
  const parsed = new URL(url);
  const deepLink = new URL(target.deepLink, target.appUrl);
  const keep = new Set(['scope', 'authenticator']);
  if (parsed.pathname === deepLink.pathname) for (const key of deepLink.searchParams.keys()) keep.add(key);
  const query = [...parsed.searchParams]
    .map(([key, value]) => (keep.has(key) ? `${key}=${encodeURIComponent(value)}` : key))
    .join('&');
  const host =
    parsed.origin === new URL(target.appUrl).origin
      ? 'NocoBase'
      : parsed.origin === new URL(target.sandboxUrl).origin
        ? 'WeCom (sandbox)'
        : parsed.host;
  // A redirect without a fragment keeps the one of the URL it came from, so the hash is shown where there is one;
  // a landing's session fragment by its keys only, as the queries are, so no token ends up in the report.
  const session = decodeLandingSession(parsed.hash);
  const hash = session
    ? `#wecom-session:token&authenticator&nonce&hash${session.hash ? `=${session.hash}` : ''}`
    : parsed.hash;
  return { host, path: `${parsed.pathname}${query ? `?${query}` : ''}${hash}`, status };
}

function routeOf(run: RunResult, target: Target): RouteHop[] {
  return run.navigations.map((hop) => routeHop(hop.url, hop.status, target));
}

function sameCalls(a: CallSplit, b: CallSplit): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function summarise(runs: RunResult[]): RunKindSummary {
  const totals = runs.map((run) => round(run.timing.totalMs, 1));
  const medianOf = (pick: (run: RunResult) => number, digits = 1): number => round(median(runs.map(pick)), digits);
  return {
    totalMs: { median: round(median(totals), 1), min: Math.min(...totals), max: Math.max(...totals), runs: totals },
    firstDocumentMs: medianOf((run) => run.timing.firstDocumentMs),
    lastDocumentResponseMs: medianOf((run) => run.timing.lastDocumentResponseMs),
    lastDocumentRenderMs: medianOf((run) => run.timing.lastDocumentRenderMs),
    documents: medianOf((run) => run.appDocuments, 0),
    requests: medianOf((run) => run.requests, 0),
    transferredKiB: medianOf((run) => run.transferredBytes / 1024),
  };
}

interface Timed {
  run: RunResult;
  calls: CallSplit | null;
}

/** The pieces a run needs: the browser, the demo, where to go, and who must end up signed in. */
class Runner {
  constructor(
    private readonly browser: Browser,
    private readonly demo: StartedDemo,
    readonly target: Target,
    private readonly nickname: string,
  ) {}

  /** A token of the member, from a sign-in over HTTP (not timed), for the with-session runs. */
  private async sessionToken(): Promise<string> {
    const signIn = await new HttpBrowser(this.demo.appUrl, WECOM_IOS_USER_AGENT, this.target.weComUser).signIn(
      this.demo.authenticator,
    );
    if (!signIn.token) throw new Error(`the HTTP sign-in of ${this.target.weComUser} failed: ${signIn.landed.href}`);
    return signIn.token;
  }

  /** One run in a fresh webview; for a silent run, the sandbox's counters of exactly that sign-in. */
  async run(kind: RunKind): Promise<Timed> {
    const token = kind === 'with-session' ? await this.sessionToken() : null;
    const control = this.demo.sandbox.control;
    if (kind === 'silent') await control.resetCalls();
    const webview = await WeComWebview.open(this.browser, this.target);
    let run: RunResult;
    try {
      run = await webview.run(kind, token);
    } finally {
      await webview.close();
    }
    const calls = kind === 'silent' ? splitCalls(await control.calls()) : null;
    await this.check(run);
    return { run, calls };
  }

  /** The page's token must be the member's, as NocoBase itself says (auth:check). */
  private async check(run: RunResult): Promise<void> {
    const who = await whoIs(this.demo.appUrl, run.token, this.demo.authenticator);
    if (who.status !== 200 || who.user?.nickname !== this.nickname) {
      throw new Error(
        `${run.kind}: the page's token is not ${this.nickname}'s (auth:check ${who.status}, ${who.user?.nickname})`,
      );
    }
    const authorizeHops = run.navigations.filter((hop) => new URL(hop.url).pathname === AUTHORIZE_PATH).length;
    const expected = run.kind === 'silent' ? 1 : 0;
    if (authorizeHops !== expected) {
      throw new Error(`${run.kind}: went to WeCom ${authorizeHops} times, expected ${expected}`);
    }
  }
}

function describeRun(index: number, runs: number, { run, calls }: Timed): string {
  const t = run.timing;
  const phases =
    run.kind === 'silent'
      ? `first document ${(t.firstDocumentMs / 1000).toFixed(2)} s, to landing HTML ${(t.lastDocumentResponseMs / 1000).toFixed(2)} s, ` +
        `landing → shown ${(t.lastDocumentRenderMs / 1000).toFixed(2)} s`
      : `HTML ${(t.lastDocumentResponseMs / 1000).toFixed(2)} s, → shown ${(t.lastDocumentRenderMs / 1000).toFixed(2)} s`;
  const weCom = calls ? `, WeCom: ${describeApiCalls(calls.api)}` : '';
  const signIn = run.signInShown ? '; SHOWED THE SIGN-IN PAGE' : '';
  return (
    `run ${index + 1}/${runs} ${run.kind.padEnd(12)} ${(t.totalMs / 1000).toFixed(2).padStart(6)} s  (${phases}; ` +
    `${run.appDocuments} document(s), ${run.navigations.length} navigation request(s), ${run.requests} requests${weCom}${signIn})`
  );
}

/** Silent and with-session alternate, and which goes first alternates too (ABBA), so drift hits both alike. */
async function measure(runner: Runner, runs: number): Promise<{ silent: Timed[]; withSession: Timed[] }> {
  const silent: Timed[] = [];
  const withSession: Timed[] = [];
  for (let index = 0; index < runs; index++) {
    const order: RunKind[] = index % 2 === 0 ? ['silent', 'with-session'] : ['with-session', 'silent'];
    for (const kind of order) {
      const timed = await runner.run(kind);
      (kind === 'silent' ? silent : withSession).push(timed);
      progress(describeRun(index, runs, timed));
    }
  }
  return { silent, withSession };
}

function pageLoads(silent: Timed[], target: Target): BrowserResults['pageLoads'] {
  const [first] = silent;
  if (!first) throw new Error('no silent run');
  const route = routeOf(first.run, target);
  const signature = JSON.stringify(route.map((hop) => [hop.host, hop.path.split('?')[0], hop.status]));
  return {
    documents: first.run.appDocuments,
    navigationRequests: first.run.navigations.length,
    route,
    sameRouteEveryRun: silent.every(
      ({ run }) =>
        JSON.stringify(routeOf(run, target).map((hop) => [hop.host, hop.path.split('?')[0], hop.status])) === signature,
    ),
    committedUrls: first.run.committed.map((url) => routeHop(url, null, target).path),
  };
}

function signInPageShown(silent: Timed[], withSession: Timed[]): BrowserResults['signInPageShown'] {
  const count = (runs: Timed[]): number => runs.filter(({ run }) => run.signInShown).length;
  return { silent: count(silent), withSession: count(withSession) };
}

function weComCalls(firstSignIn: CallSplit, silent: Timed[]): BrowserResults['weComCalls'] {
  const splits = silent.map(({ calls }) => calls ?? splitCalls({}));
  const [perSilentSignIn = splitCalls({})] = splits;
  return { firstSignIn, perSilentSignIn, sameEveryRun: splits.every((split) => sameCalls(split, perSilentSignIn)) };
}

interface Started {
  demo: StartedDemo | null;
  browser: Browser | null;
}

async function stopAll(started: Started): Promise<void> {
  await started.browser?.close().catch((error: unknown) => console.error('closing Chromium:', error));
  await started.demo?.stop().catch((error: unknown) => console.error('stopping the demo:', error));
}

/**
 * The browser part of the bench: the silent sign-in of a linked member in Chromium as the WeCom iOS app, against
 * opening the same page with a session, with its page loads, WeCom calls and the bundle sizes; then what the browser
 * extension costs NocoBase's sign-in page (browser-extension.ts). Writes its part of bench/results.{json,md}.
 */
export async function runBrowserBench(options: BenchOptions, projectRoot: string): Promise<BrowserResults> {
  const startedAt = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const sizes = await measureBundleSizes(projectRoot);
  progress(
    `bundle sizes: ${[...sizes.scriptBundle, ...sizes.pluginClient].map((f) => `${f.file} ${f.gzip} B gzip`).join(', ')}`,
  );
  if (sizes.extension) {
    progress(
      `extension sizes: ${sizes.extension.entries.map((entry) => `${entry.name} ${entry.gzip} B gzip`).join(', ')}`,
    );
  }

  const member = linkedMember();
  const started: Started = { demo: null, browser: null };
  const abort = new AbortController();
  // While the demo starts, aborting makes startDemo stop what it started and reject; afterwards, stop it here.
  const onInterrupt = (): void => {
    console.error('\ninterrupted: stopping Chromium and the demo');
    abort.abort();
    if (started.demo) void stopAll(started).finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    progress(`starting the demo app in ${DEMO.appDir} on ${DEMO.appPort}, the sandbox on ${DEMO.sandboxPort}`);
    const demo = await startDemo({
      ...DEMO,
      build: false,
      signal: abort.signal,
      log: (line) => progress(`demo ${line}`),
    });
    started.demo = demo;
    if (!demo.pluginClientBuilt) throw new Error('dist/client/index.js was not packed: run `npm run build` first');
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    started.browser = browser;
    progress(`Chromium ${browser.version()} (${CHROMIUM_PATH}), headless`);

    const target: Target = {
      appUrl: demo.appUrl,
      sandboxUrl: demo.sandbox.url,
      deepLink: DEEP_LINK,
      weComUser: member.userid,
      authenticator: demo.authenticator,
    };
    const runner = new Runner(browser, demo, target, member.nickname);
    // NocoBase's first sign-in fetches WeCom's access token, and its first page loads warm its caches.
    const warmSilent = await runner.run('silent');
    progress(`warm-up: ${describeRun(0, 1, warmSilent)}`);
    const warmSession = await runner.run('with-session');
    progress(`warm-up: ${describeRun(0, 1, warmSession)}`);
    const { silent, withSession } = await measure(runner, options.browserRuns);
    // The same app, after the WeCom runs: what the extension adds to loading its sign-in page.
    const extension: ExtensionCost | null =
      options.extensionRuns > 0 ? await measureExtensionCost(projectRoot, demo.appUrl, options.extensionRuns) : null;

    const silentSummary = summarise(silent.map(({ run }) => run));
    const sessionSummary = summarise(withSession.map(({ run }) => run));
    const machine = describeMachine('SQLite (the demo app)', loadAtStart);
    const results: BrowserResults = {
      machine,
      chromium: browser.version(),
      settings: {
        runs: options.browserRuns,
        warmup: 1,
        deepLink: DEEP_LINK,
        weComUser: member.label,
        userAgent: WECOM_IOS_USER_AGENT,
        viewport: `${PHONE_VIEWPORT.width}×${PHONE_VIEWPORT.height}`,
        shownWhen:
          `the URL is the deep link again (no \`token\`), localStorage holds NOCOBASE_TOKEN, and NocoBase’s admin ` +
          `layout header (\`${SHOWN_SELECTOR}\`) is visible, checked on every animation frame; afterwards the token is ` +
          'checked to be the member’s with auth:check.',
        app: `NocoBase 2.2.15 with this plugin on SQLite (\`${DEMO.appDir}\`, ${demo.appUrl}) and the WeCom sandbox (${demo.sandbox.url}), run by startDemo`,
      },
      silent: silentSummary,
      withSession: sessionSummary,
      silentToWithSession: round(silentSummary.totalMs.median / sessionSummary.totalMs.median, 2),
      pageLoads: pageLoads(silent, target),
      signInPageShown: signInPageShown(silent, withSession),
      weComCalls: weComCalls(warmSilent.calls ?? splitCalls({}), silent),
      sizes,
      extension,
      durationSeconds: round((performance.now() - startedAt) / 1000, 1),
    };
    const files = await writeResults(new URL('./', import.meta.url), { browser: results });
    console.log(`\n${renderBrowserMarkdown(results)}`);
    progress(`wrote ${files.join(' and ')}`);
    return results;
  } finally {
    await stopAll(started);
    process.off('SIGINT', onInterrupt);
    progress('stopped Chromium and the demo');
  }
}
