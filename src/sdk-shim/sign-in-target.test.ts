import {
  isOnPageOrigin,
  isSignInPage,
  publicPathOf,
  signInPagePublicPath,
  signInRedirect,
  signInTarget,
} from './sign-in-target';

const ORIGIN = 'https://nocobase.example.com';
const page = (path: string, origin = ORIGIN) => {
  const url = new URL(path, origin);
  return { origin: url.origin, pathname: url.pathname, search: url.search, hash: url.hash };
};

describe('signInTarget', () => {
  // The silent sign-in's own cases are in silent.test.ts; these are the rule itself, shell by shell.
  it.each([
    ['/signin', '/admin'],
    ['/v/signin', '/v/admin'],
    ['/v/signin?redirect=%2Fv%2Fadmin%2F', '/v/admin/'],
    ['/v/signin?redirect=%2Fv%2Fadmin%2Fsettings%3Fx%3D1%23frag', '/v/admin/settings?x=1#frag'],
    ['/v/signin?redirect=%2Fapi%2Fusers%3Adestroy', '/v/admin'],
    ['/signin?redirect=%2F%2Fevil.example', '/admin'],
    ['/v/admin/users?x=1#row', '/v/admin/users?x=1#row'],
    ['/admin?token=eyJ.a.b&authenticator=wecom&tab=2', '/admin?tab=2'],
  ])('on %s it is %s', (path, target) => {
    expect(signInTarget(page(path))).toBe(target);
  });

  it('is null where a sign-in should not start on its own', () => {
    expect(signInTarget(page('/reset-password?token=x'))).toBeNull();
    expect(signInTarget(page('/v/signup'))).toBeNull();
    expect(signInTarget(page('/elsewhere'), '/nocobase')).toBeNull();
    expect(signInTarget(page('/api/users:list'))).toBeNull();
  });
});

describe('signInRedirect', () => {
  it("is the page's sign-in target when NocoBase is on the page's origin", () => {
    expect(signInRedirect(page('/v/signin?redirect=/v/admin/x'), ORIGIN)).toBe('/v/admin/x');
    expect(signInRedirect(page('/portal/orders?tab=2'), ORIGIN)).toBe('/portal/orders?tab=2');
  });

  it('takes the public path from the base URL unless given', () => {
    expect(signInRedirect(page('/nocobase/signin'), `${ORIGIN}/nocobase`)).toBe('/nocobase/admin');
    expect(signInRedirect(page('/nocobase/signin'), ORIGIN, '/nocobase/')).toBe('/nocobase/admin');
    expect(signInRedirect(page('/elsewhere'), `${ORIGIN}/nocobase`)).toBeUndefined();
  });

  it('leaves the landing to the server for a page on another origin, or one that is no landing', () => {
    expect(signInRedirect(page('/portal', 'https://portal.example.com'), ORIGIN)).toBeUndefined();
    expect(signInRedirect(page('/signup'), ORIGIN)).toBeUndefined();
  });
});

describe('isOnPageOrigin', () => {
  it('compares origins, resolving a relative root against the page', () => {
    expect(isOnPageOrigin(`${ORIGIN}/nocobase`, { origin: ORIGIN })).toBe(true);
    expect(isOnPageOrigin('/nocobase', { origin: ORIGIN })).toBe(true);
    expect(isOnPageOrigin('https://other.example.com', { origin: ORIGIN })).toBe(false);
    expect(isOnPageOrigin('http://nocobase.example.com', { origin: ORIGIN })).toBe(false);
    expect(isOnPageOrigin('http://[bad', { origin: ORIGIN })).toBe(false);
  });
});

describe('publicPathOf', () => {
  it("is the root URL's path", () => {
    expect(publicPathOf(`${ORIGIN}/nocobase/`, ORIGIN)).toBe('/nocobase/');
    expect(publicPathOf(ORIGIN, ORIGIN)).toBe('/');
    expect(publicPathOf(undefined, ORIGIN)).toBe('/');
  });
});

describe('isSignInPage and signInPagePublicPath', () => {
  it.each([
    ['/signin', true],
    ['/signin/', true],
    ['/v/signin', true],
    ['/signup', false],
    ['/admin/signin', false],
    ['/signin/x', false],
  ])('%s is a sign-in page: %s', (path, expected) => {
    expect(isSignInPage(path)).toBe(expected);
  });

  it.each([
    ['/signin', '/'],
    ['/signin/', '/'],
    ['/v/signin', '/'],
    ['/nocobase/signin', '/nocobase/'],
    ['/nocobase/v/signin', '/nocobase/'],
    ['/a/b/signin', '/a/b/'],
  ])('%s tells the public path %s', (path, publicPath) => {
    expect(signInPagePublicPath(path)).toBe(publicPath);
  });

  it.each(['/admin', '/signup', '/signin/x', '/nocobase/signinx', '/'])('%s tells none', (path) => {
    expect(signInPagePublicPath(path)).toBeNull();
  });
});
