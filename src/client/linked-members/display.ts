import type { LinkedHow, LinkedUser } from '../../shared/linked-members';

/** The message key of each way a link was made, as the list shows it. */
export const LINKED_HOW_LABELS: Record<LinkedHow, string> = {
  phone: 'By phone number',
  confirmation: 'By phone number, confirmed with the password',
  'auto-signup': 'Signed up automatically',
  admin: 'By an administrator',
  unknown: 'Not recorded',
};

/** How a user reads in the list and the picker: the first name they have, then the others that differ. */
export interface UserSummary {
  /** Null when the user has none of nickname, username, email and phone, which is how a deleted user's link reads. */
  name: string | null;
  details: string[];
}

export function userSummary(user: LinkedUser): UserSummary {
  const known = [user.nickname, user.username, user.email, user.phone].filter(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  const [name = null, ...rest] = known;
  return { name, details: rest.filter((value) => value !== name) };
}

/** When a link was made, in the admin's language; the raw value when it is not a date. */
export function formatLinkedAt(iso: string, locale: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  } catch {
    // A language tag Intl does not know.
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

/** The page to show after one link of `count` is removed: the same, or the one before when it was the last row. */
export function pageAfterRemoval(list: { page: number; pageSize: number; count: number }): number {
  const lastPage = Math.max(1, Math.ceil((list.count - 1) / list.pageSize));
  return Math.min(list.page, lastPage);
}
