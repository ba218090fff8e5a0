import { SIGN_IN_ERRORS, type SignInErrorCode } from '../shared/sign-in-errors';

/** A refused JSON action of the plugin, or a request that never got an answer. */
export class WeComSignInError extends Error {
  // `declare`d and set in the constructor: lowered class fields would add helpers to the script bundle.
  /** One of the codes of the HTTP contract; an answer without a known code counts as SIGN_IN_FAILED. */
  declare readonly code: SignInErrorCode;
  /** The HTTP status, or null when no answer came. */
  declare readonly status: number | null;

  constructor(code: SignInErrorCode, options: { message?: string; status?: number | null; cause?: unknown } = {}) {
    super(options.message || SIGN_IN_ERRORS[code], { cause: options.cause });
    this.name = 'WeComSignInError';
    this.code = code;
    this.status = options.status ?? null;
  }
}

/** What a failed callback put on the sign-in page: `/signin?error=CODE&authenticator=…`. */
export interface SignInErrorParams {
  /** As sent; may be a code this version does not know, or another sign-in plugin's. */
  code: string;
  authenticator?: string;
}

export function readSignInError(search: string): SignInErrorParams | null {
  const params = new URLSearchParams(search);
  const code = params.get('error');
  if (!code) return null;
  const found: SignInErrorParams = { code };
  const authenticator = params.get('authenticator');
  if (authenticator) found.authenticator = authenticator;
  return found;
}

/**
 * A code of the contract, or SIGN_IN_FAILED. Not `isSignInErrorCode`: its `Object.hasOwn` is missing from the
 * webviews of older WeCom clients (iOS before 15.4, Chrome before 93), and nothing polyfills the script bundle.
 */
export function toSignInErrorCode(code: unknown): SignInErrorCode {
  const codes: readonly string[] = Object.keys(SIGN_IN_ERRORS);
  return typeof code === 'string' && codes.includes(code) ? (code as SignInErrorCode) : 'SIGN_IN_FAILED';
}
