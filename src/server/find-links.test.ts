import { toLinkRow } from './find-links';
import { LINK_META_KEY } from './link-record';

describe('a row of the list', () => {
  const raw = {
    userid: 'zhangsan',
    userId: '2',
    linkedAt: '2026-12-01 10:00:00.123 +00:00',
    meta: JSON.stringify({ [LINK_META_KEY]: { how: 'phone' } }),
    nickname: 'Zhang San',
    username: null,
    email: 'zs@corp.test',
    phone: '13800000001',
  };

  it('takes SQLite’s text and PostgreSQL’s string ids into the contract’s shape', () => {
    expect(toLinkRow(raw)).toEqual({
      userid: 'zhangsan',
      userId: 2,
      user: { id: 2, nickname: 'Zhang San', username: null, email: 'zs@corp.test', phone: '13800000001' },
      linkedAt: '2026-12-01T10:00:00.123Z',
      linkedHow: 'phone',
    });
  });

  it('takes dates and JSON objects as the other dialects give them', () => {
    const row = toLinkRow({ ...raw, userId: 2, linkedAt: new Date(Date.UTC(2026, 11, 1)), meta: {} });
    expect(row).toMatchObject({ userId: 2, linkedAt: '2026-12-01T00:00:00.000Z', linkedHow: 'unknown' });
  });

  it('lists a binding whose user is gone, with the user’s fields null', () => {
    const row = toLinkRow({ ...raw, nickname: null, email: null, phone: null });
    expect(row.user).toEqual({ id: 2, nickname: null, username: null, email: null, phone: null });
  });

  it('refuses a row it cannot read instead of guessing', () => {
    expect(() => toLinkRow({ ...raw, linkedAt: 'yesterday' })).toThrow();
    expect(() => toLinkRow({ ...raw, userid: null })).toThrow();
  });
});
