// @vitest-environment jsdom

import zhCN from '../locale/zh-CN.json';
import type { LoginPanelSdk } from '../sdk-shim';
import { LAST_ATTEMPT_KEY } from '../sdk-shim';
import { SIGN_IN_ERRORS } from '../shared/sign-in-errors';
import { fakeLocation } from '../testing/fake-location';
import { ENTRY_TEST_IDS, OVERLAY_ATTRIBUTE } from './entry';
import { createPage, type PageEnv, type PageWindow } from './page';
import { HOST_ATTRIBUTE } from './placement';
import { addPluginButton, renderSignInPage } from './sign-in-page.fixture';

const ORIGIN = 'https://nb.example.com';
const NOW = 1_764_000_000_000;
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const SANDBOX_LOGIN =
  'http://127.0.0.1:8787/wwlogin/sso/login?login_type=CorpApp&appid=ww1&agentid=1&redirect_uri=x&state=s';
const WECOM_LOGIN = `https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=ww1&agentid=1000002&redirect_uri=${encodeURIComponent(`${ORIGIN}/api/wecom:redirect`)}&state=s`;

const publicList = {
  data: [
    { name: 'basic', authType: 'Email/Password', title: 'Password', options: {} },
    { name: 'wecom', authType: 'wecom', title: 'WeCom', options: { corpId: 'ww1', agentId: '1', autoLogin: false } },
  ],
};

interface World {
  win: PageWindow;
  env: PageEnv;
  navigations: string[];
  replaced: string[];
  timers: Array<() => void>;
  fetch: ReturnType<typeof vi.fn<NonNullable<PageEnv['fetch']>>>;
  createPanel: ReturnType<typeof vi.fn<LoginPanelSdk['createWWLoginPanel']>>;
  go(path: string): void;
}

function world(path: string, options: { authUrl?: string; config?: Partial<PageEnv['config']> } = {}): World {
  let url = new URL(path, ORIGIN);
  const navigations: string[] = [];
  const replaced: string[] = [];
  const timers: Array<() => void> = [];
  const location = fakeLocation(() => url, {
    assign: (to) => void navigations.push(to),
    replace: (to) => void replaced.push(to),
  });
  const win: PageWindow = {
    document,
    location,
    navigator: { userAgent: CHROME },
    localStorage: window.localStorage,
    sessionStorage: window.sessionStorage,
    setTimeout: (handler: () => void) => timers.push(handler),
  };
  const fetch = vi.fn<NonNullable<PageEnv['fetch']>>(async (input) => {
    if (input.endsWith('/api/authenticators:publicList')) return Response.json(publicList);
    if (input.endsWith('/api/wecom:getAuthUrl'))
      return Response.json({ data: { url: options.authUrl ?? SANDBOX_LOGIN } });
    return new Response('not found', { status: 404 });
  });
  const createPanel = vi.fn<LoginPanelSdk['createWWLoginPanel']>(() => ({
    el: document.createElement('iframe'),
    unmount: vi.fn(),
  }));
  const env: PageEnv = {
    window: win,
    config: { origin: ORIGIN, authenticator: 'wecom', autoStart: false, ...options.config },
    texts: { signIn: 'Sign in with WeCom', panelHint: 'Scan with WeCom', close: 'Close' },
    locale: 'en-US',
    loadPanelSdk: async () => ({ createWWLoginPanel: createPanel }),
    fetch,
    now: () => NOW,
  };
  return {
    win,
    env,
    navigations,
    replaced,
    timers,
    fetch,
    createPanel,
    go(next) {
      url = new URL(next, ORIGIN);
    },
  };
}

const host = () => document.querySelector<HTMLElement>(`[${HOST_ATTRIBUTE}]`);
const inEntry = (testId: string) => host()?.shadowRoot?.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const overlay = () => document.querySelector<HTMLElement>(`[${OVERLAY_ATTRIBUTE}]`);
const inOverlay = (testId: string) => overlay()?.shadowRoot?.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const initOf = (call: unknown[] | undefined) => (call?.[1] ?? {}) as RequestInit;
const bodyOf = (call: unknown[] | undefined) => JSON.parse(String(initOf(call).body));
const authenticatorOf = (call: unknown[] | undefined) => new Headers(initOf(call).headers).get('X-Authenticator');

beforeEach(() => {
  document.head.innerHTML = `<script>window['__nocobase_public_path__'] = '/';
window['__nocobase_api_base_url__'] = '/api/';</script>`;
  document.body.innerHTML = '';
  window.localStorage.clear();
  window.sessionStorage.clear();
});

