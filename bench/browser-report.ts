import type { ExtensionCost, Spread } from './browser-extension.ts';
import type { BundleSizes, ExtensionEntrySize, FileSize } from './bundle-sizes.ts';
import { type CallSplit, describeApiCalls } from './call-counts.ts';
import { type Machine, table } from './report.ts';
import { round } from './stats.ts';

/** Medians over the timed runs of one kind, and the spread of the total. */
export interface RunKindSummary {
  totalMs: { median: number; min: number; max: number; runs: number[] };
  /** Deep link opened → the last document's navigation starts (the plugin sent the page away); 0 with a session. */
  firstDocumentMs: number;
  /** The last document's navigation start → its first response byte (for the silent run: the trip through WeCom). */
  lastDocumentResponseMs: number;
  /** The last document's first response byte → shown. */
  lastDocumentRenderMs: number;
  documents: number;
  requests: number;
  transferredKiB: number;
}

/** One main-frame navigation request, its query reduced to parameter names (values of a few kept). */
export interface RouteHop {
  host: string;
  path: string;
  status: number | null;
}

export interface BrowserResults {
  machine: Machine;
  chromium: string;
  settings: {
    runs: number;
    warmup: number;
    deepLink: string;
    weComUser: string;
    userAgent: string;
    viewport: string;
    shownWhen: string;
    app: string;
  };
  silent: RunKindSummary;
  withSession: RunKindSummary;
  /** Median silent total ÷ median with-session total. */
  silentToWithSession: number;
  pageLoads: {
    documents: number;
    navigationRequests: number;
    route: RouteHop[];
    sameRouteEveryRun: boolean;
    /** URLs the main frame committed to in the first timed silent run, same-document changes included. */
    committedUrls: string[];
  };
  /**
   * Timed runs of each kind (of `settings.runs`) in which a document was on NocoBase's sign-in page or showed its
   * form before the signed-in page, however briefly.
   */
  signInPageShown: { silent: number; withSession: number };
  weComCalls: {
    /** The untimed first silent sign-in after the demo started (NocoBase's WeCom access token cache is cold). */
    firstSignIn: CallSplit;
    perSilentSignIn: CallSplit;
    sameEveryRun: boolean;
  };
  sizes: BundleSizes;
  /** What the browser extension costs NocoBase's sign-in page; null when left out, absent in older results. */
  extension?: ExtensionCost | null;
  durationSeconds: number;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const kB = (bytes: number): string => (bytes / 1000).toFixed(1);

function timingTable(results: BrowserResults): string {
  const row = (label: string, summary: RunKindSummary, silent: boolean): Array<string | number> => [
    label,
    `**${seconds(summary.totalMs.median)}**`,
    `${seconds(summary.totalMs.min)}–${seconds(summary.totalMs.max)}`,
    silent ? seconds(summary.firstDocumentMs) : '–',
    seconds(summary.lastDocumentResponseMs),
    seconds(summary.lastDocumentRenderMs),
    summary.documents,
    summary.requests,
    `${round(summary.transferredKiB / 1024, 1)} MiB`,
  ];
  return table(
    [
      `Opening \`${results.settings.deepLink}\``,
      'Shown after, s',
      'Min–max, s',
      'First document until sent away, s',
      'Navigation start until HTML, s',
      'HTML until shown, s',
      'Documents',
      'Requests',
      'Transferred',
    ],
    [
      row('No session: silent sign-in', results.silent, true),
      row('With a session (token stored before the load)', results.withSession, false),
    ],
  );
}

function signInLine(results: BrowserResults): string {
  const { silent, withSession } = results.signInPageShown;
  const runs = results.settings.runs;
  return (
    `NocoBase’s sign-in page was shown (its URL or its form, on any frame before the signed-in page) in ` +
    `**${silent} of ${runs}** silent runs and ${withSession} of ${runs} runs with a session.`
  );
}

function routeLines(results: BrowserResults): string {
  const { pageLoads: loads, weComCalls: calls } = results;
  const hops = loads.route.map((hop, index) => `${index + 1}. ${hop.host} \`${hop.path}\` → ${hop.status ?? '?'}`);
  const pages = (split: CallSplit): string => `${split.browserHops} page${split.browserHops === 1 ? '' : 's'}`;
  return [
    `${loads.documents} documents, ${loads.navigationRequests} main-frame navigation requests (redirects included)` +
      `${loads.sameRouteEveryRun ? ', the same in every timed run' : '; NOT the same in every timed run (the first is shown)'}:`,
    '',
    ...hops,
    '',
    `URLs the page showed, same-document changes included: ${loads.committedUrls.map((url) => `\`${url}\``).join(' → ')}.`,
    signInLine(results),
    '',
    `WeCom per silent sign-in (sandbox counters): ${describeApiCalls(calls.perSilentSignIn.api)} ` +
      `(${calls.perSilentSignIn.apiTotal} API call${calls.perSilentSignIn.apiTotal === 1 ? '' : 's'}), ` +
      `${pages(calls.perSilentSignIn)} on WeCom${calls.sameEveryRun ? ', in every timed run' : '; NOT the same in every timed run'}. ` +
      `The first sign-in after NocoBase started: ${describeApiCalls(calls.firstSignIn.api)}, ${pages(calls.firstSignIn)}.`,
  ].join('\n');
}

function loadedWhen(file: FileSize, sizes: BundleSizes): string {
  if (file.file === sizes.silentPath.file) {
    return `by the script tag, all that a WeCom client loads to sign in silently (budget ${kB(sizes.silentPath.budget)} kB gzip)`;
  }
  if (file.file.startsWith('dist/sdk/')) return 'by the script tag, only on desktop or to show an error';
  if (file.file.startsWith('dist/client-v2/')) return 'by NocoBase’s client on every page of the /v/ shell';
  return 'by NocoBase’s client on every page (classic shell), with NocoBase’s own bundles';
}

const EXTENSION_LOADED: Record<ExtensionEntrySize['name'], string> = {
  'service worker':
    'by Chrome when the extension has something to do (a message, a change of settings or policy); never by a page',
  'content script': 'into every page of a configured NocoBase site, at document start',
  'panel script': 'into a configured site’s sign-in page, only when WeCom’s embedded login panel is about to show',
  'options page': 'when the extension’s settings are opened',
  popup: 'when its toolbar button is clicked',
};

/** `assets/index.html-D9tFCvji.js` → `assets/index.html-*.js`: the hashes change with every build. */
function unhashed(file: string): string {
  return file.replace(/-[A-Za-z0-9_-]{8}\.(js|css)$/, '-*.$1');
}

function extensionRows(sizes: BundleSizes): Array<Array<string | number>> {
  const extension = sizes.extension;
  if (!extension) return [];
  const entries = extension.entries.map((entry) => [
    `extension ${entry.name}: ${entry.files.map((file) => `\`${unhashed(file)}\``).join(' + ')}`,
    kB(entry.raw),
    `**${kB(entry.gzip)}**`,
    `${EXTENSION_LOADED[entry.name]}${entry.shared.length > 0 ? `; with ${entry.shared.map((file) => `\`${unhashed(file)}\``).join(', ')}` : ''}`,
  ]);
  const shared = [...extension.shared]
    .sort((a, b) => b.gzip - a.gzip)
    .map((file) => [
      `extension shared chunk: \`${unhashed(file.file)}\``,
      kB(file.raw),
      `**${kB(file.gzip)}**`,
      `with the ${file.usedBy.join(', ')}`,
    ]);
  return [...entries, ...shared];
}

