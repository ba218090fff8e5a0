// @vitest-environment jsdom
import { encodeLandingSession } from '../shared/session-fragment';
import type { Fetch } from './api';
import { LEAVING_HOLD_MS, type NocoBasePageWindow, startPageSignIn } from './page-sign-in';
import { type FakeAddress, fakeAddress } from './page-window.fixture';
import type { SessionStore } from './session';
import { OTHER_USER_AGENTS, WECOM_USER_AGENTS } from './user-agents.fixture';

const ORIGIN = 'https://nocobase.example.com';
const NONCE = 'c'.repeat(32);
const PUBLIC_LIST = {
  data: [
    { name: 'basic', authType: 'Email/Password', title: 'Password', options: {} },
    { name: 'wecom', authType: 'wecom', title: 'WeCom', options: { corpId: 'ww1', agentId: '1', autoLogin: true } },
  ],
};

interface Page {
  win: NocoBasePageWindow;
  replace: FakeAddress['replace'];
  requests: string[];
  address(): string;
}

/** A NocoBase page as its index.html sets it up, with jsdom's storage and cookies. */
function nocobasePage(path: string, options: { userAgent?: string; globals?: Partial<NocoBasePageWindow> } = {}): Page {
  const { location, history, replace, address } = fakeAddress(path, ORIGIN);
  const requests: string[] = [];
  const fetch: Fetch = async (input) => {
    requests.push(input);
    return Response.json(PUBLIC_LIST);
  };
  const win: NocoBasePageWindow = {
    location,
    history,
    navigator: { userAgent: options.userAgent ?? WECOM_USER_AGENTS.ios },
    localStorage: window.localStorage,
    sessionStorage: window.sessionStorage,
    document,
    fetch,
    setTimeout: (handler, ms) => setTimeout(handler, ms),
    __nocobase_public_path__: '/',
    __nocobase_api_base_url__: '/api/',
    ...options.globals,
  };
  return { win, replace, requests, address };
}

/** NocoBase's API client's `auth`, recording what it was given, in order. */
function recordingAuth(): SessionStore & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    setToken: (token) => calls.push(`token ${token}`),
    setAuthenticator: (name) => calls.push(`authenticator ${name}`),
  };
}

const landing = (path: string, hash = ''): string =>
  `${path}${encodeLandingSession({ token: 'eyJ.landed', authenticator: 'wecom', nonce: NONCE, hash })}`;

