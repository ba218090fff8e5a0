import { isSignInErrorCode } from '../shared/sign-in-error-code';
import { findWeComAuthenticators, type WeComAuthenticator } from './authenticators';
import { WeComSignInError } from './errors';
import { apiUrl } from './links';

/** `window.fetch` or a stand-in; injected so that tests and the extension's service worker bring their own. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function defaultFetch(): Fetch {
  return (input, init) => globalThis.fetch(input, init);
}

/** NocoBase answers `{ data }`; a failure `{ errors: [{ message, code }] }`, translated by `X-Locale`. */
async function requestJson(fetch: Fetch, url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new WeComSignInError('SIGN_IN_FAILED', { cause });
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // An HTML error page of a proxy: the status says enough.
  }
  if (!response.ok) {
    const first = isRecord(body) && Array.isArray(body.errors) ? (body.errors[0] as unknown) : null;
    const code = isRecord(first) ? first.code : undefined;
    const message = isRecord(first) && typeof first.message === 'string' ? first.message : undefined;
    throw new WeComSignInError(isSignInErrorCode(code) ? code : 'SIGN_IN_FAILED', { message, status: response.status });
  }
  return isRecord(body) && 'data' in body ? body.data : body;
}

function headers(authenticator: string | null, locale: string | null | undefined): Record<string, string> {
  const list: Record<string, string> = { 'Content-Type': 'application/json' };
  if (authenticator) list['X-Authenticator'] = authenticator;
  if (locale) list['X-Locale'] = locale;
  return list;
}

export interface GetAuthUrlOptions {
  /** NocoBase's root, e.g. `https://nocobase.example.com` or `https://example.com/nocobase`. */
  baseUrl: string;
  authenticator: string;
  /** A path on NocoBase's site; the authenticator's landing page when absent. */
  redirect?: string;
  fetch?: Fetch;
  /** Picks the language of WeCom's web-login page and of error messages. */
  locale?: string | null;
}

/**
 * Where to send the browser to sign in: WeCom's in-client OAuth URL for a WeCom user agent, its web-login
 * (QR) URL otherwise. `credentials: 'include'` lets the server set the cookie that binds the state to this browser.
 */
export async function getAuthUrl(options: GetAuthUrlOptions): Promise<string> {
  const { fetch = defaultFetch() } = options;
  const data = await requestJson(fetch, apiUrl(options.baseUrl, 'wecom:getAuthUrl'), {
    method: 'POST',
    credentials: 'include',
    headers: headers(options.authenticator, options.locale),
    body: JSON.stringify(options.redirect ? { redirect: options.redirect } : {}),
  });
  if (!isRecord(data) || typeof data.url !== 'string' || data.url === '') {
    throw new WeComSignInError('SIGN_IN_FAILED', { message: 'wecom:getAuthUrl answered without a url' });
  }
  return data.url;
}

export interface FetchPublicAuthenticatorsOptions {
  baseUrl: string;
  fetch?: Fetch;
}

/** The enabled WeCom authenticators, from NocoBase's public list. */
export async function fetchPublicAuthenticators(
  options: FetchPublicAuthenticatorsOptions,
): Promise<WeComAuthenticator[]> {
  const { fetch = defaultFetch() } = options;
  const data = await requestJson(fetch, apiUrl(options.baseUrl, 'authenticators:publicList'), {
    method: 'GET',
    headers: { Accept: 'application/json' },
  });
  return findWeComAuthenticators(data);
}

/** One signature for `ww.register` (wecom-protocol.md §4.7). */
export interface JsSdkSignature {
  timestamp: number | string;
  nonceStr: string;
  signature: string;
}

/** What `wecom:getJsSdkConfig` signs for one page URL: the corp's `config` and the app's `agentConfig`. */
export interface JsSdkConfig {
  corpId: string;
  agentId: string;
  config: JsSdkSignature;
  agentConfig: JsSdkSignature;
}

function isSignature(value: unknown): value is JsSdkSignature {
  return (
    isRecord(value) &&
    (typeof value.timestamp === 'number' || typeof value.timestamp === 'string') &&
    typeof value.nonceStr === 'string' &&
    typeof value.signature === 'string'
  );
}

export interface GetJsSdkConfigOptions {
  baseUrl: string;
  authenticator: string;
  /** The page to sign, without its `#fragment`; it must be on NocoBase's origin. */
  url: string;
  fetch?: Fetch;
}

export async function getJsSdkConfig(options: GetJsSdkConfigOptions): Promise<JsSdkConfig> {
  const { fetch = defaultFetch() } = options;
  const data = await requestJson(fetch, apiUrl(options.baseUrl, 'wecom:getJsSdkConfig'), {
    method: 'POST',
    credentials: 'include',
    headers: headers(options.authenticator, null),
    body: JSON.stringify({ url: options.url }),
  });
  if (!isRecord(data) || !isSignature(data.config) || !isSignature(data.agentConfig)) {
    throw new WeComSignInError('SIGN_IN_FAILED', { message: 'wecom:getJsSdkConfig answered without signatures' });
  }
  return {
    corpId: String(data.corpId ?? ''),
    agentId: String(data.agentId ?? ''),
    config: data.config,
    agentConfig: data.agentConfig,
  };
}