describe('the entry on the sign-in page', () => {
  it.each(['/signin', '/v/signin?redirect=%2Fv%2Fadmin'])("is rendered after NocoBase's form on %s", (path) => {
    renderSignInPage(document);
    createPage(world(path).env).update();
    expect(document.querySelector('form')?.nextElementSibling).toBe(host());
    expect(inEntry(ENTRY_TEST_IDS.button)?.textContent).toBe('Sign in with WeCom');
    // WeCom's mark, hidden from assistive technology: the label alone names the button.
    expect(inEntry(ENTRY_TEST_IDS.button)?.querySelector('svg.mark')?.getAttribute('aria-hidden')).toBe('true');
    expect(inEntry(ENTRY_TEST_IDS.error)?.hidden).toBe(true);
  });

  it('is not rendered on other pages, and goes when NocoBase leaves the sign-in page', () => {
    renderSignInPage(document);
    const w = world('/admin');
    const page = createPage(w.env);
    page.update();
    expect(host()).toBeNull();
    w.go('/signin?redirect=%2Fadmin');
    page.update();
    expect(host()).not.toBeNull();
    w.go('/admin');
    page.update();
    expect(host()).toBeNull();
  });

  it("is not added where the plugin's own button is, and goes when that button comes later", () => {
    renderSignInPage(document, { pluginButton: true });
    const page = createPage(world('/signin').env);
    page.update();
    expect(host()).toBeNull();
    renderSignInPage(document);
    page.update();
    expect(host()).not.toBeNull();
    addPluginButton(document);
    page.update();
    expect(host()).toBeNull();
  });

  it('floats over the page when no form shows within the wait', () => {
    renderSignInPage(document, { noForm: true });
    const w = world('/signin');
    let now = NOW;
    const page = createPage({ ...w.env, now: () => now, waitForFormMs: 5_000 });
    page.update();
    expect(host()).toBeNull();
    expect(w.timers).toHaveLength(1);
    now += 5_000;
    w.timers[0]?.();
    expect(host()?.parentElement).toBe(document.body);
  });

  it("shows the callback's error when it is ours, translated", async () => {
    renderSignInPage(document);
    const w = world('/signin?error=USER_NOT_FOUND&authenticator=wecom&redirect=%2Fadmin');
    createPage({ ...w.env, locale: 'zh-CN' }).update();
    await settle();
    expect(inEntry(ENTRY_TEST_IDS.error)?.textContent).toBe(zhCN[SIGN_IN_ERRORS.USER_NOT_FOUND]);
    expect(inEntry(ENTRY_TEST_IDS.error)?.hidden).toBe(false);
    expect(w.fetch).not.toHaveBeenCalled();
  });

  it("leaves another sign-in's error to NocoBase, and asks for the list only when none is configured", async () => {
    renderSignInPage(document);
    const other = world('/signin?error=INVALID_TOKEN&authenticator=oidc', { config: { authenticator: '' } });
    createPage(other.env).update();
    await settle();
    expect(inEntry(ENTRY_TEST_IDS.error)?.hidden).toBe(true);
    expect(other.fetch).toHaveBeenCalledExactlyOnceWith(`${ORIGIN}/api/authenticators:publicList`, expect.anything());

    document.body.innerHTML = '';
    renderSignInPage(document);
    const ours = world('/signin?error=ACCESS_DENIED&authenticator=wecom', { config: { authenticator: '' } });
    createPage(ours.env).update();
    await settle();
    expect(inEntry(ENTRY_TEST_IDS.error)?.textContent).toBe(SIGN_IN_ERRORS.ACCESS_DENIED);
  });
});

