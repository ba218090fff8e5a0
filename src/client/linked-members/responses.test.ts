import { parseLinksPage, parseUserMatches, UnreadableAnswerError } from './responses';

const row = {
  userid: 'zhangsan',
  userId: 7,
  user: { id: 7, nickname: 'Zhang San', username: 'zhangsan', email: null, phone: '13800000000' },
  linkedAt: '2026-12-01T10:00:00.000Z',
  linkedHow: 'phone',
};

describe('parseLinksPage', () => {
  it('reads the body as NocoBase wraps `{ rows, count, page, pageSize }`', () => {
    expect(parseLinksPage({ data: [row], meta: { count: 41, page: 3, pageSize: 20 } })).toEqual({
      rows: [row],
      count: 41,
      page: 3,
      pageSize: 20,
    });
  });

  it('reads the body unwrapped under `data` too', () => {
    expect(parseLinksPage({ data: { rows: [row], count: 1, page: 1, pageSize: 20 } })).toEqual({
      rows: [row],
      count: 1,
      page: 1,
      pageSize: 20,
    });
  });

  it('shows a way of linking it does not know as not recorded', () => {
    const page = parseLinksPage({
      data: [{ ...row, linkedHow: 'telepathy' }],
      meta: { count: 1, page: 1, pageSize: 20 },
    });
    expect(page.rows[0]?.linkedHow).toBe('unknown');
  });

  it("keeps a deleted user's link, its fields null", () => {
    const orphan = { ...row, user: { id: 7, nickname: null, username: null, email: null, phone: null } };
    expect(parseLinksPage({ data: [orphan], meta: { count: 1, page: 1, pageSize: 20 } }).rows).toEqual([orphan]);
  });

  it.each([
    ['nothing', undefined],
    ['an HTML page', '<html></html>'],
    ['rows without a count', { data: [row] }],
    ['a row without a userid', { data: [{ ...row, userid: undefined }], meta: { count: 1, page: 1, pageSize: 20 } }],
  ])('refuses %s', (_what, body) => {
    expect(() => parseLinksPage(body)).toThrow(UnreadableAnswerError);
  });
});

describe('parseUserMatches', () => {
  it('reads the users and whom they are linked to, a missing field as null, dropping the rest', () => {
    expect(
      parseUserMatches({
        data: [
          { id: 1, nickname: 'Super Admin', username: 'nocobase', email: 'admin@nocobase.com', linkedTo: null },
          { id: 2, nickname: 'Zhang San', linkedTo: 'zhangsan', password: 'hash', roles: [] },
        ],
      }),
    ).toEqual([
      {
        id: 1,
        nickname: 'Super Admin',
        username: 'nocobase',
        email: 'admin@nocobase.com',
        phone: null,
        linkedTo: null,
      },
      { id: 2, nickname: 'Zhang San', username: null, email: null, phone: null, linkedTo: 'zhangsan' },
    ]);
  });

  it.each([
    ['a user without an id', { data: [{ nickname: 'x' }] }],
    ['a link that is not a userid', { data: [{ id: 3, linkedTo: 7 }] }],
    ['a user without its link', { data: [{ id: 3, nickname: 'x' }] }],
    ["users:list's page", { data: { rows: [] }, meta: { count: 0 } }],
    ['nothing', undefined],
  ])('refuses %s', (_what, body) => {
    expect(() => parseUserMatches(body)).toThrow(UnreadableAnswerError);
  });
});
