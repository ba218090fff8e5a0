import { isSignInErrorCode } from './sign-in-error-code';
import { SIGN_IN_ERRORS } from './sign-in-errors';

describe('isSignInErrorCode', () => {
  it('knows every code of the contract', () => {
    for (const code of Object.keys(SIGN_IN_ERRORS)) expect(isSignInErrorCode(code)).toBe(true);
  });

  it('knows nothing else, inherited names included', () => {
    for (const code of [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'NOPE',
      'user_not_found',
      '',
      1,
      null,
    ]) {
      expect(isSignInErrorCode(code)).toBe(false);
    }
  });

  it('works without Object.hasOwn, which older WeCom webviews lack', () => {
    const hasOwn = Object.hasOwn;
    Reflect.deleteProperty(Object, 'hasOwn');
    try {
      expect(isSignInErrorCode('PHONE_AMBIGUOUS')).toBe(true);
      expect(isSignInErrorCode('constructor')).toBe(false);
    } finally {
      Object.defineProperty(Object, 'hasOwn', { value: hasOwn, configurable: true, writable: true });
    }
  });
});
