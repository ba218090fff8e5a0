import { SIGN_IN_ERRORS, type SignInErrorCode } from './sign-in-errors';

/**
 * Whether `code` is one of the contract's codes, for the server and the browser alike. The table's own keys, not
 * `Object.hasOwn`, which the webviews of older WeCom clients lack (iOS before 15.4, Chrome before 93) and nothing
 * polyfills in the script bundle. Apart from the table, which the bundle's main file is built without: there every
 * code reads as unknown.
 */
export function isSignInErrorCode(code: unknown): code is SignInErrorCode {
  return typeof code === 'string' && Object.keys(SIGN_IN_ERRORS).includes(code);
}
