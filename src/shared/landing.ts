/**
 * Where a sign-in may land: a client route of this NocoBase app, and nothing else. One rule, applied by the server
 * to every page it is asked to return to and by the browser core before it asks, so neither can drift.
 *
 * The path is judged as a browser will use it: resolved the WHATWG way (dot segments, `%2e`, backslashes), then
 * checked, and what is returned is that resolved string, never the input. Anything a browser or NocoBase's gateway
 * could read as another host or a server route is refused rather than repaired.
 */

/** The paths at which NocoBase serves something other than its client, as its environment sets them. */
export interface AppPaths {
  /** APP_PUBLIC_PATH, e.g. `/` or `/nocobase/`. */
  publicPath: string;
  /** API_BASE_PATH, e.g. `/api/` or `/nocobase/api/`. */
  apiBasePath: string;
  /** PLUGIN_STATICS_PATH, e.g. `/static/plugins/`. */
  pluginStaticsPath: string;
  /** APP_MODERN_CLIENT_PREFIX: the newer shell lives under `<publicPath><modernPrefix>/`. */
  modernPrefix: string;
}

export const DEFAULT_APP_PATHS: AppPaths = {
  publicPath: '/',
  apiBasePath: '/api/',
  pluginStaticsPath: '/static/plugins/',
  modernPrefix: 'v',
};

export const MAX_LANDING_LENGTH = 2048;

const PROBE_ORIGIN = 'http://landing.invalid';

/** `nocobase` or `/nocobase` or `/nocobase/` → `/nocobase/`; empty → `/`. */
export function asDirectory(path: string | null | undefined): string {
  const trimmed = (path ?? '').replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Fills what is missing with NocoBase's defaults, prefixing the API and statics paths as NocoBase's CLI does. */
export function appPaths(given: Partial<Record<keyof AppPaths, string | null | undefined>>): AppPaths {
  const publicPath = asDirectory(given.publicPath);
  const prefixed = (path: string): string => asDirectory(`${publicPath}${path.replace(/^\/+/, '')}`);
  return {
    publicPath,
    apiBasePath: given.apiBasePath ? asDirectory(given.apiBasePath) : prefixed('api/'),
    pluginStaticsPath: given.pluginStaticsPath ? asDirectory(given.pluginStaticsPath) : prefixed('static/plugins/'),
    modernPrefix: (given.modernPrefix ?? '').replace(/^\/+|\/+$/g, '') || DEFAULT_APP_PATHS.modernPrefix,
  };
}

/** Prefixes NocoBase's gateway answers with files, the API or other server code instead of its client. */
function serverPrefixes(paths: AppPaths): string[] {
  const root = paths.publicPath;
  return [
    paths.apiBasePath,
    paths.pluginStaticsPath,
    `${root}storage/`,
    `${root}dist/`,
    `${root}files/`,
    '/files/',
    `${root}static/`,
    `${root}ws/`,
  ].map((prefix) => prefix.toLowerCase());
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** Encoded slashes, backslashes, dots, percent signs and control characters: what a later decoding could turn into a different path. */
const ENCODED_SEPARATORS = /%(2f|5c|2e|25|[01][0-9a-f]|7f)/i;
/** Names NocoBase's client takes a session from, on any page; a landing must never carry one. */
const SESSION_PARAMS = new Set(['token', 'authenticator']);
/**
 * A last segment like `app.js` or `robots.txt` names a file the gateway serves as it is, not a page. HTML pages
 * count as pages: NocoBase's own `index.html`, or a portal on NocoBase's origin that uses the script bundle.
 */
const FILE_NAME = /\.(?!html?$)[A-Za-z0-9]{1,12}$/i;
/** How deep `redirect=` parameters inside a landing are followed; deeper nesting is refused. */
const MAX_NESTING = 2;

function isUnder(pathname: string, directory: string): boolean {
  return pathname === directory.slice(0, -1) || pathname.startsWith(directory);
}

function resolve(path: string): URL | null {
  try {
    const url = new URL(path, PROBE_ORIGIN);
    return url.origin === PROBE_ORIGIN ? url : null;
  } catch {
    return null;
  }
}

function judge(value: unknown, paths: AppPaths, depth: number): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LANDING_LENGTH) return null;
  // A path, not a URL: `//host`, `/\host` and `\\host` are other hosts to a browser.
  if (!value.startsWith('/') || /^.[/\\]/.test(value) || CONTROL_CHARACTERS.test(value)) return null;
  let url = resolve(value);
  if (!url) return null;
  // App-relative paths (`/admin`) are taken inside APP_PUBLIC_PATH, as NocoBase's own redirects are.
  if (!isUnder(url.pathname, paths.publicPath)) {
    url = resolve(`${paths.publicPath}${url.pathname.slice(1)}${url.search}${url.hash}`);
    if (!url) return null;
  }
  const { pathname } = url;
  if (!isUnder(pathname, paths.publicPath) || pathname.length > MAX_LANDING_LENGTH) return null;
  // Empty segments: `/a/..//evil` resolves to `//evil`, which a browser reads as a host.
  if (pathname.includes('//') || ENCODED_SEPARATORS.test(pathname)) return null;
  const lower = `${pathname.toLowerCase()}/`;
  if (serverPrefixes(paths).some((prefix) => lower.startsWith(prefix))) return null;
  if (/\/__umi\//i.test(lower) || FILE_NAME.test(pathname)) return null;
  for (const [key, nested] of url.searchParams) {
    const name = key.toLowerCase();
    if (SESSION_PARAMS.has(name)) return null;
    // NocoBase's sign-in page goes to its own `redirect` after a sign-in: it must obey the same rule.
    if (name === 'redirect' && (depth >= MAX_NESTING || judge(nested, paths, depth + 1) === null)) return null;
  }
  const landing = `${pathname}${url.search}${url.hash}`;
  return landing.length > MAX_LANDING_LENGTH ? null : landing;
}

/**
 * `value` as a landing on this app: a client route under APP_PUBLIC_PATH, fully resolved, or null. App-relative
 * paths get the public path in front (`/admin` → `/nocobase/admin`); the result is what the caller must use.
 */
export function landingPath(value: unknown, paths: AppPaths = DEFAULT_APP_PATHS): string | null {
  return judge(value, paths, 0);
}

/** The newer shell's prefix inside the app, `/v/` (or `/nocobase/v/`). */
function modernRoot(paths: AppPaths): string {
  return `${paths.publicPath}${paths.modernPrefix}/`;
}

/** The sign-in page of the shell a landing belongs to: `/signin`, or `/v/signin` for the newer shell. */
export function signInPagePath(landing: string | null, paths: AppPaths = DEFAULT_APP_PATHS): string {
  const pathname = landing?.split(/[?#]/, 1)[0] ?? '';
  const shell = isUnder(pathname, modernRoot(paths)) ? modernRoot(paths) : paths.publicPath;
  return `${shell}signin`;
}

/** The admin pages of the shell a landing belongs to, where a sign-in started on a sign-in page goes by default. */
export function adminPagePath(landing: string | null, paths: AppPaths = DEFAULT_APP_PATHS): string {
  return signInPagePath(landing, paths).replace(/signin$/, 'admin');
}
