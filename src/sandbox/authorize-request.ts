import type { ClientIdentity } from './sandbox-state.ts';
import type { SandboxApp, SandboxSettings } from './types.ts';

/**
 * Validation of the two browser entry points, in-client OAuth2 (wecom-protocol.md §2) and web login
 * (§3.1). Pure: the routes feed in query or form fields and render whatever comes back.
 */

export type Params = Record<string, string | undefined>;

/** A refusal WeCom shows as a page instead of redirecting. */
export interface PageRefusal {
  ok: false;
  title: string;
  message: string;
}

export type OAuthScope = 'snsapi_base' | 'snsapi_privateinfo';

export interface OAuthRequest {
  ok: true;
  redirectUri: string;
  /** What `redirectHost` made of it: the host the code is issued for. */
  redirectHost: string;
  scope: OAuthScope;
  state: string;
  /** The app named by agentid; for a request without agentid, the app whose domain matched. */
  app: SandboxApp;
  /** Whether agentid was given, which binds the code to that app. */
  agentIdGiven: boolean;
}

export type RedirectType = 'self' | 'top' | 'callback';

export interface WebLoginRequest {
  ok: true;
  redirectUri: string;
  redirectHost: string;
  state: string;
  app: SandboxApp;
  redirectType: RedirectType;
  lang: string;
}

function refuse(title: string, message: string): PageRefusal {
  return { ok: false, title, message };
}

/** The host WeCom compares with the trusted domain: hostname plus the port when one is written. */
export function redirectHost(redirectUri: string): string | undefined {
  if (!URL.canParse(redirectUri)) {
    return undefined;
  }
  const url = new URL(redirectUri);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return undefined;
  }
  // URL drops a default port ("https://a.com:443" → host "a.com"), but WeCom compares the raw text,
  // which is how a proxy appending :443 breaks sign-in (wecom-protocol.md §9, complaint #3).
  const explicitPort = /^[a-z]+:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/i.exec(redirectUri)?.[1];
  return explicitPort && !url.port ? `${url.hostname}:${explicitPort}` : url.host;
}

/** Doc/96441: `state` is a-zA-Z0-9 only, at most 128 bytes. */
const OAUTH_STATE_PATTERN = /^[a-zA-Z0-9]{0,128}$/;
/** Doc/98171 only limits the length of the web-login state. */
const WEB_LOGIN_STATE_MAX_BYTES = 128;

