import { appRootUrl, type NocoBaseRuntimeConfig, publicPathPrefix, signInPagePublicPath } from '../sdk-shim';

/**
 * Where NocoBase's root is, seen from a content script. The script sees the page's DOM but not its JS globals
 * (`window.__nocobase_api_base_url__` lives in the page's world), so it reads the inline `<script>` in `<head>` that
 * NocoBase's server writes to set them, in either shell's form:
 *   window['__nocobase_api_base_url__'] = '/api/';                                         (classic)
 *   window['__nocobase_api_base_url__'] = window['__nocobase_api_base_url__'] || "/api/";  (the /v/ shell)
 * and applies the browser core's rule (`appRootUrl`) to what it found. Without that script (a customised
 * index.html), a sign-in page's own path tells APP_PUBLIC_PATH (`signInPagePublicPath`); anywhere else the
 * origin's root is assumed.
 */

export interface AppRoot {
  /** NocoBase's root: the origin plus APP_PUBLIC_PATH, without a trailing slash. */
  baseUrl: string;
  /** APP_PUBLIC_PATH, e.g. `/` or `/nocobase`. */
  publicPath: string;
}

type RuntimeKey = '__nocobase_api_base_url__' | '__nocobase_public_path__';
const RUNTIME_KEYS: readonly RuntimeKey[] = ['__nocobase_api_base_url__', '__nocobase_public_path__'];

/** A string literal assigned to `window['KEY']`, possibly as the fallback of `window['KEY'] || …`. */
function assignment(key: RuntimeKey): RegExp {
  const target = String.raw`window\[(['"])${key}\1\]`;
  return new RegExp(String.raw`${target}\s*=\s*(?:window\[(['"])${key}\2\]\s*\|\|\s*)?(['"])([^'"\\\n]*)\3`);
}

/** The runtime values a NocoBase config script assigns as plain string literals; anything else is not read. */
export function readRuntimeConfig(scriptText: string): Partial<Record<RuntimeKey, string>> {
  const found: Partial<Record<RuntimeKey, string>> = {};
  for (const key of RUNTIME_KEYS) {
    const value = assignment(key).exec(scriptText)?.[4];
    if (value !== undefined) found[key] = value;
  }
  return found;
}

/**
 * The values of NocoBase's config scripts, the first of each in document order. Only inline scripts of `<head>`:
 * the server writes those, whereas `<body>` holds what the app renders, which may include content its users wrote.
 */
export function findRuntimeConfig(doc: Document): Partial<Record<RuntimeKey, string>> {
  const found: Partial<Record<RuntimeKey, string>> = {};
  for (const script of Array.from(doc.head?.querySelectorAll('script:not([src])') ?? [])) {
    const text = script.textContent ?? '';
    if (!text.includes('__nocobase_')) continue;
    const values = readRuntimeConfig(text);
    for (const key of RUNTIME_KEYS) found[key] ??= values[key];
  }
  return found;
}

function rootOf(baseUrl: string): AppRoot {
  const publicPath = new URL(baseUrl).pathname;
  return { baseUrl, publicPath };
}

/**
 * NocoBase's root for this page. A root the config script puts on another origin is not used: the extension signs
 * in only to the origin it was configured for, so the page's own origin, found from the page's path, is taken then.
 */
export function findAppRoot(doc: Document, location: { origin: string; pathname: string }): AppRoot {
  const config: NocoBaseRuntimeConfig = { location, ...findRuntimeConfig(doc) };
  if (config.__nocobase_api_base_url__ !== undefined || config.__nocobase_public_path__ !== undefined) {
    try {
      const baseUrl = appRootUrl(config);
      if (new URL(baseUrl).origin === location.origin) return rootOf(baseUrl);
    } catch {
      // A value that is no URL: the page's path tells as much.
    }
  }
  return rootOf(`${location.origin}${publicPathPrefix(signInPagePublicPath(location.pathname) ?? '/')}`);
}