describe('signing in', () => {
  it("goes to WeCom's login where the panel cannot be embedded, landing where NocoBase was sent from", async () => {
    renderSignInPage(document);
    const w = world('/signin?redirect=%2Fadmin%2Fx%3Ftab%3D2');
    createPage(w.env).update();
    inEntry(ENTRY_TEST_IDS.button)?.click();
    await vi.waitFor(() => expect(w.navigations).toEqual([SANDBOX_LOGIN]));
    const call = w.fetch.mock.calls.find(([input]) => input.endsWith('/api/wecom:getAuthUrl'));
    expect(bodyOf(call)).toEqual({ redirect: '/admin/x?tab=2' });
    expect(authenticatorOf(call)).toBe('wecom');
    expect(overlay()).toBeNull();
  });

  it("embeds WeCom's panel in the entry's shadow root, loading its code only then", async () => {
    renderSignInPage(document);
    const w = world('/signin', { authUrl: WECOM_LOGIN });
    const loadPanelSdk = vi.fn(w.env.loadPanelSdk);
    const page = createPage({ ...w.env, loadPanelSdk });
    page.update();
    expect(loadPanelSdk).not.toHaveBeenCalled();
    expect(await page.signIn('wecom')).toEqual({ started: true });
    await vi.waitFor(() => expect(w.createPanel).toHaveBeenCalledOnce());
    const options = w.createPanel.mock.calls[0]?.[0];
    expect(options?.el).toBe(inOverlay(ENTRY_TEST_IDS.panel));
    expect(options?.params).toMatchObject({ appid: 'ww1', agentid: '1000002', redirect_type: 'top' });
    // Outside the tree NocoBase re-renders, so that moving the entry never reloads WeCom's iframe.
    expect(overlay()?.parentElement).toBe(document.body);
    expect(w.navigations).toEqual([]);
    renderSignInPage(document);
    page.update();
    expect(w.createPanel.mock.results[0]?.value.unmount).not.toHaveBeenCalled();
    document.querySelector('input')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(overlay()).toBeNull();
    expect(w.createPanel.mock.results[0]?.value.unmount).toHaveBeenCalled();

    // Again, then closed with its button.
    await page.signIn('wecom');
    await vi.waitFor(() => expect(w.createPanel).toHaveBeenCalledTimes(2));
    inOverlay(ENTRY_TEST_IDS.close)?.click();
    expect(overlay()).toBeNull();
  });

  it("goes to WeCom's page when the panel's code does not load", async () => {
    renderSignInPage(document);
    const w = world('/signin', { authUrl: WECOM_LOGIN });
    const page = createPage({ ...w.env, loadPanelSdk: () => Promise.reject(new Error('no panel')) });
    page.update();
    await page.signIn('wecom');
    await vi.waitFor(() => expect(w.navigations).toEqual([WECOM_LOGIN]));
    expect(overlay()).toBeNull();
  });

  it('redirects for the popup on a page without the entry, and lets the core choose the authenticator', async () => {
    const w = world('/admin/orders?x=1', { authUrl: WECOM_LOGIN });
    expect(await createPage(w.env).signIn('')).toEqual({ started: true });
    expect(w.navigations).toEqual([WECOM_LOGIN]);
    const call = w.fetch.mock.calls.find(([input]) => input.endsWith('/api/wecom:getAuthUrl'));
    expect(bodyOf(call)).toEqual({ redirect: '/admin/orders?x=1' });
    // No automatic-login authenticator in the list: a sign-in asked for takes the first WeCom one.
    expect(authenticatorOf(call)).toBe('wecom');
  });

  it("shows and answers the server's refusal, translated by the server", async () => {
    renderSignInPage(document);
    const w = world('/signin');
    w.fetch.mockImplementation(async () =>
      Response.json(
        { errors: [{ code: 'AUTHENTICATOR_UNAVAILABLE', message: '此企业微信登录未启用' }] },
        { status: 400 },
      ),
    );
    const page = createPage(w.env);
    page.update();
    expect(await page.signIn('wecom')).toEqual({ started: false, reason: 'REFUSED', message: '此企业微信登录未启用' });
    expect(inEntry(ENTRY_TEST_IDS.error)?.textContent).toBe('此企业微信登录未启用');
    expect(w.navigations).toEqual([]);
  });

  it('translates a failure without an answer itself, and asks once for a double click', async () => {
    renderSignInPage(document);
    const w = world('/signin');
    w.fetch.mockImplementation(async () => {
      throw new TypeError('Failed to fetch');
    });
    const page = createPage({ ...w.env, locale: 'zh-CN' });
    page.update();
    const [first, second] = await Promise.all([page.signIn('wecom'), page.signIn('wecom')]);
    expect(first).toEqual({ started: false, reason: 'REFUSED', message: zhCN[SIGN_IN_ERRORS.SIGN_IN_FAILED] });
    expect(second).toBe(first);
    expect(w.fetch).toHaveBeenCalledOnce();
  });
});

describe('auto-start', () => {
  const authorize = (redirect: string) =>
    `${ORIGIN}/api/wecom:authorize?${new URLSearchParams({ authenticator: 'wecom', redirect })}`;

  it('signs in from the sign-in page by itself, once, without showing the entry first', async () => {
    renderSignInPage(document);
    const w = world('/signin?redirect=%2Fadmin', { config: { autoStart: true } });
    createPage(w.env).update();
    expect(host()).toBeNull();
    await vi.waitFor(() => expect(w.replaced).toEqual([authorize('/admin')]));
    expect(JSON.parse(window.sessionStorage.getItem(LAST_ATTEMPT_KEY) ?? 'null')).toEqual({ at: NOW, path: '/admin' });
    expect(host()).toBeNull();

    // Back on the same page within a minute (the person left WeCom's page): the guard keeps it there.
    const again = world('/signin?redirect=%2Fadmin', { config: { autoStart: true } });
    createPage(again.env).update();
    await vi.waitFor(() => expect(host()).not.toBeNull());
    expect(again.replaced).toEqual([]);
  });

  it('starts when NocoBase sends a page that needs a session to its sign-in page', async () => {
    renderSignInPage(document);
    const w = world('/admin/orders', { config: { autoStart: true } });
    const page = createPage(w.env);
    page.update();
    await settle();
    expect(w.replaced).toEqual([]);
    w.go('/signin?redirect=%2Fadmin%2Forders');
    page.update();
    await vi.waitFor(() => expect(w.replaced).toEqual([authorize('/admin/orders')]));
  });

  it.each([
    ['after a failed callback', '/signin?error=ACCESS_DENIED&authenticator=wecom', {}],
    ['with a session', '/signin', { session: true }],
    ['when the origin is not set to', '/signin', { off: true }],
  ])('stays %s, and shows the entry', async (_case, path, { session, off }: { session?: boolean; off?: boolean }) => {
    if (session) window.localStorage.setItem('NOCOBASE_TOKEN', 'eyJ.a.b');
    renderSignInPage(document);
    const w = world(path, { config: { autoStart: !off } });
    createPage(w.env).update();
    await vi.waitFor(() => expect(host()).not.toBeNull());
    expect(w.replaced).toEqual([]);
  });
});
