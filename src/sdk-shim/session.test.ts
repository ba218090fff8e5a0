// @vitest-environment jsdom
import { NOCOBASE_AUTHENTICATOR_KEY, NOCOBASE_TOKEN_KEY, readNocoBaseSession, storeNocoBaseSession } from './session';

describe('storeNocoBaseSession', () => {
  beforeEach(() => {
    window.localStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it("stores the token as NocoBase's client does and strips it from the address bar", () => {
    window.history.replaceState({ keep: 1 }, '', '/portal/orders?authenticator=wecom&token=eyJ.a.b&tab=2#row-7');
    expect(storeNocoBaseSession(window)).toEqual({ token: 'eyJ.a.b', authenticator: 'wecom' });
    expect(window.localStorage.getItem(NOCOBASE_TOKEN_KEY)).toBe('eyJ.a.b');
    expect(window.localStorage.getItem(NOCOBASE_AUTHENTICATOR_KEY)).toBe('wecom');
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe(
      '/portal/orders?tab=2#row-7',
    );
    expect(window.history.state).toEqual({ keep: 1 });
    expect(readNocoBaseSession(window.localStorage)).toEqual({ token: 'eyJ.a.b', authenticator: 'wecom' });
  });

  it('does nothing without both parameters', () => {
    for (const search of ['', '?token=eyJ.a.b', '?authenticator=wecom', '?token=&authenticator=wecom']) {
      window.history.replaceState(null, '', `/portal${search}`);
      expect(storeNocoBaseSession(window)).toBeNull();
      expect(window.location.search).toBe(search === '' ? '' : search);
    }
    expect(window.localStorage.getItem(NOCOBASE_TOKEN_KEY)).toBeNull();
  });

  it('still strips the token when storage refuses it', () => {
    window.history.replaceState(null, '', '/portal?authenticator=wecom&token=eyJ.a.b');
    const refusing = {
      location: window.location,
      history: window.history,
      localStorage: {
        getItem: () => null,
        setItem: () => {
          throw new DOMException('denied', 'SecurityError');
        },
        removeItem: () => {},
      },
    };
    expect(storeNocoBaseSession(refusing)).toEqual({ token: 'eyJ.a.b', authenticator: 'wecom' });
    expect(window.location.search).toBe('');
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