function clearCookies(): void {
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; Max-Age=0; Path=/`;
  }
}

/** Whether `promise` has settled once everything already queued has run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('startPageSignIn', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    window.localStorage.clear();
    window.sessionStorage.clear();
    clearCookies();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('in WeCom without a session, leaves for the homepage link and holds NocoBase back while the page leaves', async () => {
    const page = nocobasePage('/nb/admin/orders?tab=2#row-7', {
      globals: { __nocobase_public_path__: '/nb/', __nocobase_api_base_url__: '/nb/api/' },
    });
    const signIn = startPageSignIn(page.win);
    const auth = recordingAuth();
    const mayLoad = signIn.handOver(auth);
    // No name: the server takes its automatic-login authenticator, so the page asks nothing before it leaves.
    const url = `${ORIGIN}/nb/api/wecom:authorize?${new URLSearchParams({ redirect: '/nb/admin/orders?tab=2#row-7' })}`;
    expect(await signIn.decision).toEqual({ action: 'redirect', url, target: '/nb/admin/orders?tab=2#row-7' });
    expect(page.replace).toHaveBeenCalledExactlyOnceWith(url);
    expect(page.requests).toEqual([]);
    // Until the next document replaces this one NocoBase does not render, so its router cannot show /signin.
    expect(await settled(mayLoad)).toBe(false);
    await vi.advanceTimersByTimeAsync(LEAVING_HOLD_MS - 1);
    expect(await settled(mayLoad)).toBe(false);
    // A navigation that never happened: NocoBase goes on, and the one-attempt guard keeps the page.
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(mayLoad)).toBe(true);
    expect(auth.calls).toEqual([]);
    expect(await startPageSignIn(page.win).decision).toEqual({ action: 'stay', reason: 'recent-attempt' });
  });

  it('takes the landing’s session into NocoBase’s keys before deciding, then hands it to NocoBase’s client', async () => {
    document.cookie = `nb_wecom_landing_${NONCE}=1; Path=/`;
    const page = nocobasePage(landing('/admin/orders?tab=2', '#row-7'), {
      globals: { __nocobase_api_client_storage_prefix__: 'CRM_' },
    });
    const signIn = startPageSignIn(page.win);
    // Synchronously, as the module is evaluated: NocoBase's client reads it from here on.
    expect(window.localStorage.getItem('CRM_TOKEN')).toBe('eyJ.landed');
    expect(window.localStorage.getItem('CRM_AUTH')).toBe('wecom');
    expect(window.localStorage.getItem('NOCOBASE_TOKEN')).toBeNull();
    expect(page.address()).toBe('/admin/orders?tab=2#row-7');
    expect(await signIn.decision).toEqual({ action: 'stay', reason: 'session' });
    const auth = recordingAuth();
    const mayLoad = signIn.handOver(auth);
    expect(await settled(mayLoad)).toBe(true);
    // The authenticator first: NocoBase's tokenChanged event (its websocket's cue) reads it.
    expect(auth.calls).toEqual(['authenticator wecom', 'token eyJ.landed']);
    expect(page.requests).toEqual([]);
    expect(page.replace).not.toHaveBeenCalled();
  });

  it('stores nothing from a fragment no callback vouched for, and signs the person in as themselves', async () => {
    const page = nocobasePage(landing('/admin', '#x'));
    const signIn = startPageSignIn(page.win);
    expect(window.localStorage.getItem('NOCOBASE_TOKEN')).toBeNull();
    expect(page.address()).toBe('/admin#x');
    expect(await signIn.decision).toMatchObject({ action: 'redirect', target: '/admin#x' });
    const auth = recordingAuth();
    void signIn.handOver(auth);
    expect(auth.calls).toEqual([]);
  });

  it('with a memory session store, keeps the landing’s session for NocoBase’s client alone', async () => {
    document.cookie = `nb_wecom_landing_${NONCE}=1; Path=/`;
    const page = nocobasePage(landing('/admin'), { globals: { __nocobase_api_client_storage_type__: 'memory' } });
    const signIn = startPageSignIn(page.win);
    expect(window.localStorage.length + window.sessionStorage.length).toBe(0);
    expect(await signIn.decision).toEqual({ action: 'stay', reason: 'session' });
    const auth = recordingAuth();
    expect(await settled(signIn.handOver(auth))).toBe(true);
    expect(auth.calls).toEqual(['authenticator wecom', 'token eyJ.landed']);
  });

  it('reads the session where NocoBase keeps it: sessionStorage, or a sub-application’s own keys', async () => {
    window.sessionStorage.setItem('NOCOBASE_TOKEN', 'eyJ.session');
    const inSession = nocobasePage('/admin', { globals: { __nocobase_api_client_storage_type__: 'sessionStorage' } });
    expect(await startPageSignIn(inSession.win).decision).toEqual({ action: 'stay', reason: 'session' });
    window.sessionStorage.clear();
    // The main app's token is no session of the sub-application's.
    window.localStorage.setItem('NOCOBASE_TOKEN', 'eyJ.main');
    const subApp = nocobasePage('/apps/sales/admin');
    expect(await startPageSignIn(subApp.win).decision).toMatchObject({ action: 'redirect' });
    window.localStorage.setItem('NOCOBASE_SALES_TOKEN', 'eyJ.sales');
    window.sessionStorage.clear();
    expect(await startPageSignIn(nocobasePage('/apps/sales/admin').win).decision).toEqual({
      action: 'stay',
      reason: 'session',
    });
  });

  it.each<[string, Page]>([
    ['outside WeCom', nocobasePage('/admin', { userAgent: OTHER_USER_AGENTS.chromeWindows })],
    ['after a failed callback', nocobasePage('/signin?error=NOT_A_MEMBER&authenticator=wecom')],
  ])('lets NocoBase load at once %s', async (_, page) => {
    const signIn = startPageSignIn(page.win);
    expect(await signIn.decision).toMatchObject({ action: 'stay' });
    expect(await settled(signIn.handOver(recordingAuth()))).toBe(true);
    expect(page.replace).not.toHaveBeenCalled();
  });
});
