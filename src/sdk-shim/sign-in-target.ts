import { adminPagePath, landingPath } from '../shared/landing';
import { deepLink, type PageLocation, type PagePath, pagePaths } from './links';

/** `'/nocobase/'` → `'/nocobase'`, `'/'` → `''`: a prefix to put before `/admin`. */
export function publicPathPrefix(publicPath: string | undefined): string {
  const trimmed = (publicPath ?? '/').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
}

/** The pathname inside the app (APP_PUBLIC_PATH removed), or null when the page is outside it. */
export function appPathname(pathname: string, prefix: string): string | null {
  if (!prefix) return pathname;
  if (pathname === prefix) return '/';
  return pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : null;
}

const SIGN_IN_PAGES = /^(\/v)?\/signin\/?$/;
const OTHER_AUTH_PAGES = /^(\/v)?\/(signup|forgot-password|reset-password)(\/|$)/;

/** NocoBase's sign-in page of either shell (`/signin`, `/v/signin`), by its pathname inside the app. */
export function isSignInPage(appPath: string): boolean {
  return SIGN_IN_PAGES.test(appPath);
}

/**
 * APP_PUBLIC_PATH as a sign-in page's own pathname tells it (`/nocobase/v/signin` → `/nocobase/`), or null for any
 * other page: for a caller that sees the page but not NocoBase's runtime config. `/v/signin` reads as the modern
 * shell at `/`, NocoBase's default, rather than the classic one under `/v/`.
 */
export function signInPagePublicPath(pathname: string): string | null {
  const found = /^(.*?)(\/v)?\/signin\/?$/.exec(pathname);
  return found ? `${found[1] ?? ''}/` : null;
}

/** Sign-up and password pages, by their pathname inside the app: whoever is there came to do something else. */
export function isOtherAuthPage(appPath: string): boolean {
  return OTHER_AUTH_PAGES.test(appPath);
}

/** NocoBase's root is its origin plus APP_PUBLIC_PATH, so a root URL also tells the public path. */
export function publicPathOf(baseUrl: string | undefined, origin: string): string {
  if (baseUrl === undefined) return '/';
  try {
    return new URL(baseUrl, origin).pathname;
  } catch {
    return '/';
  }
}

/** Whether NocoBase (its root URL) is on the page's origin: only then can a sign-in return to the page. */
export function isOnPageOrigin(baseUrl: string, location: { origin: string }): boolean {
  try {
    return new URL(baseUrl, location.origin).origin === location.origin;
  } catch {
    return false;
  }
}

/**
 * Where a sign-in started on this page should land: on `/signin` (or the modern client's `/v/signin`) its
 * `redirect` parameter when that is a landing (the shared rule), else the admin pages of the same client; on any
 * other page of the app the page itself, when it is a landing. Null for sign-up and password pages, for pages
 * outside APP_PUBLIC_PATH and for anything the landing rule refuses.
 */
export function signInTarget(location: PagePath, publicPath?: string): string | null {
  const prefix = publicPathPrefix(publicPath);
  const paths = pagePaths(publicPath);
  const path = appPathname(location.pathname, prefix);
  if (path === null || isOtherAuthPage(path)) return null;
  if (!isSignInPage(path)) return landingPath(deepLink(location), paths);
  // A full path keeps the server's choice of /signin or /v/signin on failure.
  return (
    landingPath(new URLSearchParams(location.search).get('redirect'), paths) ?? adminPagePath(location.pathname, paths)
  );
}

/**
 * The `redirect` a sign-in started on this page asks the server for: `signInTarget`, when NocoBase is on the
 * page's origin. Undefined leaves the landing to the server (the authenticator's landing page), as for a page on
 * another origin, which a sign-in cannot return to.
 */
export function signInRedirect(
  location: PageLocation,
  baseUrl: string,
  publicPath: string = publicPathOf(baseUrl, location.origin),
): string | undefined {
  if (!isOnPageOrigin(baseUrl, location)) return undefined;
  return signInTarget(location, publicPath) ?? undefined;
}
