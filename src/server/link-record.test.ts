import { LINK_META_KEY, linkedHowOf, withLinkRecord } from './link-record';

describe('the record of how a binding was made', () => {
  it('keeps the other keys of the meta', () => {
    expect(withLinkRecord({ openid: 'o-1', [LINK_META_KEY]: { how: 'phone' } }, { how: 'admin', by: 1 })).toEqual({
      openid: 'o-1',
      [LINK_META_KEY]: { how: 'admin', by: 1 },
    });
  });

  it.for([null, undefined, [], 'not json', '[1]', 7])('starts from no keys when the meta is %j', (meta) => {
    expect(withLinkRecord(meta, { how: 'phone' })).toEqual({ [LINK_META_KEY]: { how: 'phone' } });
  });

  it.for(['phone', 'confirmation', 'auto-signup'] as const)('reads %s back', (how) => {
    expect(linkedHowOf(withLinkRecord({}, { how }))).toBe(how);
  });

  it('reads it from the JSON text SQLite gives', () => {
    expect(linkedHowOf(JSON.stringify(withLinkRecord({ x: 1 }, { how: 'admin', by: 3 })))).toBe('admin');
  });

  it.for<unknown>([
    {},
    null,
    '',
    '{}',
    { [LINK_META_KEY]: null },
    { [LINK_META_KEY]: { how: 'unknown' } },
    { [LINK_META_KEY]: { how: 'magic' } },
    { [LINK_META_KEY]: 'phone' },
    { how: 'phone' },
  ])('is unknown for a binding without a record of ours: %j', (meta) => {
    expect(linkedHowOf(meta)).toBe('unknown');
  });
});
