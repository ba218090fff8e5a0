import { checkOrigin, originOfUrl, originPattern } from './origin';

describe('checkOrigin', () => {
  it.each([
    ['https://nocobase.example.com', 'https://nocobase.example.com'],
    ['  https://nocobase.example.com/  ', 'https://nocobase.example.com'],
    ['HTTPS://NocoBase.Example.COM', 'https://nocobase.example.com'],
    ['https://nocobase.example.com:8443', 'https://nocobase.example.com:8443'],
    ['https://nocobase.example.com:443', 'https://nocobase.example.com'],
    ['http://127.0.0.1:13000', 'http://127.0.0.1:13000'],
    ['http://localhost:13000/', 'http://localhost:13000'],
    ['https://企业.example', 'https://xn--vhquv.example'],
  ])('accepts %s as %s', (input, origin) => {
    expect(checkOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ['http://nocobase.example.com', 'ORIGIN_INSECURE'],
    ['http://10.0.0.5:13000', 'ORIGIN_INSECURE'],
    ['https://nocobase.example.com/admin', 'ORIGIN_HAS_PATH'],
    ['https://example.com/nocobase/', 'ORIGIN_HAS_PATH'],
    ['https://nocobase.example.com?x=1', 'ORIGIN_HAS_PATH'],
    ['https://nocobase.example.com/?', 'ORIGIN_HAS_PATH'],
    ['https://nocobase.example.com#top', 'ORIGIN_HAS_PATH'],
    ['https://nocobase.example.com#', 'ORIGIN_HAS_PATH'],
    ['nocobase.example.com', 'ORIGIN_INVALID'],
    ['', 'ORIGIN_INVALID'],
    ['ftp://nocobase.example.com', 'ORIGIN_INVALID'],
    ['chrome-extension://abc', 'ORIGIN_INVALID'],
    ['https://*.example.com', 'ORIGIN_INVALID'],
    ['https://user:secret@nocobase.example.com', 'ORIGIN_INVALID'],
    ['<all_urls>', 'ORIGIN_INVALID'],
  ])('refuses %s (%s)', (input, problem) => {
    expect(checkOrigin(input)).toEqual({ ok: false, problem });
  });
});

describe('originPattern', () => {
  it('is the origin with any path, its port kept', () => {
    expect(originPattern('https://nocobase.example.com')).toBe('https://nocobase.example.com/*');
    expect(originPattern('http://127.0.0.1:13000')).toBe('http://127.0.0.1:13000/*');
  });
});

describe('originOfUrl', () => {
  it('reads http(s) pages only', () => {
    expect(originOfUrl('https://nocobase.example.com/admin?x#y')).toBe('https://nocobase.example.com');
    expect(originOfUrl('chrome://extensions/')).toBeNull();
    expect(originOfUrl('file:///tmp/a.html')).toBeNull();
    expect(originOfUrl(undefined)).toBeNull();
    expect(originOfUrl('not a url')).toBeNull();
  });
});
