import { adminPagePath, appPaths, DEFAULT_APP_PATHS, landingPath, signInPagePath } from './landing';

const underNocobase = appPaths({ publicPath: '/nocobase/' });

describe('landingPath: client routes of this app', () => {
  it.each([
    ['/admin', '/admin'],
    ['/', '/'],
    ['/m/page/1?tab=2#top', '/m/page/1?tab=2#top'],
    ['/admin/../admin/x', '/admin/x'],
    ['/admin/%2e%2e/m', '/m'],
    ['/v/admin/settings', '/v/admin/settings'],
    ['/signin?redirect=/admin/x', '/signin?redirect=/admin/x'],
    ['/admin?filter=%7B%22a%22%3A1%7D#%2Fx', '/admin?filter=%7B%22a%22%3A1%7D#%2Fx'],
    ['/admin/企业', '/admin/%E4%BC%81%E4%B8%9A'],
    ['/admin\\x', '/admin/x'],
    ['/portal/orders.html?tab=2', '/portal/orders.html?tab=2'],
    ['/index.html', '/index.html'],
  ])('%s lands on %s', (input, expected) => {
    expect(landingPath(input)).toBe(expected);
  });

  it('returns exactly what it judged: judging the result again gives the same string', () => {
    for (const input of ['/admin/../m?x=1#y', '/admin\\x', '/admin/企业', '/m/./a/./b']) {
      const landing = landingPath(input);
      expect(landing).not.toBeNull();
      expect(landingPath(landing)).toBe(landing);
    }
  });

  it('puts APP_PUBLIC_PATH in front of app-relative paths, and judges the result', () => {
    expect(landingPath('/admin', underNocobase)).toBe('/nocobase/admin');
    expect(landingPath('/nocobase/m?x=1', underNocobase)).toBe('/nocobase/m?x=1');
    expect(landingPath('/nocobase/../api/users:destroy', underNocobase)).toBeNull();
    expect(landingPath('/api/users:list', underNocobase)).toBeNull();
  });
});

describe('landingPath refuses what an attacker sends', () => {
  it.each([
    // other hosts
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['/a/..//evil.example'],
    ['/a/%2e%2e//evil.example'],
    ['/a/.%2e//evil.example'],
    ['/admin//evil.example'],
    ['/\t/evil.example'],
    ['/admin\nSet-Cookie: x=1'],
    ['admin'],
    // server routes: NocoBase runs actions by name on GET, with a token from anywhere
    ['/api/users:destroy?filterByTk=1'],
    ['/API/users:destroy'],
    ['/admin/../api/users:destroy'],
    ['/admin/%2e%2e/api/users:destroy'],
    ['/admin/%2E%2E/api/users:destroy'],
    ['/admin/..%2fapi/users:destroy'],
    ['/admin%2f..%2f..%2fapi/users:destroy'],
    ['/admin\\..\\api\\users:destroy'],
    ['/api'],
    ['/api/wecom:authorize?authenticator=wecom&redirect=/admin'],
    ['/storage/uploads/x'],
    ['/static/plugins/@nocobase/plugin-x/dist/client/index.js'],
    ['/dist/x'],
    ['/files/main/x'],
    ['/admin/__umi/api/bundle-status'],
    ['/robots.txt'],
    ['/v/assets/index-abc.js'],
    ['/global.CSS'],
    // encodings a later decoding could turn into something else
    ['/admin/%252e%252e/api'],
    ['/admin/%2fapi'],
    ['/admin/%5capi'],
    ['/admin/%00'],
    // tokens: a landing never carries a session, in any spelling
    ['/admin?token=eyJ.a.b'],
    ['/admin?TOKEN=eyJ.a.b'],
    ['/admin?tok%65n=eyJ.a.b'],
    ['/admin?authenticator=basic'],
    // the sign-in page goes to its own redirect: that one obeys the rule too
    ['/signin?redirect=//evil.example'],
    ['/signin?redirect=/api/users:destroy'],
    ['/signin?redirect=%2F%2Fevil.example'],
    ['/signin?REDIRECT=https://evil.example'],
    ['/signin?redirect=/signin?redirect=/signin?redirect=/admin'],
    // not a string, or too long
    [''],
    [42],
    [null],
    [undefined],
    [['/admin']],
    [`/${'a'.repeat(2048)}`],
    [`/admin?x=${'%41'.repeat(700)}`],
  ])('refuses %.60j', (input) => {
    expect(landingPath(input)).toBeNull();
  });

  it('refuses the server routes of a public path and of custom API and statics paths', () => {
    const custom = appPaths({ publicPath: '/nocobase/', apiBasePath: '/nocobase/gw/', pluginStaticsPath: '/assets/' });
    expect(landingPath('/nocobase/gw/users:destroy', custom)).toBeNull();
    expect(landingPath('/assets/x/y', appPaths({ pluginStaticsPath: '/assets/' }))).toBeNull();
    expect(landingPath('/nocobase/storage/uploads/a', custom)).toBeNull();
    expect(landingPath('/nocobase/admin', custom)).toBe('/nocobase/admin');
  });
});

describe('appPaths', () => {
  it("follows NocoBase's CLI: the API and statics live under the public path unless set", () => {
    expect(appPaths({})).toEqual(DEFAULT_APP_PATHS);
    expect(appPaths({ publicPath: 'nocobase' })).toEqual({
      publicPath: '/nocobase/',
      apiBasePath: '/nocobase/api/',
      pluginStaticsPath: '/nocobase/static/plugins/',
      modernPrefix: 'v',
    });
    expect(appPaths({ apiBasePath: '/api', modernPrefix: '/next/' }).modernPrefix).toBe('next');
  });
});

describe('signInPagePath and adminPagePath', () => {
  it('pick the shell of the landing', () => {
    expect(signInPagePath('/admin/x')).toBe('/signin');
    expect(signInPagePath('/v/admin/x?y=1')).toBe('/v/signin');
    expect(signInPagePath('/v')).toBe('/v/signin');
    expect(signInPagePath('/vx/admin')).toBe('/signin');
    expect(signInPagePath(null)).toBe('/signin');
    expect(signInPagePath('/nocobase/v/admin', underNocobase)).toBe('/nocobase/v/signin');
    expect(adminPagePath('/v/signin')).toBe('/v/admin');
    expect(adminPagePath('/nocobase/signin', underNocobase)).toBe('/nocobase/admin');
  });
});
