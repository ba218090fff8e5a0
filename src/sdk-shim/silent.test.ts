// @vitest-environment jsdom
import {
  AUTOMATIC_LOGIN,
  decideSilentSignIn,
  LAST_ATTEMPT_KEY,
  type SilentSignInInput,
  type SilentSignInWindow,
  startSilentSignIn,
} from './silent';
import { OTHER_USER_AGENTS, WECOM_USER_AGENTS } from './user-agents.fixture';

const sdkLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock('@wecom/jssdk', () => {
  sdkLoads.count += 1;
  return { createWWLoginPanel: vi.fn(), register: vi.fn() };
});

const ORIGIN = 'https://nocobase.example.com';
const NOW = 1_764_000_000_000;
const page = (path: string, origin = ORIGIN): SilentSignInInput['location'] => {
  const url = new URL(path, origin);
  return { origin: url.origin, pathname: url.pathname, search: url.search, hash: url.hash };
};
const base: SilentSignInInput = {
  userAgent: WECOM_USER_AGENTS.android,
  location: page('/admin/x9a8b7c?tab=2#row-7'),
  hasSession: false,
  authenticator: 'wecom',
  lastAttempt: null,
  now: NOW,
};
const authorize = (redirect: string, root = ORIGIN): string =>
  `${root}/api/wecom:authorize?${new URLSearchParams({ authenticator: 'wecom', redirect })}`;

