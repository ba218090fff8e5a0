// @vitest-environment jsdom
import { encodeLandingSession } from '../shared/session-fragment';
import type { Fetch } from './api';
import { WeComSignInError } from './errors';
import { signInErrorMessage } from './messages';
import { type FakeAddress, fakeAddress } from './page-window.fixture';
import { ERROR_EVENT, readScriptConfig, type ScriptWindow, SIGNED_IN_EVENT, startScript } from './script-main';
import type { ScriptPanelModule } from './script-types';
import { type PanelParts, startPanel } from './script-view';
import { OTHER_USER_AGENTS, WECOM_USER_AGENTS } from './user-agents.fixture';

const sdk = vi.hoisted(() => ({ loads: 0 }));
vi.mock('@wecom/jssdk', () => {
  sdk.loads += 1;
  return {};
});

const ORIGIN = 'https://nocobase.example.com';
const WEB_LOGIN =
  'https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=ww1&agentid=1000002&redirect_uri=https%3A%2F%2Fnocobase.example.com%2Fapi%2Fwecom%3Aredirect&state=Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z&lang=en';
const PUBLIC_LIST = {
  data: [
    {
      name: 'wecom',
      authType: 'wecom',
      title: 'WeCom',
      options: { corpId: 'ww1', agentId: '1000002', autoLogin: true },
    },
  ],
};

function tag(src: string, data: Record<string, string> = {}): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = src;
  for (const [name, value] of Object.entries(data)) script.setAttribute(`data-${name}`, value);
  return script;
}

interface Page extends Omit<FakeAddress, 'location' | 'history'> {
  win: ScriptWindow;
  requests: { url: string; init: RequestInit | undefined }[];
}

/** A page at `path` on NocoBase's origin, with jsdom's document and storage, and a location that records navigation. */
function page(
  path: string,
  options: { userAgent?: string; answer?: (url: string) => Response; panel?: ScriptPanelModule } = {},
): Page {
  const { location, history, ...recorded } = fakeAddress(path, ORIGIN);
  const requests: Page['requests'] = [];
  const fetch: Fetch = async (input, init) => {
    requests.push({ url: input, init });
    return options.answer?.(input) ?? Response.json(PUBLIC_LIST);
  };
  const win: ScriptWindow = {
    location,
    navigator: { userAgent: options.userAgent ?? OTHER_USER_AGENTS.chromeWindows, language: 'en-US' },
    localStorage: window.localStorage,
    sessionStorage: window.sessionStorage,
    history,
    document,
    fetch,
    WeComLoginPanel: options.panel,
  };
  return { win, requests, ...recorded };
}

/** The panel file as built, but for WeCom's panel and registration, which would need @wecom/jssdk. */
function fakePanel(): ScriptPanelModule & { mounted: { el: HTMLElement; url: string }[] } {
  const mounted: { el: HTMLElement; url: string }[] = [];
  const parts: PanelParts = {
    mountLoginPanel: (options) => {
      mounted.push({ el: options.el, url: options.url });
      return { unmount: () => {}, ready: Promise.resolve('embedded') };
    },
    registerJsSdk: vi.fn(async () => ({ corpId: 'ww1', agentId: '1000002' })),
    signInErrorMessage,
  };
  return { mounted, ...parts, start: (page) => startPanel(page, parts) };
}

/** The button, once the panel file has rendered it. */
const button = (selector = '#login .wecom-login__button'): Promise<HTMLButtonElement> =>
  vi.waitFor(() => {
    const found = document.querySelector<HTMLButtonElement>(selector);
    if (!found) throw new Error('no button yet');
    return found;
  });

/** Long enough for every promise of the script to settle. */
const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

/** The `detail` of the first event a listener got. */
const detailOf = (listener: { mock: { calls: unknown[][] } }): unknown =>
  (listener.mock.calls[0]?.[0] as CustomEvent | undefined)?.detail;

beforeEach(() => {
  document.body.innerHTML = '<main id="login"></main>';
  document.head.innerHTML = '';
  document.documentElement.lang = '';
  window.localStorage.clear();
  window.sessionStorage.clear();
  sdk.loads = 0;
});

