import { searchUsersSchema } from './search-users';

describe('searchUsers parameters', () => {
  it('takes the authenticator and the trimmed search, dropping other keys', () => {
    expect(searchUsersSchema.parse({ authenticator: 'wecom', q: '  zhang ', page: 2 })).toEqual({
      authenticator: 'wecom',
      q: 'zhang',
    });
  });

  it('takes a search of 255 characters', () => {
    expect(searchUsersSchema.parse({ authenticator: 'wecom', q: 'x'.repeat(255) }).q).toHaveLength(255);
  });

  it.for<Record<string, unknown>>([
    {},
    { authenticator: 'wecom' },
    { authenticator: 'wecom', q: '' },
    { authenticator: 'wecom', q: '   ' },
    { authenticator: 'wecom', q: 'x'.repeat(256) },
    { authenticator: 'wecom', q: ` ${'x'.repeat(255)}` },
    { authenticator: 'wecom', q: ['a', 'b'] },
    { authenticator: 'wecom', q: { $like: '%' } },
    { authenticator: '', q: 'zhang' },
    { authenticator: ['wecom', 'basic'], q: 'zhang' },
    { q: 'zhang' },
  ])('refuses %j', (params) => {
    expect(searchUsersSchema.safeParse(params).success).toBe(false);
  });
});
