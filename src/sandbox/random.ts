import { randomBytes } from 'node:crypto';

/** Source of unguessable strings; injected so unit tests can make tokens and codes predictable. */
export type RandomSource = (bytes: number) => string;

/** URL-safe, like WeCom's codes and tokens, so they survive a query string unescaped. */
export const cryptoRandom: RandomSource = (bytes) => randomBytes(bytes).toString('base64url');

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
