import { hkdfSync, randomBytes } from 'node:crypto';
import { mac, sameBytes, seal, unseal } from './sealed-value';
import type { OAuthScope } from './wecom/urls';

/**
 * A sign-in under way, kept by the browser that started it, not by the server: a signed cookie holds the details,
 * and the `state` WeCom carries is the cookie's nonce plus a MAC that ties the two. Starting a sign-in therefore
 * costs the server nothing, and a state without its cookie (another browser, a forged or copied state) is refused.
 */
export interface SignInAttempt {
  /** Names the cookie; used once (see `callback-checks.ts`). */
  nonce: string;
  authenticator: string;
  /** The landing, as `landingPath` returned it. */
  redirect: string;
  flow: 'oauth' | 'web';
  scope: OAuthScope | null;
  /** Epoch milliseconds. */
  issuedAt: number;
}

export const STATE_TTL_MS = 10 * 60_000;
/** The name of a sign-in's cookie is this plus its nonce; `__Host-` goes in front when it is Secure. */
export const SIGN_IN_COOKIE_PREFIX = 'nb_wecom_signin_';

const NONCE_BYTES = 12;
/** nonce, authenticator, redirect, flow, scope, issuedAt */
export const SEALED_FIELDS = 6;
const TAG_HEX = 32;

/** A key for sign-in cookies and states only, derived from the app's JWT secret, which every node of a cluster shares. */
export function deriveStateKey(appSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'wecom-sign-in', 'sign-in state v1', 32));
}

/** `purpose` keeps MACs of one kind of value from passing for another's under the same key. */
export interface IssuedSignIn {
  /** WeCom's `state`: 56 hex characters, within WeCom's a-zA-Z0-9 and 128 bytes. */
  state: string;
  /** Without the `__Host-` prefix. */
  cookieName: string;
  cookieValue: string;
  attempt: SignInAttempt;
}

export function issueSignIn(
  key: Buffer,
  details: Omit<SignInAttempt, 'nonce' | 'issuedAt'>,
  now: number,
): IssuedSignIn {
  const attempt: SignInAttempt = { ...details, nonce: randomBytes(NONCE_BYTES).toString('hex'), issuedAt: now };
  const cookieValue = seal(key, 'cookie', [
    attempt.nonce,
    attempt.authenticator,
    attempt.redirect,
    attempt.flow,
    attempt.scope,
    now,
  ]);
  const tag = mac(key, 'state', cookieValue).toString('hex').slice(0, TAG_HEX);
  return {
    state: `${attempt.nonce}${tag}`,
    cookieName: `${SIGN_IN_COOKIE_PREFIX}${attempt.nonce}`,
    cookieValue,
    attempt,
  };
}

const STATE_PATTERN = new RegExp(`^[0-9a-f]{${NONCE_BYTES * 2}}[0-9a-f]{${TAG_HEX}}$`);

/** The nonce a well-formed state names, so the caller can find its cookie; null for anything else. */
export function nonceOfState(state: unknown): string | null {
  return typeof state === 'string' && STATE_PATTERN.test(state) ? state.slice(0, NONCE_BYTES * 2) : null;
}

function attemptOf(fields: unknown[] | null): SignInAttempt | null {
  if (!fields) return null;
  const [nonce, authenticator, redirect, flow, scope, issuedAt] = fields;
  if (typeof nonce !== 'string' || typeof authenticator !== 'string' || typeof redirect !== 'string') return null;
  if ((flow !== 'oauth' && flow !== 'web') || typeof issuedAt !== 'number') return null;
  if (scope !== null && scope !== 'snsapi_base' && scope !== 'snsapi_privateinfo') return null;
  return { nonce, authenticator, redirect, flow, scope, issuedAt };
}

export type StateReading = { ok: true; attempt: SignInAttempt } | { ok: false };

/**
 * Checks a state against the cookie the browser sent for it: both MACs, the nonce they share and the age.
 * Pure: nothing is recorded, so a state someone else saw cannot be spent by them to cancel the real sign-in.
 */
export function readSignIn(key: Buffer, state: unknown, cookieValue: string | undefined, now: number): StateReading {
  const nonce = nonceOfState(state);
  if (!nonce || typeof state !== 'string' || !cookieValue) return { ok: false };
  const tag = Buffer.from(state.slice(nonce.length), 'hex');
  if (!sameBytes(tag, mac(key, 'state', cookieValue).subarray(0, TAG_HEX / 2))) return { ok: false };
  const attempt = attemptOf(unseal(key, 'cookie', cookieValue, SEALED_FIELDS));
  if (!attempt || attempt.nonce !== nonce) return { ok: false };
  const age = now - attempt.issuedAt;
  return age >= 0 && age < STATE_TTL_MS ? { ok: true, attempt } : { ok: false };
}
