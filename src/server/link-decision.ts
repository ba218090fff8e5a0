import type { LinkByPhonePolicy } from './options';

/** A NocoBase user whose phone is, once normalised, the member's WeCom mobile. */
export interface PhoneMatch {
  userId: number;
  roles: readonly string[];
  /** Without one, nobody can prove the account is theirs by signing in to it. */
  hasPassword: boolean;
  /** Already linked to another member of this authenticator. */
  linkedToAnotherMember: boolean;
}

export interface LinkSettings {
  linkByPhone: LinkByPhonePolicy;
  /** `root` counts whether or not it is listed. */
  privilegedRoles: readonly string[];
  autoSignup: boolean;
}

export type LinkRefusal = 'PHONE_AMBIGUOUS' | 'PHONE_BOUND_ELSEWHERE' | 'USER_NOT_FOUND' | 'LINK_BY_ADMIN';

export type LinkDecision =
  | { kind: 'link'; userId: number }
  | { kind: 'create' }
  | { kind: 'confirm'; userId: number }
  | { kind: 'refuse'; code: LinkRefusal };

/**
 * What to do with an unlinked member whose mobile matched these users. Keycloak's first broker login is the model:
 * an automatic link is made only where it cannot hand someone else's account over. `users.phone` is typed by
 * people and checked by nobody, so an account that holds power, or any account when the admin asks for it, is
 * linked only once the person proves it is theirs with its password; and a number several accounts share, or one
 * already taken, is left to an admin instead of guessed.
 */
export function decideLink(matches: readonly PhoneMatch[], settings: LinkSettings): LinkDecision {
  if (matches.length > 1) return { kind: 'refuse', code: 'PHONE_AMBIGUOUS' };
  const [match] = matches;
  // Creating a second account over a number someone has would only move the question elsewhere.
  if (!match) return settings.autoSignup ? { kind: 'create' } : { kind: 'refuse', code: 'USER_NOT_FOUND' };
  if (match.linkedToAnotherMember) return { kind: 'refuse', code: 'PHONE_BOUND_ELSEWHERE' };
  if (settings.linkByPhone === 'never') return { kind: 'refuse', code: 'LINK_BY_ADMIN' };
  const privileged = match.roles.some((role) => role === 'root' || settings.privilegedRoles.includes(role));
  if (settings.linkByPhone === 'auto' && !privileged) return { kind: 'link', userId: match.userId };
  return match.hasPassword ? { kind: 'confirm', userId: match.userId } : { kind: 'refuse', code: 'LINK_BY_ADMIN' };
}
