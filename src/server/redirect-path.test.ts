import { sameOriginPath, withQuery } from './redirect-path';

describe('sameOriginPath', () => {
  it.each([
    ['/admin', '/admin'],
    ['/m/page/1?tab=2#top', '/m/page/1?tab=2#top'],
    ['/admin/../admin/x', '/admin/x'],
    ['/v/admin', '/v/admin'],
  ])('keeps %s', (input, expected) => {
    expect(sameOriginPath(input)).toBe(expected);
  });

  it.each([
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['admin'],
    ['/admin\nSet-Cookie: x=1'],
    ['/\t/evil.example'],
    [''],
    [42],
    [null],
    [`/${'a'.repeat(2048)}`],
  ])('refuses %j', (input) => {
    expect(sameOriginPath(input)).toBeNull();
  });
});

describe('withQuery', () => {
  it('adds parameters before the fragment and keeps the existing query', () => {
    expect(withQuery('/admin/x?tab=1#sec', { authenticator: 'wecom', token: 'a.b.c' })).toBe(
      '/admin/x?tab=1&authenticator=wecom&token=a.b.c#sec',
    );
  });
});
