import { deriveStateKey, issueSignIn, nonceOfState, readSignIn, STATE_TTL_MS } from './sign-in-state';

const key = deriveStateKey('app-key-of-the-test');
const details = {
  authenticator: 'wecom',
  redirect: '/admin/x?y=1#z',
  flow: 'oauth' as const,
  scope: 'snsapi_base' as const,
};
const now = 1_800_000_000_000;

describe('sign-in states kept by the browser', () => {
  it('issues a state WeCom accepts (a-zA-Z0-9, at most 128 bytes) that reads back with its cookie', () => {
    const issued = issueSignIn(key, details, now);
    expect(issued.state).toMatch(/^[A-Za-z0-9]{1,128}$/);
    expect(issued.cookieName).toBe(`nb_wecom_signin_${nonceOfState(issued.state)}`);
    expect(readSignIn(key, issued.state, issued.cookieValue, now + 1000)).toEqual({
      ok: true,
      attempt: { ...details, nonce: nonceOfState(issued.state), issuedAt: now },
    });
  });

  it('gives every sign-in its own nonce', () => {
    const states = new Set(Array.from({ length: 200 }, () => issueSignIn(key, details, now).state));
    expect(states.size).toBe(200);
  });

  it('refuses a state with another sign-in’s cookie, a forged cookie, another key, or after ten minutes', () => {
    const mine = issueSignIn(key, details, now);
    const theirs = issueSignIn(key, details, now);
    expect(readSignIn(key, mine.state, theirs.cookieValue, now)).toEqual({ ok: false });
    expect(readSignIn(key, mine.state, undefined, now)).toEqual({ ok: false });
    expect(readSignIn(deriveStateKey('another app'), mine.state, mine.cookieValue, now)).toEqual({ ok: false });
    expect(readSignIn(key, mine.state, mine.cookieValue, now + STATE_TTL_MS)).toEqual({ ok: false });
    expect(readSignIn(key, mine.state, mine.cookieValue, now - 1)).toEqual({ ok: false });
  });

  it('refuses a cookie whose details were changed, even with a payload that parses', () => {
    const issued = issueSignIn(key, details, now);
    const [, signature] = issued.cookieValue.split('.');
    const nonce = nonceOfState(issued.state);
    const forged = Buffer.from(JSON.stringify([nonce, 'wecom', '/api/users:destroy', 'oauth', 'snsapi_base', now]));
    expect(readSignIn(key, issued.state, `${forged.toString('base64url')}.${signature}`, now)).toEqual({ ok: false });
    const tampered = `${issued.state.slice(0, -1)}${issued.state.endsWith('0') ? '1' : '0'}`;
    expect(readSignIn(key, tampered, issued.cookieValue, now)).toEqual({ ok: false });
  });

  it.each([[''], ['ForgedState0123456789abcdef'], ['../../etc/passwd'], [42], [null], ['A'.repeat(56)]])(
    'names no nonce for %j',
    (state) => {
      expect(nonceOfState(state)).toBeNull();
    },
  );
});