describe('readScriptConfig', () => {
  const at = { origin: 'https://portal.example.com', href: 'https://portal.example.com/index.html' };

  it('takes NocoBase and the panel from the address the plugin serves it at', () => {
    expect(readScriptConfig(tag('https://nocobase.example.com/nocobase/api/wecom:script'), at)).toEqual({
      baseUrl: 'https://nocobase.example.com/nocobase',
      panelSrc: 'https://nocobase.example.com/nocobase/api/wecom:scriptPanel',
      authenticator: null,
      target: null,
      auto: true,
      publicPath: undefined,
      locale: null,
    });
  });

  it('finds the panel next to a script served as a file', () => {
    expect(readScriptConfig(tag('https://cdn.example.com/sdk/1.0/wecom-login.js'), at)).toMatchObject({
      baseUrl: 'https://cdn.example.com',
      panelSrc: 'https://cdn.example.com/sdk/1.0/wecom-login-panel.js',
    });
  });

  it('takes every setting from data- attributes', () => {
    const script = tag('/static/wecom-login.js', {
      authenticator: 'wecom',
      'base-url': 'https://nocobase.example.com/',
      target: '#login',
      auto: 'false',
      'panel-src': '/static/panel.js',
      'public-path': '/nocobase/',
      locale: 'ru-RU',
    });
    expect(readScriptConfig(script, at)).toEqual({
      baseUrl: 'https://nocobase.example.com',
      panelSrc: '/static/panel.js',
      authenticator: 'wecom',
      target: '#login',
      auto: false,
      publicPath: '/nocobase/',
      locale: 'ru-RU',
    });
  });

  it('falls back to the page when the tag is unknown', () => {
    expect(readScriptConfig(null, at)).toMatchObject({
      baseUrl: 'https://portal.example.com',
      panelSrc: 'https://portal.example.com/api/wecom:scriptPanel',
    });
  });
});

describe('startScript in the WeCom client', () => {
  it('signs in silently on the deep link, loading neither the panel file nor the JS-SDK', async () => {
    const { win, replace } = page('/admin/x9a8b7c?tab=2', { userAgent: WECOM_USER_AGENTS.windows });
    const api = startScript(win, tag(`${ORIGIN}/api/wecom:script`, { target: '#login' }));
    const decision = await api.silentSignIn;
    const url = `${ORIGIN}/api/wecom:authorize?redirect=%2Fadmin%2Fx9a8b7c%3Ftab%3D2`;
    expect(decision).toMatchObject({ action: 'redirect', url });
    expect(replace).toHaveBeenCalledExactlyOnceWith(url);
    expect(win.WeComLogin).toBe(api);
    await settled();
    expect(document.querySelector('#login')?.childElementCount).toBe(0);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(sdk.loads).toBe(0);
  });

  it('does not sign in silently with data-auto="false", and offers the button instead', async () => {
    const panel = fakePanel();
    const { win, replace } = page('/admin', { userAgent: WECOM_USER_AGENTS.ios, panel });
    const api = startScript(
      win,
      tag(`${ORIGIN}/api/wecom:script`, { auto: 'false', authenticator: 'wecom', target: '#login' }),
    );
    expect(await api.silentSignIn).toBeNull();
    expect((await button()).textContent).toBe('Sign in with WeCom');
    expect(replace).not.toHaveBeenCalled();
  });

  it('explains a failure instead of trying again', async () => {
    const panel = fakePanel();
    const { win, replace } = page('/signin?error=USER_NOT_FOUND&authenticator=wecom&redirect=%2Fadmin', {
      userAgent: WECOM_USER_AGENTS.android,
      panel,
    });
    document.documentElement.lang = 'zh-CN';
    const api = startScript(win, tag(`${ORIGIN}/api/wecom:script`, { authenticator: 'wecom', target: '#login' }));
    expect(await api.silentSignIn).toEqual({ action: 'stay', reason: 'sign-in-error' });
    expect(replace).not.toHaveBeenCalled();
    await vi.waitFor(() =>
      expect(document.querySelector('.wecom-login__error')?.textContent).toBe(
        signInErrorMessage('USER_NOT_FOUND', 'zh-CN'),
      ),
    );
    expect(document.querySelector('.wecom-login__button')).not.toBeNull();
  });

  it('signs in by redirect from the button, never with the embedded panel', async () => {
    const panel = fakePanel();
    const { win, assign } = page('/admin', {
      userAgent: WECOM_USER_AGENTS.android,
      panel,
      answer: (url) =>
        url.endsWith('wecom:getAuthUrl') ? Response.json({ data: { url: WEB_LOGIN } }) : Response.json(PUBLIC_LIST),
    });
    startScript(win, tag(`${ORIGIN}/api/wecom:script`, { auto: 'false', authenticator: 'wecom', target: '#login' }));
    (await button()).click();
    await vi.waitFor(() => expect(assign).toHaveBeenCalledExactlyOnceWith(WEB_LOGIN));
    expect(panel.mounted).toHaveLength(0);
  });
});

