import enUS from '../../locale/en-US.json';
import { LINKED_HOW } from '../../shared/linked-members';
import { formatLinkedAt, LINKED_HOW_LABELS, pageAfterRemoval, userSummary } from './display';

const user = { id: 7, nickname: null, username: null, email: null, phone: null };

describe('LINKED_HOW_LABELS', () => {
  it('labels every way of linking with a translated message', () => {
    for (const how of LINKED_HOW) expect(enUS).toHaveProperty([LINKED_HOW_LABELS[how]]);
  });
});

describe('userSummary', () => {
  it('names the user by nickname, then shows the username, email and phone', () => {
    expect(
      userSummary({ ...user, nickname: 'Zhang San', username: 'zhangsan', email: 'z@example.com', phone: '138' }),
    ).toEqual({ name: 'Zhang San', details: ['zhangsan', 'z@example.com', '138'] });
  });

  it('falls back to the username, the email, then the phone, skipping blanks and repeats', () => {
    expect(userSummary({ ...user, nickname: ' ', username: 'lisi', phone: 'lisi' })).toEqual({
      name: 'lisi',
      details: [],
    });
    expect(userSummary({ ...user, phone: '13800000000' })).toEqual({ name: '13800000000', details: [] });
  });

  it("has no name for a deleted user's link", () => {
    expect(userSummary(user)).toEqual({ name: null, details: [] });
  });
});

describe('formatLinkedAt', () => {
  it("formats the date in the admin's language", () => {
    const iso = '2026-12-01T10:00:00.000Z';
    expect(formatLinkedAt(iso, 'en-US')).toBe(
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    );
    expect(formatLinkedAt(iso, 'zh-CN')).toContain('2026');
  });

  it('shows what it cannot read as it came, and survives a language Intl refuses', () => {
    expect(formatLinkedAt('yesterday', 'en-US')).toBe('yesterday');
    expect(formatLinkedAt('2026-12-01T10:00:00.000Z', 'not a tag!')).toContain('2026');
  });
});

describe('pageAfterRemoval', () => {
  it('stays on the page while rows remain on it', () => {
    expect(pageAfterRemoval({ page: 2, pageSize: 20, count: 22 })).toBe(2);
    expect(pageAfterRemoval({ page: 1, pageSize: 20, count: 5 })).toBe(1);
  });

  it('goes back a page when the last row of the last page goes', () => {
    expect(pageAfterRemoval({ page: 3, pageSize: 20, count: 41 })).toBe(2);
  });

  it('never goes below the first page', () => {
    expect(pageAfterRemoval({ page: 1, pageSize: 20, count: 1 })).toBe(1);
  });
});
