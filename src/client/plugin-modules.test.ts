import { LEAVING_HOLD_MS } from '../sdk-shim';
import { fakeAddress } from '../sdk-shim/page-window.fixture';
import { WECOM_USER_AGENTS } from '../sdk-shim/user-agents.fixture';
import { encodeLandingSession } from '../shared/session-fragment';

// NocoBase's runtime provides these modules to plugins; here, a plugin base class as NocoBase's and nothing else.
vi.mock('@nocobase/client', () => ({ Plugin: nocobase.Plugin }));
vi.mock('@nocobase/client-v2', () => ({ Plugin: nocobase.Plugin }));
vi.mock('./AdminSettingsForm', () => ({ AdminSettingsForm: () => null }));
vi.mock('./SignInButton', () => ({ SignInButton: () => null }));

const nocobase = vi.hoisted(() => {
  interface Auth {
    setToken(token: string): void;
    setAuthenticator(name: string): void;
  }
  class Plugin {
    constructor(
      readonly options: unknown,
      readonly app: { apiClient: { auth: Auth } },
    ) {}
    async afterAdd(): Promise<void> {}
    async load(): Promise<void> {}
  }
  return { Plugin };
});

interface PluginInstance {
  afterAdd(): Promise<void>;
}
type PluginModule = { default: new (options: unknown, app: { apiClient: { auth: unknown } }) => PluginInstance };

const ORIGIN = 'https://nocobase.example.com';
const NONCE = 'd'.repeat(32);
const PUBLIC_LIST = {
  data: [
    { name: 'wecom', authType: 'wecom', title: 'WeCom', options: { corpId: 'ww1', agentId: '1', autoLogin: true } },
  ],
};

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** The page NocoBase's index.html sets up, as `window` while the module is evaluated. */
function stubPage(path: string, cookie = '') {
  const { location, history, replace } = fakeAddress(path, ORIGIN);
  const page = {
    replace,
    fetch: vi.fn(async (_input: string) => Response.json(PUBLIC_LIST)),
    localStorage: memoryStorage(),
  };
  vi.stubGlobal('window', {
    location,
    history,
    navigator: { userAgent: WECOM_USER_AGENTS.android },
    localStorage: page.localStorage,
    sessionStorage: memoryStorage(),
    document: { cookie },
    fetch: page.fetch,
    setTimeout: (handler: () => void, ms: number) => setTimeout(handler, ms),
    __nocobase_public_path__: '/',
    __nocobase_api_base_url__: '/api/',
  });
  return page;
}

function recordingApp() {
  const calls: string[] = [];
  const auth = {
    setToken: (token: string) => calls.push(`token ${token}`),
    setAuthenticator: (name: string) => calls.push(`authenticator ${name}`),
  };
  return { app: { apiClient: { auth } }, calls };
}

describe.each([
  ['the classic shell', () => import('./index')],
  ['the /v/ shell', () => import('../client-v2/index')],
])('the plugin’s client module in %s', (_, load: () => Promise<PluginModule>) => {
  beforeEach(() => {
    vi.resetModules();
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('leaves for WeCom as it is evaluated, before NocoBase adds it or loads any plugin, and holds NocoBase back', async () => {
    const page = stubPage('/admin/orders?tab=2');
    const module = await load();
    // Within the evaluation itself, asking nothing first: the server knows the automatic-login authenticator.
    expect(page.replace).toHaveBeenCalledExactlyOnceWith(
      `${ORIGIN}/api/wecom:authorize?redirect=${encodeURIComponent('/admin/orders?tab=2')}`,
    );
    expect(page.fetch).not.toHaveBeenCalled();
    // NocoBase adds the plugin once every plugin's code is in; while the page leaves, it gets no further.
    let added = false;
    void new module.default({}, recordingApp().app).afterAdd().then(() => {
      added = true;
    });
    await vi.advanceTimersByTimeAsync(LEAVING_HOLD_MS - 1);
    expect(added).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(added).toBe(true);
  });

  it('takes the landing’s session as it is evaluated, and hands it to NocoBase’s API client when added', async () => {
    const landing = encodeLandingSession({ token: 'eyJ.landed', authenticator: 'wecom', nonce: NONCE, hash: '' });
    const page = stubPage(`/admin${landing}`, `nb_wecom_landing_${NONCE}=1`);
    const module = await load();
    expect(page.localStorage.getItem('NOCOBASE_TOKEN')).toBe('eyJ.landed');
    const { app, calls } = recordingApp();
    await new module.default({}, app).afterAdd();
    expect(calls).toEqual(['authenticator wecom', 'token eyJ.landed']);
    expect(page.fetch).not.toHaveBeenCalled();
    expect(page.replace).not.toHaveBeenCalled();
  });
});