function parseAgentId(raw: string): number | undefined {
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

export function validateOAuthRequest(params: Params, settings: SandboxSettings): OAuthRequest | PageRefusal {
  if (params.appid !== settings.corpId) {
    return refuse('参数错误', `appid 与企业 CorpID 不一致 / appid "${params.appid ?? ''}" is not this corp's CorpID`);
  }
  const redirectUri = params.redirect_uri ?? '';
  const host = redirectHost(redirectUri);
  if (host === undefined) {
    return refuse('参数错误', 'redirect_uri 不是合法的 http(s) 地址 / redirect_uri is not an absolute http(s) URL');
  }
  if (params.response_type !== 'code') {
    return refuse('参数错误', 'response_type 必须为 code / response_type must be "code"');
  }
  const scope = params.scope;
  if (scope !== 'snsapi_base' && scope !== 'snsapi_privateinfo') {
    return refuse('参数错误', `不支持的 scope / unsupported scope "${scope ?? ''}"`);
  }
  const state = params.state ?? '';
  if (!OAUTH_STATE_PATTERN.test(state)) {
    return refuse('参数错误', 'state 只能为 a-zA-Z0-9，且不超过128字节 / state must be a-zA-Z0-9, at most 128 bytes');
  }
  const rawAgentId = params.agentid ?? '';
  if (rawAgentId === '') {
    if (scope === 'snsapi_privateinfo') {
      return refuse(
        '参数错误',
        'snsapi_privateinfo 需要 agentid 参数 / scope snsapi_privateinfo requires the agentid parameter',
      );
    }
    // An enabled app with the domain wins, so one disabled app does not shut out the others.
    const apps = settings.apps.filter((candidate) => candidate.trustedDomain === host);
    const app = apps.find((candidate) => !candidate.disabled) ?? apps[0];
    if (!app) {
      return untrustedOAuthDomain(host);
    }
    return app.disabled
      ? disabledApp(app)
      : { ok: true, redirectUri, redirectHost: host, scope, state, app, agentIdGiven: false };
  }
  const agentId = parseAgentId(rawAgentId);
  const app = agentId === undefined ? undefined : settings.apps.find((candidate) => candidate.agentId === agentId);
  if (!app) {
    return refuse('参数错误', `应用不存在 / no app with agentid "${rawAgentId}" in this corp`);
  }
  if (app.disabled) {
    return disabledApp(app);
  }
  if (app.trustedDomain !== host) {
    return untrustedOAuthDomain(host);
  }
  return { ok: true, redirectUri, redirectHost: host, scope, state, app, agentIdGiven: true };
}

/** Sandbox wording: WeCom's page for a disabled app is not documented. */
function disabledApp(app: SandboxApp): PageRefusal {
  return refuse('应用已停用', `该应用已被管理员停用 / the app "${app.name}" is disabled in the admin console`);
}

function untrustedOAuthDomain(host: string): PageRefusal {
  return refuse(
    'redirect_uri需使用应用可信域名',
    `redirect_uri需使用应用可信域名 / the redirect_uri host "${host}" is not the app's trusted domain`,
  );
}

export function validateWebLoginRequest(params: Params, settings: SandboxSettings): WebLoginRequest | PageRefusal {
  if (params.login_type !== 'CorpApp') {
    return refuse(
      '参数错误',
      `login_type 必须为 CorpApp / login_type must be "CorpApp" (got "${params.login_type ?? ''}")`,
    );
  }
  if (params.appid !== settings.corpId) {
    return refuse('参数错误', `appid 与企业 CorpID 不一致 / appid "${params.appid ?? ''}" is not this corp's CorpID`);
  }
  const rawAgentId = params.agentid ?? '';
  if (rawAgentId === '') {
    return refuse('参数错误', '缺少 agentid 参数 / the agentid parameter is required');
  }
  const agentId = parseAgentId(rawAgentId);
  const app = agentId === undefined ? undefined : settings.apps.find((candidate) => candidate.agentId === agentId);
  if (!app) {
    return refuse('参数错误', `应用不存在 / no app with agentid "${rawAgentId}" in this corp`);
  }
  if (app.disabled) {
    return disabledApp(app);
  }
  const redirectUri = params.redirect_uri ?? '';
  const host = redirectHost(redirectUri);
  if (host === undefined) {
    return refuse('参数错误', 'redirect_uri 不是合法的 http(s) 地址 / redirect_uri is not an absolute http(s) URL');
  }
  if (host !== app.trustedDomain) {
    return refuse(
      'redirect_uri 与配置的授权完成回调域名不一致',
      `redirect_uri 与配置的授权完成回调域名不一致 / the redirect_uri host "${host}" is not the app's callback domain`,
    );
  }
  const state = params.state ?? '';
  if (Buffer.byteLength(state) > WEB_LOGIN_STATE_MAX_BYTES) {
    return refuse('参数错误', 'state 不能超过128字节 / state must be at most 128 bytes');
  }
  const redirectType = params.redirect_type ?? 'self';
  if (redirectType !== 'self' && redirectType !== 'top' && redirectType !== 'callback') {
    return refuse('参数错误', `不支持的 redirect_type / unsupported redirect_type "${redirectType}"`);
  }
  return {
    ok: true,
    redirectUri,
    redirectHost: host,
    state,
    app,
    redirectType,
    lang: params.lang === 'en' ? 'en' : 'zh',
  };
}

/**
 * The session cookie holds a userid, or `openid:<X>` for someone in the WeCom client who is not a
 * member of this corp. The colon cannot occur in a real userid, so the two never collide.
 */
export function parseClientIdentity(value: string | null | undefined): ClientIdentity | undefined {
  if (!value) {
    return undefined;
  }
  if (value.startsWith('openid:')) {
    const openid = value.slice('openid:'.length);
    return openid ? { kind: 'external', openid } : undefined;
  }
  return { kind: 'member', userid: value };
}

/** Appends code (when given) and state to the redirect_uri, keeping its own query and fragment. */
export function buildCallbackUrl(redirectUri: string, result: { code?: string; state: string }): string {
  const url = new URL(redirectUri);
  if (result.code !== undefined) {
    url.searchParams.set('code', result.code);
  }
  url.searchParams.set('state', result.state);
  return url.toString();
}
