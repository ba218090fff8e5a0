import { decodeLandingSession, encodeLandingSession, landingCookieNames } from './session-fragment';

describe('the landing fragment', () => {
  const session = { token: 'eyJhbGciOi.eyJ1c2VySWQiOjF9.sig-_x', authenticator: 'wecom', nonce: 'a'.repeat(32) };

  it('carries the session and the landing’s own fragment, whatever that holds', () => {
    for (const hash of ['', '#row-7', '#/hash/router?x=1&y=%20', '#wecom-session:token=fake']) {
      const encoded = encodeLandingSession({ ...session, hash });
      expect(encoded.startsWith('#wecom-session:')).toBe(true);
      expect(decodeLandingSession(encoded)).toEqual({ ...session, hash });
    }
  });

  it.each([
    [''],
    ['#row-7'],
    ['#wecom-session:'],
    ['#wecom-session:token=t&authenticator=wecom'],
    ['#wecom-session:token=t&authenticator=wecom&nonce=short'],
    ['#wecom-session:token=t&authenticator=wecom&nonce=../../x/aaaaaaaaaaaaaaaa'],
    ['#wecom-session:token=&authenticator=wecom&nonce=aaaaaaaaaaaaaaaaaaaa'],
  ])('is not read from %j', (hash) => {
    expect(decodeLandingSession(hash)).toBeNull();
  });

  it('names its cookie after the nonce, Secure with the __Host- prefix', () => {
    expect(landingCookieNames('abc')).toEqual(['__Host-nb_wecom_landing_abc', 'nb_wecom_landing_abc']);
  });
});
