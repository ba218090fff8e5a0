import { autoLoginAuthenticator, chooseAuthenticator, findWeComAuthenticators } from './authenticators';

// The shape NocoBase's authenticators:publicList answers with (nocobase-integration.md §3).
const publicList = {
  data: [
    { name: 'basic', authType: 'Email/Password', authTypeTitle: 'Password', title: 'Password', options: {} },
    {
      name: 'wecom',
      authType: 'wecom',
      authTypeTitle: 'WeCom',
      title: 'WeCom',
      options: { corpId: 'ww1234567890', agentId: '1000002', autoLogin: true },
    },
    {
      name: 'wecom-qr',
      authType: 'wecom',
      authTypeTitle: 'WeCom',
      title: '',
      options: { corpId: 'ww1234567890', agentId: 1000003, autoLogin: false },
    },
  ],
};

describe('findWeComAuthenticators', () => {
  it('keeps the WeCom ones, typed, from the { data } answer', () => {
    expect(findWeComAuthenticators(publicList)).toEqual([
      {
        name: 'wecom',
        authType: 'wecom',
        title: 'WeCom',
        options: { corpId: 'ww1234567890', agentId: '1000002', autoLogin: true },
      },
      {
        name: 'wecom-qr',
        authType: 'wecom',
        title: 'wecom-qr',
        options: { corpId: 'ww1234567890', agentId: '1000003', autoLogin: false },
      },
    ]);
  });

  it('reads the bare array too', () => {
    expect(findWeComAuthenticators(publicList.data).map(({ name }) => name)).toEqual(['wecom', 'wecom-qr']);
  });

  it('skips malformed entries and reads a surprising answer as none', () => {
    expect(
      findWeComAuthenticators([
        null,
        'wecom',
        { authType: 'wecom' },
        { name: '', authType: 'wecom' },
        { name: 'bare', authType: 'wecom' },
      ]),
    ).toEqual([
      { name: 'bare', authType: 'wecom', title: 'bare', options: { corpId: '', agentId: '', autoLogin: false } },
    ]);
    for (const answer of [undefined, null, 'x', 42, {}, { data: {} }, { data: null }]) {
      expect(findWeComAuthenticators(answer)).toEqual([]);
    }
  });

  it('counts only a literal true as automatic login', () => {
    const [found] = findWeComAuthenticators([{ name: 'w', authType: 'wecom', options: { autoLogin: 'true' } }]);
    expect(found?.options.autoLogin).toBe(false);
  });
});

describe('autoLoginAuthenticator', () => {
  it('is the one with automatic login, or null', () => {
    const list = findWeComAuthenticators(publicList);
    expect(autoLoginAuthenticator(list)?.name).toBe('wecom');
    expect(autoLoginAuthenticator(list.filter(({ name }) => name !== 'wecom'))).toBeNull();
    expect(autoLoginAuthenticator([])).toBeNull();
  });
});

describe('chooseAuthenticator', () => {
  const all = findWeComAuthenticators(publicList);
  const withoutAutoLogin = all.filter(({ name }) => name !== 'wecom');

  it("takes the page's choice without reading the list, whatever its automatic-login setting", async () => {
    const list = vi.fn(() => all);
    expect(await chooseAuthenticator({ given: 'wecom-qr', list, silent: true })).toBe('wecom-qr');
    expect(await chooseAuthenticator({ given: 'wecom-qr', list, silent: false })).toBe('wecom-qr');
    expect(list).not.toHaveBeenCalled();
  });

  it('else takes the one with automatic login, for either kind of sign-in', async () => {
    expect(await chooseAuthenticator({ given: null, list: () => all, silent: true })).toBe('wecom');
    expect(await chooseAuthenticator({ list: async () => all, silent: false })).toBe('wecom');
  });

  it('else, for a sign-in the user asked for, the first WeCom one; a silent one has none', async () => {
    expect(await chooseAuthenticator({ list: () => withoutAutoLogin, silent: false })).toBe('wecom-qr');
    expect(await chooseAuthenticator({ list: () => withoutAutoLogin, silent: true })).toBeNull();
  });

  it('is null without any WeCom authenticator, and reads an empty choice as none', async () => {
    expect(await chooseAuthenticator({ given: '', list: () => [], silent: false })).toBeNull();
  });

  it('passes on a list that could not be read', async () => {
    const failure = new Error('offline');
    await expect(chooseAuthenticator({ list: () => Promise.reject(failure), silent: false })).rejects.toBe(failure);
  });
});
