import { issuePendingLink, PENDING_LINK_TTL_MS, readPendingLink } from './pending-link';
import { deriveStateKey, issueSignIn } from './sign-in-state';

const key = deriveStateKey('app-key-of-the-test');
const details = { authenticator: 'wecom', userid: 'mallory', userId: 1, landing: '/admin/x?y=1#z' };
const now = 1_800_000_000_000;

describe('pending links kept by the browser', () => {
  it('reads back what it issued, with a fresh nonce each time', () => {
    const { link, cookieValue } = issuePendingLink(key, details, now);
    expect(link).toEqual({ ...details, nonce: expect.stringMatching(/^[0-9a-f]{32}$/), issuedAt: now });
    expect(readPendingLink(key, cookieValue, now + 1000)).toEqual(link);
    expect(issuePendingLink(key, details, now).link.nonce).not.toBe(link.nonce);
  });

  it('refuses a missing cookie, another app’s key, and one ten minutes old or from the future', () => {
    const { cookieValue } = issuePendingLink(key, details, now);
    expect(readPendingLink(key, undefined, now)).toBeNull();
    expect(readPendingLink(key, '', now)).toBeNull();
    expect(readPendingLink(deriveStateKey('another app'), cookieValue, now)).toBeNull();
    expect(readPendingLink(key, cookieValue, now + PENDING_LINK_TTL_MS)).toBeNull();
    expect(readPendingLink(key, cookieValue, now - 1)).toBeNull();
  });

  it('refuses a cookie whose candidate or member was changed, even one signed for a sign-in', () => {
    const { cookieValue } = issuePendingLink(key, details, now);
    const [payload = '', signature] = cookieValue.split('.');
    const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    for (const [index, value] of [
      [2, 'zhangsan'],
      [3, 2],
    ] as const) {
      const changed = [...fields];
      changed[index] = value;
      const forged = `${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
      expect(readPendingLink(key, forged, now)).toBeNull();
    }
    // A sign-in cookie is MAC'd with the same key for another purpose: it is no pending link.
    const signIn = issueSignIn(key, { authenticator: 'wecom', redirect: '/admin', flow: 'oauth', scope: null }, now);
    expect(readPendingLink(key, signIn.cookieValue, now)).toBeNull();
    expect(readPendingLink(key, `${cookieValue}.x`, now)).toBeNull();
  });
});
