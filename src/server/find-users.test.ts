import { toUserMatch } from './find-users';

describe('a user of the search', () => {
  const raw = {
    id: '7',
    nickname: 'Zhang San',
    username: null,
    email: 'zs@corp.test',
    phone: '13800000001',
    linkedTo: 'zhangsan',
  };

  it('takes PostgreSQL’s string ids into the contract’s shape, with the member linked', () => {
    expect(toUserMatch(raw)).toEqual({
      id: 7,
      nickname: 'Zhang San',
      username: null,
      email: 'zs@corp.test',
      phone: '13800000001',
      linkedTo: 'zhangsan',
    });
  });

  it('reads a user linked to no member', () => {
    expect(toUserMatch({ ...raw, id: 7, linkedTo: null }).linkedTo).toBeNull();
  });

  it('answers the contract’s fields only, whatever else a row carries', () => {
    expect(Object.keys(toUserMatch({ ...raw, password: 'hash', token: 't' })).sort()).toEqual([
      'email',
      'id',
      'linkedTo',
      'nickname',
      'phone',
      'username',
    ]);
  });

  it('refuses a row it cannot read instead of guessing', () => {
    expect(() => toUserMatch({ ...raw, id: 'seven' })).toThrow();
    expect(() => toUserMatch({ ...raw, linkedTo: undefined })).toThrow();
  });
});
