import type { SignInErrorCode } from '../shared/sign-in-errors';
import { SignInError } from './sign-in-error';
import type { Tally } from './single-use';

/**
 * Failed callbacks one client address may make within the window before its next ones are refused unasked: 10 a
 * minute, far more than an office behind one address declines or reloads, and far below what WeCom allows an app
 * (thousands of calls a minute), which it would take hundreds of addresses to reach.
 */
export const FAILED_CALLBACKS_ALLOWED = 100;
export const FAILED_CALLBACK_WINDOW_MS = 10 * 60_000;

/**
 * The outcomes a visitor can cause without being anyone: a declined sign-in, and a code WeCom (or its form) refuses.
 * Each spent a state, and WeCom's refusal a call of the company's quota. What a member's own valid code leads to
 * (not a member, no phone) is not counted: a whole office behind one address signs in at 09:00.
 */
const COUNTED: ReadonlySet<SignInErrorCode> = new Set(['ACCESS_DENIED', 'CODE_INVALID']);

/**
 * Starting a sign-in is free and a well-formed code costs nothing to invent, so without a bound anyone could make
 * WeCom refuse codes until the app hits its rate limit (45009) and nobody signs in. Counted per client address on
 * every node (the shared tally); past the limit a callback is refused before its state is spent or WeCom is asked.
 */
export class FailedCallbacks {
  constructor(private readonly tally: Tally) {}

  async ensureAllowed(client: string): Promise<void> {
    if ((await this.tally.read(keyOf(client))) >= FAILED_CALLBACKS_ALLOWED) {
      throw new SignInError('TOO_MANY_FAILED_SIGN_INS', { status: 429 });
    }
  }

  /** Counts `failure` against the client when it is one a visitor could have caused. */
  async record(client: string, failure: unknown): Promise<void> {
    if (failure instanceof SignInError && COUNTED.has(failure.code)) {
      await this.tally.add(keyOf(client), FAILED_CALLBACK_WINDOW_MS);
    }
  }
}

function keyOf(client: string): string {
  return `failed-callbacks:${client}`;
}
