import { createHash, randomBytes } from 'node:crypto';
import type { RunExclusive, SharedCache } from './wecom/credential-cache';
import type { OAuthScope } from './wecom/urls';

/** One sign-in under way, kept on the server so the URL WeCom sees carries nothing but an opaque state. */
export interface SignInAttempt {
  authenticator: string;
  /** The same-origin path to land on. */
  redirect: string;
  flow: 'oauth' | 'web';
  scope: OAuthScope | null;
  /** sha256 of the browser cookie, so a state only works in the browser that started it. */
  browser: string;
  createdAt: number;
}

export const STATE_TTL_MS = 10 * 60_000;
const STATE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 characters of a-zA-Z0-9, as WeCom allows (at most 128 bytes): about 190 bits. */
export function newState(): string {
  const bytes = randomBytes(48);
  let state = '';
  for (const byte of bytes) {
    // 248 = 4 × 62: dropping larger bytes keeps every character equally likely.
    if (byte < 248) state += STATE_ALPHABET[byte % 62];
    if (state.length === 32) return state;
  }
  return state.length === 32 ? state : newState();
}

export function isWellFormedState(state: unknown): state is string {
  return typeof state === 'string' && /^[A-Za-z0-9]{16,128}$/.test(state);
}

export function hashBrowserId(browserId: string): string {
  return createHash('sha256').update(browserId).digest('hex');
}

export class SignInStates {
  constructor(
    private readonly cache: SharedCache,
    private readonly runExclusive: RunExclusive,
    private readonly now: () => number,
  ) {}

  async create(attempt: Omit<SignInAttempt, 'createdAt'>): Promise<string> {
    const state = newState();
    await this.cache.set(`state:${state}`, { ...attempt, createdAt: this.now() }, STATE_TTL_MS);
    return state;
  }

  /** Returns the attempt once; a second use, an unknown or an expired state gives null. */
  async consume(state: unknown): Promise<SignInAttempt | null> {
    if (!isWellFormedState(state)) return null;
    const key = `state:${state}`;
    // The lock is per two-letter prefix, not per state: NocoBase's local lock manager keeps every key it saw.
    return this.runExclusive(`state-lock:${state.slice(0, 2)}`, async () => {
      const attempt = await this.cache.get<SignInAttempt>(key);
      if (!attempt) return null;
      await this.cache.del(key);
      return this.now() - attempt.createdAt < STATE_TTL_MS ? attempt : null;
    });
  }
}