describe('startScript on the page a sign-in lands on', () => {
  it('stores the session, strips it from the URL, and says so', async () => {
    const nonce = '0123456789abcdef0123456789abcdef';
    document.cookie = `nb_wecom_landing_${nonce}=1; Path=/`;
    const fragment = encodeLandingSession({ token: 'eyJ.a.b', authenticator: 'wecom', nonce, hash: '#row-7' });
    const { win, address, replace } = page(`/portal/orders${fragment}`, { userAgent: WECOM_USER_AGENTS.ios });
    const signedIn = vi.fn();
    document.addEventListener(SIGNED_IN_EVENT, signedIn, { once: true });
    const api = startScript(win, tag(`${ORIGIN}/api/wecom:script`, { authenticator: 'wecom', target: '#login' }));
    expect(signedIn).toHaveBeenCalledOnce();
    expect(detailOf(signedIn)).toEqual({ token: 'eyJ.a.b', authenticator: 'wecom' });
    expect(address()).toBe('/portal/orders#row-7');
    expect(api.session).toEqual({ token: 'eyJ.a.b', authenticator: 'wecom' });
    expect(await api.silentSignIn).toEqual({ action: 'stay', reason: 'session' });
    expect(replace).not.toHaveBeenCalled();
    // Signed in: no button, so no panel file either.
    await settled();
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.cookie).not.toContain(nonce);
  });
});

