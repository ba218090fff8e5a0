import { randomBytes } from 'node:crypto';
import { seal, unseal } from './sealed-value';

/**
 * A link that waits for the person to prove, with the account's password, that the NocoBase user their WeCom
 * mobile matched is theirs. Kept by the browser in a MAC'd cookie like a sign-in, so the server holds nothing for
 * it but two counters, and a browser without the cookie has nothing to confirm.
 */
export interface PendingLink {
  /** Names the link's counters and must come back in the form, so a form posted from another site fails. */
  nonce: string;
  authenticator: string;
  /** The WeCom member, as WeCom identified them in this browser's callback. */
  userid: string;
  /** The NocoBase user whose phone matched: only claimed, until its password is given. */
  userId: number;
  /** Where the sign-in lands once linked, as `landingPath` returned it. */
  landing: string;
  /** Epoch milliseconds. */
  issuedAt: number;
}

export const PENDING_LINK_TTL_MS = 10 * 60_000;
/** Password attempts one pending link allows; a new one takes another sign-in through WeCom. */
export const MAX_LINK_ATTEMPTS = 5;

const PURPOSE = 'pending-link';
const NONCE_PATTERN = /^[0-9a-f]{32}$/;

export function issuePendingLink(
  key: Buffer,
  details: Omit<PendingLink, 'nonce' | 'issuedAt'>,
  now: number,
): { link: PendingLink; cookieValue: string } {
  const link: PendingLink = { ...details, nonce: randomBytes(16).toString('hex'), issuedAt: now };
  const fields = [link.nonce, link.authenticator, link.userid, link.userId, link.landing, link.issuedAt];
  return { link, cookieValue: seal(key, PURPOSE, fields) };
}

function linkOf(fields: unknown[] | null): PendingLink | null {
  if (!fields) return null;
  const [nonce, authenticator, userid, userId, landing, issuedAt] = fields;
  if (typeof nonce !== 'string' || !NONCE_PATTERN.test(nonce)) return null;
  if (typeof authenticator !== 'string' || typeof userid !== 'string' || typeof landing !== 'string') return null;
  if (!Number.isSafeInteger(userId) || typeof issuedAt !== 'number') return null;
  return { nonce, authenticator, userid, userId: userId as number, landing, issuedAt };
}

/** The pending link a cookie holds, when its MAC is ours and it is younger than ten minutes; null otherwise. */
export function readPendingLink(key: Buffer, cookieValue: string | undefined, now: number): PendingLink | null {
  const link = linkOf(unseal(key, PURPOSE, cookieValue, 6));
  if (!link) return null;
  const age = now - link.issuedAt;
  return age >= 0 && age < PENDING_LINK_TTL_MS ? link : null;
}
