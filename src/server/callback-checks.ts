import type { Context } from '@nocobase/actions';
import { clearSignInCookie, setSignInCookie, signInCookieOf } from './sign-in-cookies';
import { SignInError } from './sign-in-error';
import { issueSignIn, nonceOfState, readSignIn, type SignInAttempt, STATE_TTL_MS } from './sign-in-state';
import type { ClaimOnce } from './single-use';

/** WeCom's codes are at most 512 bytes of URL-safe text (doc/96442); anything else is not worth a WeCom call. */
const CODE_PATTERN = /^[\x21-\x7e]{1,512}$/;

export interface AcceptedCallback {
  attempt: SignInAttempt;
  code: string;
}

/**
 * The one place a sign-in is started and its callback checked, for both ways a callback arrives: WeCom's redirect
 * to `wecom:redirect`, and `auth:signIn` with `{ code, state }` from the embedded panel. The checks that a bystander
 * who saw the state would fail (its cookie, both MACs, its age, its authenticator) come before the one step that
 * spends it, so a leaked state cannot be used to cancel the rightful browser's sign-in.
 */
export class SignInFlow {
  constructor(
    private readonly key: () => Buffer,
    private readonly claimOnce: ClaimOnce,
    private readonly now: () => number,
  ) {}

  /** Issues a state for WeCom and the cookie that holds the sign-in in this browser. */
  start(ctx: Context, details: Omit<SignInAttempt, 'nonce' | 'issuedAt'>): string {
    const issued = issueSignIn(this.key(), details, this.now());
    setSignInCookie(ctx, issued);
    return issued.state;
  }

  /** The sign-in a callback claims to finish, checked but not spent: tells which authenticator and page it is for. */
  peek(ctx: Context, state: unknown): SignInAttempt | null {
    const nonce = nonceOfState(state);
    if (!nonce) return null;
    const reading = readSignIn(this.key(), state, signInCookieOf(ctx, nonce), this.now());
    return reading.ok ? reading.attempt : null;
  }

  /**
   * Checks a callback for `authenticator` and spends its state. Throws STATE_INVALID for anything that is not this
   * browser's unused, unexpired sign-in of this authenticator; ACCESS_DENIED when WeCom came back without a code.
   */
  async accept(
    ctx: Context,
    input: { state: unknown; code: unknown },
    authenticator: string,
  ): Promise<AcceptedCallback> {
    const attempt = this.peek(ctx, input.state);
    if (!attempt || attempt.authenticator !== authenticator) throw new SignInError('STATE_INVALID');
    const remaining = attempt.issuedAt + STATE_TTL_MS - this.now();
    if (!(await this.claimOnce(`state:${attempt.nonce}`, remaining))) throw new SignInError('STATE_INVALID');
    clearSignInCookie(ctx, attempt.nonce);
    // WeCom sends the user back without a code when they decline.
    if (input.code === undefined || input.code === null || input.code === '') throw new SignInError('ACCESS_DENIED');
    if (typeof input.code !== 'string' || !CODE_PATTERN.test(input.code)) throw new SignInError('CODE_INVALID');
    return { attempt, code: input.code };
  }
}
