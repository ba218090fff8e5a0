export type OAuthScope = 'snsapi_base' | 'snsapi_privateinfo';

export interface AuthorizeUrlInput {
  /** @default 'https://open.weixin.qq.com' */
  oauthBaseUrl: string;
  corpId: string;
  agentId: string;
  redirectUri: string;
  scope: OAuthScope;
  state: string;
}

function withPath(baseUrl: string, path: string): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/$/, '')}${path}`;
  return url;
}

/**
 * In-client OAuth (doc/91022). WeCom wants this parameter order and the `#wechat_redirect` suffix; the agentid
 * is sent for both scopes because `snsapi_privateinfo` without it silently falls back to `snsapi_base`.
 */
export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  const url = withPath(input.oauthBaseUrl, '/connect/oauth2/authorize');
  url.search = new URLSearchParams([
    ['appid', input.corpId],
    ['redirect_uri', input.redirectUri],
    ['response_type', 'code'],
    ['scope', input.scope],
    ['state', input.state],
    ['agentid', input.agentId],
  ]).toString();
  url.hash = 'wechat_redirect';
  return url.toString();
}

export interface WebLoginUrlInput {
  /** @default 'https://login.work.weixin.qq.com' */
  loginBaseUrl: string;
  corpId: string;
  agentId: string;
  redirectUri: string;
  state: string;
  lang: 'zh' | 'en';
}

/** Desktop web login for self-built apps (doc/98152), which also offers one-click login to a signed-in WeCom desktop. */
export function buildWebLoginUrl(input: WebLoginUrlInput): string {
  const url = withPath(input.loginBaseUrl, '/wwlogin/sso/login');
  url.search = new URLSearchParams([
    ['login_type', 'CorpApp'],
    ['appid', input.corpId],
    ['agentid', input.agentId],
    ['redirect_uri', input.redirectUri],
    ['state', input.state],
    ['lang', input.lang],
  ]).toString();
  return url.toString();
}