function sizeTable(sizes: BundleSizes): string {
  const files = [...sizes.scriptBundle].sort((a, b) => a.gzip - b.gzip).concat(sizes.pluginClient);
  return table(
    ['File', 'Raw kB', 'gzip kB', 'Loaded'],
    [
      ...files.map((file) => [`\`${file.file}\``, kB(file.raw), `**${kB(file.gzip)}**`, loadedWhen(file, sizes)]),
      ...extensionRows(sizes),
    ],
  );
}

const overlaps = (a: Spread, b: Spread): boolean => a.min <= b.max && b.min <= a.max;

/** A ratio whose two sides' runs overlap says less than its digits: the difference is within run-to-run noise. */
function spreadNote(cost: ExtensionCost): string {
  const within = (['cold', 'warm'] as const).filter((load) => overlaps(cost.without[load], cost.with[load]));
  if (within.length === 0) return '';
  const names = within.map((load) => (load === 'cold' ? 'first load' : 'reload')).join(' and ');
  return ` (${names}: the runs with and without overlap, so the difference is within this machine’s run-to-run spread)`;
}

const range = (value: Spread): string => `${seconds(value.min)}–${seconds(value.max)}`;

function extensionSection(results: BrowserResults): string[] {
  const cost = results.extension;
  if (!cost) return [];
  const s = cost.settings;
  return [
    '### What the browser extension costs NocoBase’s sign-in page',
    '',
    `Desktop Chromium (its user agent), \`${s.page}\` of the same app, each run in a fresh browser with an empty ` +
      `profile, with ${s.build} or without any extension; ${s.runs} timed runs of each kind, interleaved, after one ` +
      `untimed of each; figures are medians. ${cost.durationSeconds} s for this part.`,
    '',
    table(
      [
        `Loading \`${s.page}\` until the form is shown`,
        'Without the extension, s',
        'Min–max, s',
        'With it, s',
        'Min–max, s',
        'With ÷ without',
      ],
      [
        [
          'First load (empty cache)',
          `**${seconds(cost.without.cold.median)}**`,
          range(cost.without.cold),
          `**${seconds(cost.with.cold.median)}**`,
          range(cost.with.cold),
          `**${cost.ratio.cold.toFixed(2)}**`,
        ],
        [
          'Reload (warm cache)',
          `**${seconds(cost.without.warm.median)}**`,
          range(cost.without.warm),
          `**${seconds(cost.with.warm.median)}**`,
          range(cost.with.warm),
          `**${cost.ratio.warm.toFixed(2)}**`,
        ],
      ],
    ),
    '',
    `- with / without the extension, first load: **${cost.ratio.cold.toFixed(2)}**; reload: **${cost.ratio.warm.toFixed(2)}**` +
      spreadNote(cost),
    `- Shown: ${s.shownWhen}. The extension’s content script answered its service worker in the tab in ` +
      `${cost.contentScriptAnswered} of ${s.runs} runs with it.`,
    '- The app has this plugin, so its sign-in page shows the plugin’s own button and the extension adds no entry: ' +
      'the cost is the content script’s (injected at document start, asking its service worker for the site’s ' +
      'settings, watching the page), not a second button’s.',
    '',
  ];
}

