import { apiUrl, authorizeLink, deepLink, withoutSessionParams } from './links';

const at = (url: string): URL => new URL(url, 'https://nocobase.example.com');

describe('deepLink', () => {
  it.each([
    ['/admin/x9a8b7c', '/admin/x9a8b7c'],
    ['/admin/x9a8b7c?tab=2#row-7', '/admin/x9a8b7c?tab=2#row-7'],
    ['/admin?authenticator=wecom&token=eyJ.a.b&foo=1', '/admin?foo=1'],
    ['/m/page?token=eyJ.a.b&authenticator=wecom#top', '/m/page#top'],
    ['/v/admin/users?filter=%7B%22a%22%3A1%7D&token=t', '/v/admin/users?filter=%7B%22a%22%3A1%7D'],
    ['/admin?q=a+b&tok%65n=t', '/admin?q=a+b'],
    ['/admin?tokens=1&authenticators=2', '/admin?tokens=1&authenticators=2'],
  ])('%s → %s', (url, expected) => {
    expect(deepLink(at(url))).toBe(expected);
  });

  it('keeps the encoding of the other parameters exactly', () => {
    expect(withoutSessionParams('?a=%E4%BC%81%E4%B8%9A&token=x&b=%ZZ')).toBe('?a=%E4%BC%81%E4%B8%9A&b=%ZZ');
    expect(withoutSessionParams('')).toBe('');
    expect(withoutSessionParams('?')).toBe('');
  });
});

describe('authorizeLink', () => {
  it('points at the plugin homepage link, parameters encoded', () => {
    expect(authorizeLink('https://nocobase.example.com', 'wecom', '/admin/x?tab=2#r')).toBe(
      'https://nocobase.example.com/api/wecom:authorize?authenticator=wecom&redirect=%2Fadmin%2Fx%3Ftab%3D2%23r',
    );
  });

  it('keeps a path prefix of the base URL, with or without a trailing slash', () => {
    expect(authorizeLink('https://example.com/nocobase/', 'corp a', '/nocobase/m')).toBe(
      'https://example.com/nocobase/api/wecom:authorize?authenticator=corp+a&redirect=%2Fnocobase%2Fm',
    );
    expect(apiUrl('https://example.com/nocobase', 'wecom:getAuthUrl')).toBe(
      'https://example.com/nocobase/api/wecom:getAuthUrl',
    );
  });
});
