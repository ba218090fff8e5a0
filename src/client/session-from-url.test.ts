import { takeSessionFromUrl } from './session-from-url';

function fakeWindow(href: string) {
  const win = {
    location: { href },
    history: {
      state: { key: 'k' },
      replaceState: vi.fn((_state: unknown, _title: string, url: string) => {
        win.location.href = new URL(url, href).href;
      }),
    },
  };
  return win;
}

describe('takeSessionFromUrl', () => {
  it('stores the session and keeps the deep link’s query and fragment', () => {
    const win = fakeWindow('https://nb.example.com/admin/x?tab=2&authenticator=wecom&token=a.b.c#row-7');
    const store = { setToken: vi.fn(), setAuthenticator: vi.fn() };
    expect(takeSessionFromUrl(win, store)).toBe(true);
    expect(store.setToken).toHaveBeenCalledWith('a.b.c');
    expect(store.setAuthenticator).toHaveBeenCalledWith('wecom');
    expect(win.history.replaceState).toHaveBeenCalledWith({ key: 'k' }, '', '/admin/x?tab=2#row-7');
  });

  it('drops the empty fragment the callback adds so WeCom’s #wechat_redirect is not carried over', () => {
    const win = fakeWindow('https://nb.example.com/m?authenticator=wecom&token=t#');
    takeSessionFromUrl(win, { setToken: vi.fn(), setAuthenticator: vi.fn() });
    expect(win.location.href).toBe('https://nb.example.com/m');
  });

  it.each([['https://nb.example.com/admin?token=t'], ['https://nb.example.com/admin?authenticator=wecom']])(
    'leaves %s alone',
    (href) => {
      const store = { setToken: vi.fn(), setAuthenticator: vi.fn() };
      const win = fakeWindow(href);
      expect(takeSessionFromUrl(win, store)).toBe(false);
      expect(store.setToken).not.toHaveBeenCalled();
      expect(win.history.replaceState).not.toHaveBeenCalled();
    },
  );
});