describe('decideSilentSignIn', () => {
  it.each(Object.entries(WECOM_USER_AGENTS))('signs in on a deep link in the WeCom client (%s)', (_, userAgent) => {
    expect(decideSilentSignIn({ ...base, userAgent })).toEqual({
      action: 'redirect',
      url: authorize('/admin/x9a8b7c?tab=2#row-7'),
      target: '/admin/x9a8b7c?tab=2#row-7',
    });
  });

  it.each(Object.entries(OTHER_USER_AGENTS))('stays outside the WeCom client (%s)', (_, userAgent) => {
    expect(decideSilentSignIn({ ...base, userAgent })).toEqual({ action: 'stay', reason: 'not-wecom' });
  });

  // page → where the sign-in should land
  it.each([
    ['/signin', '/admin'],
    ['/signin?redirect=%2Fadmin%2Fx%3Ftab%3D2', '/admin/x?tab=2'],
    ['/signin/?redirect=/m/orders', '/m/orders'],
    ['/signin?redirect=https%3A%2F%2Fevil.example%2F', '/admin'],
    ['/signin?redirect=%2F%2Fevil.example', '/admin'],
    ['/v/signin', '/v/admin'],
    ['/v/signin?redirect=/v/admin/users', '/v/admin/users'],
    ['/admin', '/admin'],
    ['/m/orders/42?view=map', '/m/orders/42?view=map'],
    ['/v/admin/settings#plugins', '/v/admin/settings#plugins'],
    ['/', '/'],
  ])('on %s the target is %s', (path, target) => {
    expect(decideSilentSignIn({ ...base, location: page(path) })).toEqual({
      action: 'redirect',
      url: authorize(target),
      target,
    });
  });

  it.each([
    ['a session exists', { hasSession: true }, 'session'],
    ['a token just came back', { location: page('/admin?authenticator=wecom&token=eyJ.a.b') }, 'token-in-url'],
    [
      'a sign-in just failed',
      { location: page('/signin?error=USER_NOT_FOUND&authenticator=wecom&redirect=/admin') },
      'sign-in-error',
    ],
    ['the state was unknown', { location: page('/signin?error=STATE_INVALID') }, 'sign-in-error'],
    ['no authenticator signs in automatically', { authenticator: null }, 'no-authenticator'],
    ['the authenticator name is empty', { authenticator: '' }, 'no-authenticator'],
    ['on the sign-up page', { location: page('/signup') }, 'auth-page'],
    ['on a password page', { location: page('/v/forgot-password') }, 'auth-page'],
    ['NocoBase is on another origin', { baseUrl: 'https://other.example.com' }, 'other-origin'],
  ] as const)('stays when %s', (_, change, reason) => {
    expect(decideSilentSignIn({ ...base, ...change })).toEqual({ action: 'stay', reason });
  });

  it('takes the authenticator from the public list entry', () => {
    const decision = decideSilentSignIn({
      ...base,
      authenticator: {
        name: 'wecom',
        authType: 'wecom',
        title: 'WeCom',
        options: { corpId: 'ww1', agentId: '1', autoLogin: true },
      },
    });
    expect(decision).toMatchObject({ action: 'redirect', url: authorize('/admin/x9a8b7c?tab=2#row-7') });
  });

  it('leaves the name out for the automatic-login authenticator, which the server knows', () => {
    const decision = decideSilentSignIn({ ...base, authenticator: AUTOMATIC_LOGIN });
    expect(decision).toMatchObject({
      action: 'redirect',
      url: `${ORIGIN}/api/wecom:authorize?${new URLSearchParams({ redirect: '/admin/x9a8b7c?tab=2#row-7' })}`,
    });
  });

  describe('loops are impossible (wecom-protocol.md §9, complaint 9)', () => {
    it('tries once, then not again for the same page within a minute', () => {
      const first = decideSilentSignIn({ ...base, location: page('/admin') });
      expect(first.action).toBe('redirect');
      const attempt = { at: NOW, path: '/admin' };
      // The token did not stick: NocoBase sends the user to /signin?redirect=/admin, which targets the same page.
      for (const path of ['/admin', '/signin?redirect=%2Fadmin', '/admin/', '/admin?x=1']) {
        expect(decideSilentSignIn({ ...base, location: page(path), lastAttempt: attempt, now: NOW + 59_999 })).toEqual({
          action: 'stay',
          reason: 'recent-attempt',
        });
      }
    });

    it('tries again after a minute, or for another page', () => {
      const attempt = { at: NOW, path: '/admin' };
      expect(
        decideSilentSignIn({ ...base, location: page('/admin'), lastAttempt: attempt, now: NOW + 60_000 }).action,
      ).toBe('redirect');
      expect(decideSilentSignIn({ ...base, location: page('/m'), lastAttempt: attempt, now: NOW + 1 }).action).toBe(
        'redirect',
      );
    });

    it('counts a clock that went backwards as recent', () => {
      const attempt = { at: NOW, path: '/admin' };
      expect(
        decideSilentSignIn({ ...base, location: page('/admin'), lastAttempt: attempt, now: NOW - 3_600_000 }),
      ).toEqual({
        action: 'stay',
        reason: 'recent-attempt',
      });
    });

    it('never retries a failed callback, however old the last attempt', () => {
      const failed = page('/signin?error=CODE_INVALID&authenticator=wecom&redirect=%2Fadmin');
      expect(decideSilentSignIn({ ...base, location: failed, lastAttempt: null }).action).toBe('stay');
    });

    it('honours a custom window', () => {
      const attempt = { at: NOW, path: '/admin' };
      const input = { ...base, location: page('/admin'), lastAttempt: attempt, retryAfterMs: 5_000 };
      expect(decideSilentSignIn({ ...input, now: NOW + 4_999 }).action).toBe('stay');
      expect(decideSilentSignIn({ ...input, now: NOW + 5_000 }).action).toBe('redirect');
    });
  });

  describe('opted in by the person (the extension on a desktop browser)', () => {
    const desktop = { ...base, userAgent: OTHER_USER_AGENTS.chromeWindows, optedIn: true };

    it.each([
      ['/signin', '/admin'],
      ['/signin?redirect=%2Fadmin%2Fx%3Ftab%3D2', '/admin/x?tab=2'],
      ['/v/signin?redirect=/v/admin/users', '/v/admin/users'],
    ])('signs in from %s in any browser, landing on %s', (path, target) => {
      expect(decideSilentSignIn({ ...desktop, location: page(path) })).toEqual({
        action: 'redirect',
        url: authorize(target),
        target,
      });
    });

    it.each([
      ['/admin', 'not-sign-in-page'],
      ['/public-forms/abc', 'not-sign-in-page'],
      ['/', 'not-sign-in-page'],
      ['/signup', 'auth-page'],
      ['/signin?error=ACCESS_DENIED&authenticator=wecom', 'sign-in-error'],
    ] as const)('stays on %s (%s)', (path, reason) => {
      expect(decideSilentSignIn({ ...desktop, location: page(path) })).toEqual({ action: 'stay', reason });
    });

    it('keeps the one-attempt guard and the session check', () => {
      const attempt = { at: NOW, path: '/admin' };
      const signIn = page('/signin?redirect=%2Fadmin');
      expect(decideSilentSignIn({ ...desktop, location: signIn, lastAttempt: attempt, now: NOW + 1 })).toEqual({
        action: 'stay',
        reason: 'recent-attempt',
      });
      expect(decideSilentSignIn({ ...desktop, location: signIn, hasSession: true }).action).toBe('stay');
    });

    it('is the in-client rule without it: a desktop browser stays', () => {
      expect(decideSilentSignIn({ ...desktop, optedIn: false, location: page('/signin') })).toEqual({
        action: 'stay',
        reason: 'not-wecom',
      });
    });
  });

  describe('under an APP_PUBLIC_PATH', () => {
    const prefixed = { ...base, publicPath: '/nocobase/' };

    it.each([
      ['/nocobase/admin/x', '/nocobase/admin/x'],
      ['/nocobase/signin', '/nocobase/admin'],
      ['/nocobase/v/signin', '/nocobase/v/admin'],
      ['/nocobase/signin?redirect=/admin/y', '/nocobase/admin/y'],
      ['/nocobase/signin?redirect=/nocobase/admin/y', '/nocobase/admin/y'],
      ['/nocobase/signin?redirect=/api/users:destroy', '/nocobase/admin'],
      ['/nocobase', '/nocobase'],
    ])('on %s the target is %s', (path, target) => {
      expect(decideSilentSignIn({ ...prefixed, location: page(path) })).toEqual({
        action: 'redirect',
        url: authorize(target, `${ORIGIN}/nocobase`),
        target,
      });
    });

    it('stays on pages outside the app', () => {
      expect(decideSilentSignIn({ ...prefixed, location: page('/portal/index.html') })).toEqual({
        action: 'stay',
        reason: 'outside-app',
      });
      expect(decideSilentSignIn({ ...prefixed, location: page('/nocobasex/admin') }).action).toBe('stay');
    });

    it('reads the public path from the base URL when not given', () => {
      const decision = decideSilentSignIn({
        ...base,
        baseUrl: `${ORIGIN}/nocobase`,
        location: page('/nocobase/signin'),
      });
      expect(decision).toMatchObject({ action: 'redirect', target: '/nocobase/admin' });
    });

    it('matches an attempt whether the target carries the prefix or not', () => {
      const attempt = { at: NOW, path: '/admin' };
      for (const path of [
        '/nocobase/admin',
        '/nocobase/signin?redirect=/admin',
        '/nocobase/signin?redirect=/nocobase/admin',
      ]) {
        expect(
          decideSilentSignIn({ ...prefixed, location: page(path), lastAttempt: attempt, now: NOW + 1 }).action,
        ).toBe('stay');
      }
    });
  });
});

