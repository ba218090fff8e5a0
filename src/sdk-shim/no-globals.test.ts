// The node environment: a browser global that exists here exists only because this test put a trap in its place.
const sdk = vi.hoisted(() => ({ loads: 0 }));
vi.mock('@wecom/jssdk', () => {
  sdk.loads += 1;
  return {};
});

const BROWSER_GLOBALS = [
  'window',
  'self',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'fetch',
  'CustomEvent',
  'HTMLScriptElement',
] as const;

describe('importing the shim', () => {
  const touched: string[] = [];
  const saved = new Map<string, PropertyDescriptor | undefined>();

  beforeAll(() => {
    for (const name of BROWSER_GLOBALS) {
      saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          touched.push(name);
          throw new Error(`${name} read while importing`);
        },
      });
    }
  });

  afterAll(() => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else Reflect.deleteProperty(globalThis, name);
    }
  });

  it.each(['./index', './script-main'])('%s touches no browser global and loads no JS-SDK', async (path) => {
    vi.resetModules();
    const module: Record<string, unknown> = await import(path);
    expect(Object.keys(module).length).toBeGreaterThan(0);
    expect(touched).toEqual([]);
    expect(sdk.loads).toBe(0);
  });

  it('exports the public API', async () => {
    const shim = await import('./index');
    for (const name of [
      'isWeComUserAgent',
      'findWeComAuthenticators',
      'autoLoginAuthenticator',
      'readSignInError',
      'signInErrorMessage',
      'deepLink',
      'authorizeLink',
      'decideSilentSignIn',
      'webLoginPanelParams',
      'canEmbedPanel',
      'getAuthUrl',
      'fetchPublicAuthenticators',
      'startSilentSignIn',
      'mountLoginPanel',
      'registerJsSdk',
      'takeSessionFromUrl',
      'storageSessionStore',
      'landingPath',
      'pagePaths',
      'WeComSignInError',
      'chooseAuthenticator',
      'startSignIn',
      'signInTarget',
      'signInRedirect',
      'ownSignInError',
      'isSignInErrorCode',
    ]) {
      expect(shim).toHaveProperty(name, expect.any(Function));
    }
    expect(touched).toEqual([]);
  });

  it('would notice: the script entry, which starts on load, trips the trap', async () => {
    vi.resetModules();
    await expect(import('./script')).rejects.toThrow('read while importing');
    expect(touched).toContain('document');
    touched.length = 0;
  });
});
