/** The only origin @wecom/jssdk's login panel loads and listens to (wecom-protocol.md §7.4). */
export const WECOM_LOGIN_ORIGIN = 'https://login.work.weixin.qq.com';

/** The query of a WeCom web-login URL (doc/98152), decoded, as `createWWLoginPanel` wants its `params`. */
export interface WebLoginPanelParams {
  login_type: string;
  appid: string;
  agentid: string;
  /** Decoded: the panel encodes it itself. */
  redirect_uri: string;
  state: string;
  lang: string;
}

/**
 * The panel parameters of a WeCom web-login URL (`…/wwlogin/sso/login?login_type&appid&agentid&redirect_uri&state&lang`),
 * on any host, so a sandbox or private deployment's URL reads too; null for any other URL.
 */
export function webLoginPanelParams(url: string): WebLoginPanelParams | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!/\/wwlogin\/sso\/login\/?$/.test(parsed.pathname)) return null;
  const query = parsed.searchParams;
  const appid = query.get('appid');
  const redirectUri = query.get('redirect_uri');
  if (!appid || !redirectUri) return null;
  return {
    login_type: query.get('login_type') || 'CorpApp',
    appid,
    agentid: query.get('agentid') ?? '',
    redirect_uri: redirectUri,
    state: query.get('state') ?? '',
    lang: query.get('lang') ?? '',
  };
}

/**
 * Whether the web login can be shown as WeCom's embedded panel. The JS-SDK hard-codes WeCom's login origin,
 * so a sandbox or a private deployment keeps the full-page redirect.
 */
export function canEmbedPanel(url: string): boolean {
  return webLoginPanelParams(url) !== null && new URL(url).origin === WECOM_LOGIN_ORIGIN;
}
