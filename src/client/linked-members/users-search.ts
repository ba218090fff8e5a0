import type { SearchUsersParams, UserMatch } from '../../shared/linked-members';
import { userSummary } from './display';

type Translate = (key: string, params?: Record<string, string>) => string;

/** `wecom:searchUsers` params for what the admin typed, or null before anything is typed: the server wants a search. */
export function searchUsersParams(authenticator: string, typed: string): SearchUsersParams | null {
  const q = typed.trim();
  return q === '' ? null : { authenticator, q };
}

/** One entry of the picker. */
export interface UserOption {
  value: number;
  label: string;
  /** A user linked to a member already cannot be linked to another, so it is shown but cannot be chosen. */
  disabled: boolean;
}

export function userOption(user: UserMatch, t: Translate): UserOption {
  const { name, details } = userSummary(user);
  const linked = user.linkedTo === null ? [] : [t('linked to {{userid}}', { userid: user.linkedTo })];
  return {
    value: user.id,
    label: [name ?? t('User ID {{id}}', { id: String(user.id) }), ...details, ...linked].join(' · '),
    disabled: user.linkedTo !== null,
  };
}