describe('startSilentSignIn', () => {
  const replace = vi.fn<(url: string) => void>();
  const fakeWindow = (path: string, userAgent: string = WECOM_USER_AGENTS.ios): SilentSignInWindow => {
    const url = new URL(path, ORIGIN);
    return {
      location: { origin: url.origin, pathname: url.pathname, search: url.search, hash: url.hash, replace },
      navigator: { userAgent },
      localStorage: window.localStorage,
      sessionStorage: window.sessionStorage,
    };
  };
  const publicList = {
    data: [
      { name: 'basic', authType: 'Email/Password', title: 'Password', options: {} },
      {
        name: 'wecom',
        authType: 'wecom',
        title: 'WeCom',
        options: { corpId: 'ww1', agentId: '1000002', autoLogin: true },
      },
    ],
  };
  const listFetch = vi.fn(async (_input: string, _init?: RequestInit) => Response.json(publicList));

  beforeEach(() => {
    window.localStorage.clear();
    window.sessionStorage.clear();
    replace.mockClear();
    listFetch.mockClear();
    sdkLoads.count = 0;
  });

  it('replaces the page with the homepage link without a name, for the server to take its automatic-login authenticator, asking nothing first and loading no JS-SDK', async () => {
    const decision = await startSilentSignIn({
      window: fakeWindow('/admin/x9a8b7c?tab=2'),
      fetch: listFetch,
      now: () => NOW,
    });
    const url = `${ORIGIN}/api/wecom:authorize?${new URLSearchParams({ redirect: '/admin/x9a8b7c?tab=2' })}`;
    expect(decision).toEqual({ action: 'redirect', url, target: '/admin/x9a8b7c?tab=2' });
    expect(replace).toHaveBeenCalledExactlyOnceWith(url);
    expect(listFetch).not.toHaveBeenCalled();
    expect(JSON.parse(window.sessionStorage.getItem(LAST_ATTEMPT_KEY) ?? 'null')).toEqual({
      at: NOW,
      path: '/admin/x9a8b7c',
    });
    expect(sdkLoads.count).toBe(0);
  });

  it('does not ask the server when the page names the authenticator', async () => {
    const decision = await startSilentSignIn({ window: fakeWindow('/m'), fetch: listFetch, authenticator: 'corp-b' });
    expect(decision).toMatchObject({
      action: 'redirect',
      url: `${ORIGIN}/api/wecom:authorize?authenticator=corp-b&redirect=%2Fm`,
    });
    expect(listFetch).not.toHaveBeenCalled();
  });

  it('uses a list at hand, and stays when none of it signs in automatically', async () => {
    const manual = [
      {
        name: 'wecom',
        authType: 'wecom' as const,
        title: 'WeCom',
        options: { corpId: 'ww1', agentId: '1', autoLogin: false },
      },
    ];
    expect(await startSilentSignIn({ window: fakeWindow('/admin'), fetch: listFetch, authenticators: manual })).toEqual(
      {
        action: 'stay',
        reason: 'no-authenticator',
      },
    );
    expect(listFetch).not.toHaveBeenCalled();
    expect(replace).not.toHaveBeenCalled();
  });

  it('asks nothing and goes nowhere outside WeCom, with a session, or after a failure', async () => {
    window.localStorage.setItem('NOCOBASE_TOKEN', 'eyJ.a.b');
    expect(await startSilentSignIn({ window: fakeWindow('/admin'), fetch: listFetch })).toEqual({
      action: 'stay',
      reason: 'session',
    });
    window.localStorage.clear();
    expect(
      await startSilentSignIn({ window: fakeWindow('/admin', OTHER_USER_AGENTS.weChatAndroid), fetch: listFetch }),
    ).toEqual({
      action: 'stay',
      reason: 'not-wecom',
    });
    expect(
      await startSilentSignIn({
        window: fakeWindow('/signin?error=NOT_A_MEMBER&authenticator=wecom'),
        fetch: listFetch,
      }),
    ).toEqual({ action: 'stay', reason: 'sign-in-error' });
    expect(listFetch).not.toHaveBeenCalled();
    expect(replace).not.toHaveBeenCalled();
  });

  it('reads the session where the page says NocoBase keeps it, and again after asking for the authenticator', async () => {
    // NocoBase's default key holds a token of another app: it is not this page's session.
    window.localStorage.setItem('NOCOBASE_TOKEN', 'eyJ.other.app');
    const hasSession = vi.fn(() => false);
    expect((await startSilentSignIn({ window: fakeWindow('/admin'), fetch: listFetch, hasSession })).action).toBe(
      'redirect',
    );
    expect(hasSession).toHaveBeenCalledOnce();
    // Opted in, the list is read first: a session that appears meanwhile (another tab signed in) keeps the page.
    window.sessionStorage.clear();
    let signedIn = false;
    const slowList = vi.fn(async (input: string, init?: RequestInit) => {
      signedIn = true;
      return listFetch(input, init);
    });
    const signInPage = fakeWindow('/signin?redirect=%2Fadmin', OTHER_USER_AGENTS.chromeWindows);
    expect(
      await startSilentSignIn({ window: signInPage, fetch: slowList, hasSession: () => signedIn, optedIn: true }),
    ).toEqual({ action: 'stay', reason: 'session' });
    expect(slowList).toHaveBeenCalledOnce();
    expect(replace).toHaveBeenCalledOnce();
  });

  it('tries once per page and minute, however often the page loads', async () => {
    let now = NOW;
    const env = { fetch: listFetch, now: () => now };
    expect((await startSilentSignIn({ ...env, window: fakeWindow('/admin') })).action).toBe('redirect');
    now += 2_000;
    // The token was refused: NocoBase's client sent the user to its sign-in page.
    expect(await startSilentSignIn({ ...env, window: fakeWindow('/signin?redirect=%2Fadmin') })).toEqual({
      action: 'stay',
      reason: 'recent-attempt',
    });
    expect(await startSilentSignIn({ ...env, window: fakeWindow('/admin') })).toEqual({
      action: 'stay',
      reason: 'recent-attempt',
    });
    expect(replace).toHaveBeenCalledOnce();
    now += 60_000;
    expect((await startSilentSignIn({ ...env, window: fakeWindow('/admin') })).action).toBe('redirect');
  });

  it('stays when the attempt cannot be recorded, since nothing would stop the next one', async () => {
    const win = fakeWindow('/admin');
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(await startSilentSignIn({ window: { ...win, sessionStorage: full }, authenticator: 'wecom' })).toEqual({
      action: 'stay',
      reason: 'storage-unavailable',
    });
    const blocked = Object.defineProperty({ ...win }, 'sessionStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    expect(await startSilentSignIn({ window: blocked, authenticator: 'wecom' })).toMatchObject({ action: 'stay' });
    expect(replace).not.toHaveBeenCalled();
  });

  it('opted in, stays when the public list cannot be read', async () => {
    const down = vi.fn(async () => new Response('Bad gateway', { status: 502 }));
    const signInPage = fakeWindow('/signin?redirect=%2Fadmin', OTHER_USER_AGENTS.chromeWindows);
    expect(await startSilentSignIn({ window: signInPage, fetch: down, optedIn: true })).toEqual({
      action: 'stay',
      reason: 'no-authenticator',
    });
    expect(replace).not.toHaveBeenCalled();
  });

  it('opted in, signs in from the sign-in page of a desktop browser, with the first WeCom authenticator', async () => {
    const manual = [
      {
        name: 'corp-b',
        authType: 'wecom' as const,
        title: 'WeCom',
        options: { corpId: 'ww1', agentId: '1', autoLogin: false },
      },
    ];
    const win = fakeWindow('/signin?redirect=%2Fadmin', OTHER_USER_AGENTS.chromeWindows);
    const decision = await startSilentSignIn({ window: win, authenticators: manual, optedIn: true, now: () => NOW });
    const url = `${ORIGIN}/api/wecom:authorize?authenticator=corp-b&redirect=%2Fadmin`;
    expect(decision).toEqual({ action: 'redirect', url, target: '/admin' });
    expect(replace).toHaveBeenCalledExactlyOnceWith(url);
    expect(JSON.parse(window.sessionStorage.getItem(LAST_ATTEMPT_KEY) ?? 'null')).toEqual({ at: NOW, path: '/admin' });
    // The same guard as in the client: the next load of the page within a minute stays.
    expect(await startSilentSignIn({ window: win, authenticators: manual, optedIn: true, now: () => NOW + 1 })).toEqual(
      { action: 'stay', reason: 'recent-attempt' },
    );
  });

  it('works under an APP_PUBLIC_PATH given by the base URL', async () => {
    const decision = await startSilentSignIn({
      window: fakeWindow('/nocobase/signin?redirect=%2Fnocobase%2Fm'),
      baseUrl: `${ORIGIN}/nocobase`,
      authenticator: 'wecom',
    });
    expect(decision).toMatchObject({ action: 'redirect', url: authorize('/nocobase/m', `${ORIGIN}/nocobase`) });
  });
});

describe('the JS-SDK probe', () => {
  it('does count a load of @wecom/jssdk, so the zero counts above mean something', async () => {
    sdkLoads.count = 0;
    await import('@wecom/jssdk');
    expect(sdkLoads.count).toBe(1);
  });
});
