import { listLinksSchema } from './list-links';

describe('listLinks parameters', () => {
  it('defaults to the first page of 20, with no search', () => {
    expect(listLinksSchema.parse({ authenticator: 'wecom' })).toEqual({
      authenticator: 'wecom',
      page: 1,
      pageSize: 20,
    });
  });

  it('takes the query string’s numbers as text, and trims the search', () => {
    expect(listLinksSchema.parse({ authenticator: 'wecom', q: '  zhang ', page: '3', pageSize: '100' })).toEqual({
      authenticator: 'wecom',
      q: 'zhang',
      page: 3,
      pageSize: 100,
    });
  });

  it.for<Record<string, unknown>>([
    {},
    { authenticator: '' },
    { authenticator: ['wecom', 'basic'] },
    { authenticator: 'wecom', pageSize: 101 },
    { authenticator: 'wecom', pageSize: 1e9 },
    { authenticator: 'wecom', pageSize: 0 },
    { authenticator: 'wecom', page: 0 },
    { authenticator: 'wecom', page: -1 },
    { authenticator: 'wecom', page: 1.5 },
    { authenticator: 'wecom', page: 'abc' },
    { authenticator: 'wecom', q: ['a', 'b'] },
    { authenticator: 'wecom', q: { $like: '%' } },
    { authenticator: 'wecom', q: 'x'.repeat(256) },
  ])('refuses %j', (params) => {
    expect(listLinksSchema.safeParse(params).success).toBe(false);
  });
});
