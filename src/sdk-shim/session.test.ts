// @vitest-environment jsdom
import { encodeLandingSession } from '../shared/session-fragment';
import {
  NOCOBASE_AUTHENTICATOR_KEY,
  NOCOBASE_TOKEN_KEY,
  type NocoBaseStorageConfig,
  nocobaseSessionPlace,
  readNocoBaseSession,
  storageSessionStore,
  takeSessionFromUrl,
} from './session';

const NONCE = 'f'.repeat(32);
const landing = (path: string, hash = '', nonce = NONCE): string =>
  `${path}${encodeLandingSession({ token: 'eyJ.a.b', authenticator: 'wecom', nonce, hash })}`;

function clearCookies(): void {
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; Max-Age=0; Path=/`;
  }
}

describe('takeSessionFromUrl', () => {
  beforeEach(() => {
    window.localStorage.clear();
    clearCookies();
    window.history.replaceState(null, '', '/');
  });

  it('stores the session the callback vouched for and puts the deep link’s own fragment back', () => {
    document.cookie = `nb_wecom_landing_${NONCE}=1; Path=/`;
    window.history.replaceState({ keep: 1 }, '', landing('/portal/orders?tab=2', '#row-7'));
    const store = storageSessionStore(window.localStorage);
    expect(takeSessionFromUrl(window, store)).toEqual({ token: 'eyJ.a.b', authenticator: 'wecom' });
    expect(window.localStorage.getItem(NOCOBASE_TOKEN_KEY)).toBe('eyJ.a.b');
    expect(window.localStorage.getItem(NOCOBASE_AUTHENTICATOR_KEY)).toBe('wecom');
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe(
      '/portal/orders?tab=2#row-7',
    );
    expect(window.history.state).toEqual({ keep: 1 });
    // Used once: the cookie is gone, so the same URL opened again stores nothing.
    expect(document.cookie).not.toContain('nb_wecom_landing_');
    window.localStorage.clear();
    window.history.replaceState(null, '', landing('/portal'));
    expect(takeSessionFromUrl(window, store)).toBeNull();
    expect(window.localStorage.getItem(NOCOBASE_TOKEN_KEY)).toBeNull();
  });

  it('stores nothing from a fragment no callback vouched for (a link made by someone else), and removes it', () => {
    document.cookie = `nb_wecom_landing_${'e'.repeat(32)}=1; Path=/`;
    window.history.replaceState(null, '', landing('/admin', '#x'));
    expect(takeSessionFromUrl(window, storageSessionStore(window.localStorage))).toBeNull();
    expect(window.localStorage.getItem(NOCOBASE_TOKEN_KEY)).toBeNull();
    expect(`${window.location.pathname}${window.location.hash}`).toBe('/admin#x');
  });

  it('ignores a token in the query: a landing never has one', () => {
    window.history.replaceState(null, '', '/admin?authenticator=wecom&token=eyJ.a.b#frag');
    expect(takeSessionFromUrl(window, storageSessionStore(window.localStorage))).toBeNull();
    expect(window.location.hash).toBe('#frag');
  });

  it('still takes the fragment out of the address bar when storage refuses the session', () => {
    document.cookie = `nb_wecom_landing_${NONCE}=1; Path=/`;
    window.history.replaceState(null, '', landing('/portal'));
    const refusing = storageSessionStore({
      getItem: () => null,
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {},
    });
    expect(takeSessionFromUrl(window, refusing)).toEqual({ token: 'eyJ.a.b', authenticator: 'wecom' });
    expect(window.location.hash).toBe('');
  });
});

describe('readNocoBaseSession', () => {
  it('is null without a token or storage', () => {
    window.localStorage.clear();
    expect(readNocoBaseSession(window.localStorage)).toBeNull();
    expect(readNocoBaseSession(null)).toBeNull();
    window.localStorage.setItem(NOCOBASE_TOKEN_KEY, 't');
    expect(readNocoBaseSession(window.localStorage)).toEqual({ token: 't', authenticator: '' });
  });
});

describe('nocobaseSessionPlace', () => {
  const at = (pathname: string, globals: Partial<NocoBaseStorageConfig> = {}): NocoBaseStorageConfig => ({
    location: { pathname },
    ...globals,
  });

  it.each<[string, NocoBaseStorageConfig, ReturnType<typeof nocobaseSessionPlace>]>([
    [
      'NocoBase’s defaults',
      at('/admin'),
      { area: 'localStorage', keys: { token: 'NOCOBASE_TOKEN', authenticator: 'NOCOBASE_AUTH' } },
    ],
    [
      'an API_CLIENT_STORAGE_PREFIX, upper-cased as NocoBase does',
      at('/admin', { __nocobase_api_client_storage_prefix__: 'crm_' }),
      { area: 'localStorage', keys: { token: 'CRM_TOKEN', authenticator: 'CRM_AUTH' } },
    ],
    [
      'sessionStorage',
      at('/admin', { __nocobase_api_client_storage_type__: 'sessionStorage' }),
      { area: 'sessionStorage', keys: { token: 'NOCOBASE_TOKEN', authenticator: 'NOCOBASE_AUTH' } },
    ],
    [
      'memory: only the page’s API client holds the session',
      at('/admin', { __nocobase_api_client_storage_type__: 'memory' }),
      { area: 'memory', keys: { token: 'NOCOBASE_TOKEN', authenticator: 'NOCOBASE_AUTH' } },
    ],
    [
      'an unknown storage type, which NocoBase replaces with localStorage',
      at('/admin', { __nocobase_api_client_storage_type__: 'indexedDB' }),
      { area: 'localStorage', keys: { token: 'NOCOBASE_TOKEN', authenticator: 'NOCOBASE_AUTH' } },
    ],
    [
      'a sub-application (multi-app manager): its own keys',
      at('/apps/sales/admin', { __nocobase_public_path__: '/' }),
      { area: 'localStorage', keys: { token: 'NOCOBASE_SALES_TOKEN', authenticator: 'NOCOBASE_SALES_AUTH' } },
    ],
    [
      'a sub-application of the /v/ shell',
      at('/v/apps/sales/admin', { __nocobase_public_path__: '/v/' }),
      { area: 'localStorage', keys: { token: 'NOCOBASE_SALES_TOKEN', authenticator: 'NOCOBASE_SALES_AUTH' } },
    ],
    [
      'a sub-application sharing the main app’s token',
      at('/nb/apps/sales/admin', { __nocobase_public_path__: '/nb/', __nocobase_api_client_share_token__: 'true' }),
      { area: 'localStorage', keys: { token: 'NOCOBASE_TOKEN', authenticator: 'NOCOBASE_SALES_AUTH' } },
    ],
    [
      'share-token off as the /v/ shell writes it (a string)',
      at('/apps/sales/admin', { __nocobase_api_client_share_token__: 'false' }),
      { area: 'localStorage', keys: { token: 'NOCOBASE_SALES_TOKEN', authenticator: 'NOCOBASE_SALES_AUTH' } },
    ],
    [
      'a page outside any sub-application under a public path',
      at('/nb/admin/apps/x', { __nocobase_public_path__: '/nb/' }),
      { area: 'localStorage', keys: { token: 'NOCOBASE_TOKEN', authenticator: 'NOCOBASE_AUTH' } },
    ],
  ])('follows NocoBase’s API client for %s', (_, config, expected) => {
    expect(nocobaseSessionPlace(config)).toEqual(expected);
  });

  it('reads and writes the session under those keys', () => {
    window.localStorage.clear();
    const { keys } = nocobaseSessionPlace(at('/admin', { __nocobase_api_client_storage_prefix__: 'CRM_' }));
    storageSessionStore(window.localStorage, keys).setToken('t');
    storageSessionStore(window.localStorage, keys).setAuthenticator('wecom');
    expect(window.localStorage.getItem('CRM_TOKEN')).toBe('t');
    expect(window.localStorage.getItem(NOCOBASE_TOKEN_KEY)).toBeNull();
    expect(readNocoBaseSession(window.localStorage, keys)).toEqual({ token: 't', authenticator: 'wecom' });
    expect(readNocoBaseSession(window.localStorage)).toBeNull();
  });
});