export function renderBrowserMarkdown(results: BrowserResults): string {
  const { machine: m, settings: s } = results;
  return [
    '## Browser: silent sign-in in the WeCom client',
    '',
    `Chromium ${results.chromium} (Debian, headless), WeCom iOS user agent, ${s.viewport} phone viewport, against ${s.app}. ` +
      `Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date} (1-minute load average ${m.loadAverage.start} before, ` +
      `${m.loadAverage.end} after). ${s.runs} timed runs of each kind, interleaved, after ${s.warmup} untimed of each; ` +
      `figures are medians. The member is ${s.weComUser}, already linked. ${results.durationSeconds} s for this part.`,
    '',
    '### Time until the signed-in page is shown',
    '',
    timingTable(results),
    '',
    `- silent / with a session: **${results.silentToWithSession.toFixed(2)}**`,
    `- Shown: ${s.shownWhen}`,
    '',
    '### Page loads of one silent sign-in',
    '',
    routeLines(results),
    '',
    ...extensionSection(results),
    '### Bundle sizes (gzip level 6; `scripts/bundle-size.mjs --json` for dist/sdk)',
    '',
    sizeTable(results.sizes),
    '',
    ...(results.sizes.extension
      ? [
          `The extension’s rows are its store build (\`${results.sizes.extension.directory}\`), entry by entry: the files ` +
            'only that entry loads, then each chunk several share, counted once. Chrome reads them from disk, so their ' +
            'gzip size compares them with the rest and is about what the store download costs.',
          '',
        ]
      : []),
    '### How to read this',
    '',
    '- Each run is a fresh browser context (a new WeCom webview: empty HTTP cache, no NocoBase session), signed in to ' +
      'WeCom through the sandbox’s session cookie. The with-session run has NocoBase’s token in localStorage before the page loads.',
    '- Times are from the page’s own clock: from the deep link’s navigation start to the first animation frame in which ' +
      'the page is shown, so no DevTools round trip is in them.',
    '- Silent = first document (NocoBase’s bundles, its list of plugins and their code, until ours is evaluated and ' +
      'decides to leave; NocoBase renders nothing meanwhile) + the redirects through WeCom + the second document. ' +
      'The second document is usually quicker than a first load in a fresh webview: its HTTP cache is warm and it ' +
      'runs in the renderer process that loaded the first.',
    '- Chromium stands in for the WeCom app’s webview (WKWebView on iOS), with its user agent and viewport only.',
    '- WeCom is the sandbox on 127.0.0.1: the real network trip to open.weixin.qq.com and WeCom’s own page are not in the times.',
    '- NocoBase’s client is the bulk of every load (see Requests and Transferred, bodies as sent, brotli by NocoBase); ' +
      'this plugin’s client bundle is one of those requests.',
    '',
  ].join('\n');
}
