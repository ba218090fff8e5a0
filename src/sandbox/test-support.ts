import { SANDBOX_SESSION_COOKIE } from './client-session.ts';
import { startSandbox } from './server.ts';
import { DEFAULT_SANDBOX_SETTINGS, LOOPBACK_IPS } from './settings.ts';
import type { SandboxApp, SandboxMember, StartedSandbox } from './types.ts';

/** Shared fixtures for the HTTP tests; never imported by the sandbox itself. */

export const CORP_ID = DEFAULT_SANDBOX_SETTINGS.corpId;

function defaultApp(): SandboxApp {
  const app = DEFAULT_SANDBOX_SETTINGS.apps[0];
  if (!app) {
    throw new Error('DEFAULT_SANDBOX_SETTINGS has no app');
  }
  return app;
}

export const APP: SandboxApp = defaultApp();
export const CALLBACK = `http://${APP.trustedDomain}/api/wecom:redirect`;

/** Real UA strings from wecom-protocol.md §6. */
export const UA = {
  weComIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light wwmver/3.26.13.714',
  weComPrivate: 'Mozilla/5.0 (Linux; Android 13; wv) AppleWebKit/537.36 Mobile Safari/537.36 wxworklocal/3.1.2',
  weChatWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/107 Safari/537.36 MicroMessenger/7.0.1 WindowsWechat(0x63090c33) XWEB/11581',
  chrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
} as const;

export const MEMBERS: SandboxMember[] = [
  {
    userid: 'zhangsan',
    name: '张三',
    mobile: '+86 138 0013 8000',
    email: 'zhangsan@example.com',
    biz_mail: 'zhangsan@sandbox.wecom.work',
    department: [1, 2],
    position: '产品经理',
    gender: '1',
    avatar: 'https://wework.qpic.cn/wwhead/zhangsan/0',
    address: '广州市海珠区新港中路397号',
  },
  { userid: 'lisi', name: '李四', mobile: '139-1234-5678', gender: '1' },
  { userid: 'sunqi', name: '孙七', mobile: '15000000007', visible: false },
];

/** The default app, which trusts no IP, made to trust the tests' own calls from this machine. */
export const TEST_SETTINGS = { apps: [{ agentId: APP.agentId, trustedIps: [...LOOPBACK_IPS] }] };

export function startTestSandbox(): Promise<StartedSandbox> {
  return startSandbox({ members: MEMBERS, settings: TEST_SETTINGS });
}

/** A WeCom JSON body: errcode and errmsg plus whatever the endpoint returns. */
export type WeComBody = { errcode: number; errmsg: string } & Record<string, unknown>;

export async function getJson(url: string, init?: RequestInit): Promise<WeComBody> {
  const response = await fetch(url, init);
  return (await response.json()) as WeComBody;
}

export function postJson(url: string, body: unknown): Promise<WeComBody> {
  return getJson(url, { method: 'POST', body: JSON.stringify(body) });
}

export async function fetchToken(sandbox: StartedSandbox, secret: string = APP.secret): Promise<string> {
  const body = await getJson(
    `${sandbox.url}/cgi-bin/gettoken?${new URLSearchParams({ corpid: CORP_ID, corpsecret: secret })}`,
  );
  if (typeof body.access_token !== 'string') {
    throw new Error(`gettoken failed: ${body.errmsg}`);
  }
  return body.access_token;
}

export function sessionCookie(value: string): string {
  return `${SANDBOX_SESSION_COOKIE}=${encodeURIComponent(value)}`;
}

export function authorizeUrl(sandbox: StartedSandbox, params: Record<string, string>): string {
  const query = new URLSearchParams({
    appid: CORP_ID,
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope: 'snsapi_base',
    state: 'st4te',
    agentid: String(APP.agentId),
    ...params,
  });
  return `${sandbox.url}/connect/oauth2/authorize?${query}`;
}

export function webLoginUrl(sandbox: StartedSandbox, params: Record<string, string>): string {
  const query = new URLSearchParams({
    login_type: 'CorpApp',
    appid: CORP_ID,
    agentid: String(APP.agentId),
    redirect_uri: CALLBACK,
    state: 'st4te',
    lang: 'zh',
    ...params,
  });
  return `${sandbox.url}/wwlogin/sso/login?${query}`;
}

/** Fetch without following redirects, as a test wants to see the 302 itself. */
export function fetchManual(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, redirect: 'manual' });
}

export function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetchManual(url, { method: 'POST', body: new URLSearchParams(fields) });
}

/** The `code` a callback URL carries, or undefined. */
export function codeFrom(location: string | null): string | undefined {
  return location ? (new URL(location).searchParams.get('code') ?? undefined) : undefined;
}

/** Signs in through the in-client snsapi_base flow and returns the code. */
export async function baseCode(sandbox: StartedSandbox, userid: string): Promise<string> {
  const response = await fetchManual(authorizeUrl(sandbox, {}), {
    headers: { 'user-agent': UA.weComIos, cookie: sessionCookie(userid) },
  });
  const code = codeFrom(response.headers.get('location'));
  if (!code) {
    throw new Error(`authorize did not redirect with a code (status ${response.status})`);
  }
  return code;
}

/** The form the consent page posts, for `userid`; `decision` is added by the caller. */
export function consentFields(userid: string): Record<string, string> {
  return {
    appid: CORP_ID,
    redirect_uri: CALLBACK,
    scope: 'snsapi_privateinfo',
    state: 'st4te',
    agentid: String(APP.agentId),
    userid,
  };
}

/** Signs in through snsapi_privateinfo and the consent page ("allow") and returns the code. */
export async function privateInfoCode(sandbox: StartedSandbox, userid: string): Promise<string> {
  const response = await postForm(`${sandbox.url}/connect/oauth2/authorize/consent`, {
    ...consentFields(userid),
    decision: 'allow',
  });
  const code = codeFrom(response.headers.get('location'));
  if (!code) {
    throw new Error(`consent did not redirect with a code (status ${response.status})`);
  }
  return code;
}
