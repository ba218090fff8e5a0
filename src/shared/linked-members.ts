/**
 * The linked-members API of the `wecom` resource (`wecom:listLinks`, `wecom:unlinkMember`, `wecom:linkMember`,
 * `wecom:searchUsers`), for those who manage authenticators. Types and limits only, shared by the server and the admin clients.
 */

/** How a binding was made; `unknown` for bindings made before the plugin recorded it. */
export const LINKED_HOW = ['phone', 'confirmation', 'auto-signup', 'admin', 'unknown'] as const;

export type LinkedHow = (typeof LINKED_HOW)[number];

/** The ways the plugin makes a binding: every `LinkedHow` but `unknown`. */
export type LinkMethod = Exclude<LinkedHow, 'unknown'>;

/** WeCom's userid: 1 to 64 letters, digits and `_-.@` (the directory's account rule). */
export const WECOM_USERID_PATTERN = /^[A-Za-z0-9_.@-]{1,64}$/;

export const LINKS_PAGE_SIZE_DEFAULT = 20;
export const LINKS_PAGE_SIZE_MAX = 100;
/** Longer than any userid, nickname, username, email or phone worth searching for. */
export const LINKS_QUERY_MAX_LENGTH = 255;

export interface LinkedUser {
  id: number;
  nickname: string | null;
  username: string | null;
  email: string | null;
  phone: string | null;
}

/** A user's fields that the searches match and the answers carry, beside the id. */
export const LINKED_USER_FIELDS = ['nickname', 'username', 'email', 'phone'] as const satisfies ReadonlyArray<
  keyof LinkedUser
>;

export interface LinkRow {
  /** The member's WeCom userid. */
  userid: string;
  /** The NocoBase user it signs in as. */
  userId: number;
  /** All null when the user was deleted and the binding left behind; unlinking removes it. */
  user: LinkedUser;
  /** ISO 8601. */
  linkedAt: string;
  linkedHow: LinkedHow;
}

/** `wecom:listLinks`: `q` matches, case-insensitively as a substring, the userid and the user's names, email, phone. */
export interface ListLinksParams {
  authenticator: string;
  q?: string;
  /** From 1; 1 by default. */
  page?: number;
  /** 20 by default, at most 100. */
  pageSize?: number;
}

/** One page of links, newest first; `count` is every link that matches. */
export interface ListLinksResult {
  rows: LinkRow[];
  count: number;
  page: number;
  pageSize: number;
}

export interface UnlinkMemberParams {
  authenticator: string;
  userid: string;
}

/** Takes effect at the member's next sign-in, which follows the linking policy again. */
export interface UnlinkMemberResult {
  authenticator: string;
  userid: string;
  unlinked: true;
}

export interface LinkMemberParams {
  authenticator: string;
  userid: string;
  userId: number;
}

export type LinkMemberResult = LinkMemberParams;

/** Enough to pick from; a longer list means the search should be narrower. */
export const USERS_SEARCH_LIMIT = 20;

/**
 * `wecom:searchUsers`, for picking whom to link a member to: `q` (1 to 255 characters, not all spaces) matches,
 * case-insensitively as a substring, the user's nickname, username, email or phone.
 */
export interface SearchUsersParams {
  authenticator: string;
  q: string;
}

/** One of at most `USERS_SEARCH_LIMIT` users, lowest ID first. */
export interface UserMatch extends LinkedUser {
  /** The WeCom userid of the authenticator's member already linked to the user, who cannot be linked to another. */
  linkedTo: string | null;
}