describe('startScript on a desktop browser', () => {
  it('renders the button, and the embedded panel on click', async () => {
    const panel = fakePanel();
    const { win, requests, assign } = page('/portal/orders?tab=2', {
      panel,
      answer: (url) =>
        url.endsWith('wecom:getAuthUrl') ? Response.json({ data: { url: WEB_LOGIN } }) : Response.json(PUBLIC_LIST),
    });
    document.documentElement.lang = 'zh-CN';
    const api = startScript(win, tag(`${ORIGIN}/api/wecom:script`, { target: '#login' }));
    expect(await api.silentSignIn).toBeNull();
    const signInButton = await button();
    expect(signInButton.textContent).toBe('使用企业微信登录');
    // WeCom's mark before the label, hidden from assistive technology so that the label alone names the button.
    const mark = signInButton.firstElementChild;
    expect(mark?.getAttribute('class')).toBe('wecom-login__mark');
    expect(mark?.getAttribute('aria-hidden')).toBe('true');
    signInButton.click();
    await vi.waitFor(() => expect(panel.mounted).toHaveLength(1));
    expect(panel.mounted[0]).toEqual({ el: document.querySelector('.wecom-login__panel'), url: WEB_LOGIN });
    expect(document.querySelector<HTMLElement>('.wecom-login__panel')?.hidden).toBe(false);
    expect(requests.map(({ url }) => url)).toEqual([
      `${ORIGIN}/api/authenticators:publicList`,
      `${ORIGIN}/api/wecom:getAuthUrl`,
    ]);
    expect(requests[1]?.init).toMatchObject({
      credentials: 'include',
      headers: { 'X-Authenticator': 'wecom', 'X-Locale': 'zh-CN' },
      body: JSON.stringify({ redirect: '/portal/orders?tab=2' }),
    });
    expect(assign).not.toHaveBeenCalled();
    expect(sdk.loads).toBe(0);
  });

  it("loads the panel file from its address, with the tag's nonce, and renders once it is there", async () => {
    const { win } = page('/portal', {
      answer: (url) =>
        url.endsWith('wecom:getAuthUrl') ? Response.json({ data: { url: WEB_LOGIN } }) : Response.json(PUBLIC_LIST),
    });
    const script = tag('https://cdn.example.com/sdk/wecom-login.js', { target: '#login', 'base-url': ORIGIN });
    script.nonce = 'r4nd0m';
    const api = startScript(win, script);
    const signIn = api.signIn();
    const loader = await vi.waitFor(() => {
      const found = document.head.querySelector('script');
      if (!found) throw new Error('no panel script yet');
      return found;
    });
    expect(loader.src).toBe('https://cdn.example.com/sdk/wecom-login-panel.js');
    expect(loader.nonce).toBe('r4nd0m');
    expect(document.querySelector('.wecom-login__button')).toBeNull();
    const panel = fakePanel();
    win.WeComLoginPanel = panel;
    loader.dispatchEvent(new Event('load'));
    await signIn;
    expect(panel.mounted).toHaveLength(1);
    expect(document.querySelector('#login .wecom-login__button')).not.toBeNull();
    // The button's rendering and the sign-in shared one tag.
    expect(document.querySelectorAll('script')).toHaveLength(1);
  });

  it('rejects with SIGN_IN_FAILED when the panel file does not load, and tries again on the next call', async () => {
    const { win } = page('/portal');
    const api = startScript(win, tag(`${ORIGIN}/api/wecom:script`, { authenticator: 'wecom' }));
    const signIn = api.signIn();
    const first = await vi.waitFor(() => {
      const found = document.head.querySelector('script');
      if (!found) throw new Error('no panel script yet');
      return found;
    });
    expect(first.src).toBe(`${ORIGIN}/api/wecom:scriptPanel`);
    first.dispatchEvent(new Event('error'));
    const failure: unknown = await signIn.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WeComSignInError);
    expect(failure).toMatchObject({ code: 'SIGN_IN_FAILED' });
    void api.signIn().catch(() => {});
    expect(document.head.querySelectorAll('script')).toHaveLength(2);
  });

  it('takes a panel file of the previous release, without `start`, as not loaded', async () => {
    const { win } = page('/portal');
    const { start: _start, ...previous } = fakePanel();
    win.WeComLoginPanel = previous as unknown as ScriptPanelModule;
    const api = startScript(win, tag(`${ORIGIN}/api/wecom:script`, { authenticator: 'wecom' }));
    const signIn = api.signIn().catch((error: unknown) => error);
    const loader = await vi.waitFor(() => {
      const found = document.head.querySelector('script');
      if (!found) throw new Error('no panel script yet');
      return found;
    });
    loader.dispatchEvent(new Event('load'));
    expect(await signIn).toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  it('navigates when the panel cannot be embedded (a sandbox or private deployment)', async () => {
    const sandbox = WEB_LOGIN.replace('https://login.work.weixin.qq.com', 'http://127.0.0.1:8787');
    const panel = fakePanel();
    const { win, assign } = page('/portal', {
      panel,
      answer: (url) =>
        url.endsWith('wecom:getAuthUrl') ? Response.json({ data: { url: sandbox } }) : Response.json(PUBLIC_LIST),
    });
    const api = startScript(win, tag(`${ORIGIN}/api/wecom:script`, { target: '#login', authenticator: 'wecom' }));
    await button();
    await api.signIn();
    expect(assign).toHaveBeenCalledExactlyOnceWith(sandbox);
    expect(panel.mounted).toHaveLength(0);
  });

  it('navigates from signIn() without a target to render into', async () => {
    const panel = fakePanel();
    const { win, assign } = page('/portal', {
      panel,
      answer: (url) =>
        url.endsWith('wecom:getAuthUrl') ? Response.json({ data: { url: WEB_LOGIN } }) : Response.json(PUBLIC_LIST),
    });
    const api = startScript(win, tag(`${ORIGIN}/api/wecom:script`, { authenticator: 'wecom' }));
    await api.signIn();
    expect(assign).toHaveBeenCalledExactlyOnceWith(WEB_LOGIN);
    expect(panel.mounted).toHaveLength(0);
  });

  it("shows the server's translated refusal", async () => {
    const panel = fakePanel();
    const { win } = page('/portal', {
      panel,
      answer: () =>
        Response.json(
          { errors: [{ message: '该企业微信登录方式未启用，请联系管理员。', code: 'AUTHENTICATOR_UNAVAILABLE' }] },
          { status: 400 },
        ),
    });
    const errors = vi.fn();
    document.addEventListener(ERROR_EVENT, errors, { once: true });
    startScript(win, tag(`${ORIGIN}/api/wecom:script`, { target: '#login', authenticator: 'off' }));
    const signInButton = await button('.wecom-login__button');
    signInButton.click();
    await vi.waitFor(() => expect(errors).toHaveBeenCalledOnce());
    expect(detailOf(errors)).toEqual({
      code: 'AUTHENTICATOR_UNAVAILABLE',
      message: '该企业微信登录方式未启用，请联系管理员。',
    });
    expect(document.querySelector('.wecom-login__error')?.textContent).toBe('该企业微信登录方式未启用，请联系管理员。');
    expect(signInButton.disabled).toBe(false);
  });

  it("explains a WeCom authenticator's failure, from the public list when the tag names none", async () => {
    const panel = fakePanel();
    const { win } = page('/signin?error=ACCESS_DENIED&authenticator=wecom', { panel });
    const errors = vi.fn();
    document.addEventListener(ERROR_EVENT, errors, { once: true });
    startScript(win, tag(`${ORIGIN}/api/wecom:script`, { target: '#login', locale: 'ru-RU' }));
    await vi.waitFor(() => expect(errors).toHaveBeenCalledOnce());
    const message = signInErrorMessage('ACCESS_DENIED', 'ru-RU');
    expect(detailOf(errors)).toEqual({ code: 'ACCESS_DENIED', message });
    expect(document.querySelector('.wecom-login__error')?.textContent).toBe(message);
  });

  it('tells a callback error with the event alone when there is no target', async () => {
    const panel = fakePanel();
    const { win } = page('/signin?error=NOT_A_MEMBER&authenticator=wecom', { panel });
    const errors = vi.fn();
    document.addEventListener(ERROR_EVENT, errors, { once: true });
    startScript(win, tag(`${ORIGIN}/api/wecom:script`, { authenticator: 'wecom' }));
    await vi.waitFor(() => expect(errors).toHaveBeenCalledOnce());
    expect(detailOf(errors)).toEqual({ code: 'NOT_A_MEMBER', message: signInErrorMessage('NOT_A_MEMBER') });
  });

  it("leaves another sign-in plugin's error alone", async () => {
    const panel = fakePanel();
    const { win } = page('/signin?error=TICKET_INVALID&authenticator=cas', { panel });
    const errors = vi.fn();
    document.addEventListener(ERROR_EVENT, errors);
    startScript(win, tag(`${ORIGIN}/api/wecom:script`, { target: '#login' }));
    await button('.wecom-login__button');
    await settled();
    expect(errors).not.toHaveBeenCalled();
    expect(document.querySelector<HTMLElement>('.wecom-login__error')?.hidden).toBe(true);
    document.removeEventListener(ERROR_EVENT, errors);
  });

  it('leaves alone an error that names no authenticator and is no code of ours', async () => {
    const panel = fakePanel();
    const { win } = page('/signin?error=access_denied', { panel });
    const errors = vi.fn();
    document.addEventListener(ERROR_EVENT, errors);
    startScript(win, tag(`${ORIGIN}/api/wecom:script`, { target: '#login', authenticator: 'wecom' }));
    await button('.wecom-login__button');
    await settled();
    expect(errors).not.toHaveBeenCalled();
    document.removeEventListener(ERROR_EVENT, errors);
  });

  it("leaves alone another WeCom authenticator's error when the tag names its own", async () => {
    const panel = fakePanel();
    const { win, requests } = page('/signin?error=USER_NOT_FOUND&authenticator=wecom-branch', { panel });
    const errors = vi.fn();
    document.addEventListener(ERROR_EVENT, errors);
    startScript(win, tag(`${ORIGIN}/api/wecom:script`, { target: '#login', authenticator: 'wecom' }));
    await button('.wecom-login__button');
    await settled();
    expect(errors).not.toHaveBeenCalled();
    expect(requests).toEqual([]);
    document.removeEventListener(ERROR_EVENT, errors);
  });

  it('loads no panel file when there is nothing to show', async () => {
    const { win } = page('/portal');
    const api = startScript(win, tag(`${ORIGIN}/api/wecom:script`, { authenticator: 'wecom' }));
    expect(await api.silentSignIn).toBeNull();
    await settled();
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('registers the JS-SDK through the panel file, with the page ww when there is one', async () => {
    const panel = fakePanel();
    const { win } = page('/portal?x=1', { panel });
    const ww = { register: vi.fn() };
    win.ww = ww;
    const api = startScript(win, tag(`${ORIGIN}/api/wecom:script`, { authenticator: 'wecom' }));
    await api.registerJsSdk({ jsApiList: ['getContext'] });
    expect(panel.registerJsSdk).toHaveBeenCalledWith(
      expect.objectContaining({
        baseUrl: ORIGIN,
        authenticator: 'wecom',
        jsApiList: ['getContext'],
        url: `${ORIGIN}/portal?x=1`,
        sdk: ww,
      }),
    );
  });
});

describe('the main file alone, without the panel file', () => {
  // The panel file's modules fail to import here: the main file's own modules must not need any of them.
  const PANEL_MODULES = [
    './script-panel',
    './script-view',
    './start-sign-in',
    './messages',
    './panel',
    './web-login',
    './js-sdk',
  ];
  let alone: typeof import('./script-main');

  beforeAll(async () => {
    vi.resetModules();
    for (const path of PANEL_MODULES) {
      vi.doMock(path, () => {
        throw new Error(`${path} belongs to the panel file`);
      });
    }
    alone = await import('./script-main');
  });

  afterAll(() => {
    for (const path of PANEL_MODULES) vi.doUnmock(path);
    vi.resetModules();
  });

  it('signs in silently in the WeCom client', async () => {
    const { win, replace } = page('/admin/orders', { userAgent: WECOM_USER_AGENTS.android });
    const api = alone.startScript(win, tag(`${ORIGIN}/api/wecom:script`, { target: '#login' }));
    const url = `${ORIGIN}/api/wecom:authorize?redirect=%2Fadmin%2Forders`;
    expect(await api.silentSignIn).toMatchObject({ action: 'redirect', url });
    expect(replace).toHaveBeenCalledExactlyOnceWith(url);
    await settled();
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(win.WeComLoginPanel).toBeUndefined();
  });

  it("takes a landing's session, and says so", async () => {
    const nonce = 'fedcba9876543210fedcba9876543210';
    document.cookie = `nb_wecom_landing_${nonce}=1; Path=/`;
    const fragment = encodeLandingSession({ token: 'eyJ.c.d', authenticator: 'wecom', nonce, hash: '' });
    const { win, address, replace } = page(`/admin${fragment}`, { userAgent: WECOM_USER_AGENTS.ios });
    const signedIn = vi.fn();
    document.addEventListener(alone.SIGNED_IN_EVENT, signedIn, { once: true });
    const api = alone.startScript(win, tag(`${ORIGIN}/api/wecom:script`, { target: '#login' }));
    expect(detailOf(signedIn)).toEqual({ token: 'eyJ.c.d', authenticator: 'wecom' });
    expect(window.localStorage.getItem('NOCOBASE_TOKEN')).toBe('eyJ.c.d');
    expect(address()).toBe('/admin');
    expect(await api.silentSignIn).toEqual({ action: 'stay', reason: 'session' });
    expect(replace).not.toHaveBeenCalled();
    await settled();
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });
});
