import type { Context } from '@nocobase/actions';
import {
  issuePendingLink,
  MAX_LINK_ATTEMPTS,
  PENDING_LINK_TTL_MS,
  type PendingLink,
  readPendingLink,
} from './pending-link';
import { clearPendingLinkCookie, pendingLinkCookieOf, setPendingLinkCookie } from './sign-in-cookies';
import type { Tally } from './single-use';

export type LinkAttempt = { allowed: true; left: number } | { allowed: false };

/**
 * Links waiting for the account's password, in this browser's cookie; on the server only what must be shared by
 * every node: how many passwords were tried for each, and whether it was used.
 */
export class LinkConfirmations {
  constructor(
    private readonly key: () => Buffer,
    private readonly tally: Tally,
    private readonly now: () => number,
  ) {}

  start(ctx: Context, details: Omit<PendingLink, 'nonce' | 'issuedAt'>): PendingLink {
    const { link, cookieValue } = issuePendingLink(this.key(), details, this.now());
    setPendingLinkCookie(ctx, cookieValue);
    return link;
  }

  /** This browser's pending link, if its cookie is genuine and unexpired. */
  current(ctx: Context): PendingLink | null {
    return readPendingLink(this.key(), pendingLinkCookieOf(ctx), this.now());
  }

  end(ctx: Context): void {
    clearPendingLinkCookie(ctx);
  }

  private remaining(link: PendingLink): number {
    return link.issuedAt + PENDING_LINK_TTL_MS - this.now();
  }

  /** Counts one password attempt before the password is checked, so parallel posts cannot share one try. */
  async attempt(link: PendingLink): Promise<LinkAttempt> {
    const count = await this.tally.add(`link-attempts:${link.nonce}`, this.remaining(link));
    return count > MAX_LINK_ATTEMPTS ? { allowed: false } : { allowed: true, left: MAX_LINK_ATTEMPTS - count };
  }

  async attemptsLeft(link: PendingLink): Promise<number> {
    return Math.max(0, MAX_LINK_ATTEMPTS - (await this.tally.read(`link-attempts:${link.nonce}`)));
  }

  /** Spends the link: true once, so a replayed confirmation cannot issue a second session. */
  async claim(link: PendingLink): Promise<boolean> {
    return (await this.tally.add(`link-used:${link.nonce}`, this.remaining(link))) === 1;
  }

  async used(link: PendingLink): Promise<boolean> {
    return (await this.tally.read(`link-used:${link.nonce}`)) > 0;
  }
}
