import { isSignInErrorCode } from '../shared/sign-in-error-code';
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

/**
 * What to tell of a sign-in that did not start: its code, and the server's own message when the server answered,
 * which is translated already (by `X-Locale`) and may name specifics, such as the IP to trust. A request that got
 * no answer, or anything else thrown, has only a code, for the caller to translate.
 */
export function describeSignInFailure(failure: unknown): { code: SignInErrorCode; message?: string } {
  if (!(failure instanceof WeComSignInError)) return { code: 'SIGN_IN_FAILED' };
  return failure.status === null ? { code: failure.code } : { code: failure.code, message: failure.message };
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

/** A callback's failure that a WeCom sign-in on this page is to explain. */
export interface OwnSignInError {
  /** One of the contract's codes; SIGN_IN_FAILED for a code of ours that this version does not know. */
  code: SignInErrorCode;
  authenticator?: string;
}

/**
 * The callback error on the sign-in page (`?error=CODE&authenticator=…`) when it is ours to explain, else null.
 * Other sign-in plugins put `error=` there too, so it is ours when its authenticator is one of `authenticators`
 * (the WeCom authenticators the page signs in with), whatever the code, or when it names no authenticator and its
 * code is one of ours: the plugin leaves the authenticator out only when it could not tell which sign-in failed.
 */
export function ownSignInError(search: string, authenticators: readonly string[]): OwnSignInError | null {
  const failure = readSignInError(search);
  if (!failure) return null;
  const { authenticator } = failure;
  if (authenticator === undefined) return isSignInErrorCode(failure.code) ? { code: failure.code } : null;
  if (!authenticators.includes(authenticator)) return null;
  return { code: isSignInErrorCode(failure.code) ? failure.code : 'SIGN_IN_FAILED', authenticator };
}
