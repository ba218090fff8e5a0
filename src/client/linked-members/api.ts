import {
  LINKS_PAGE_SIZE_DEFAULT,
  type LinkMemberParams,
  type ListLinksParams,
  type ListLinksResult,
  type SearchUsersParams,
  type UnlinkMemberParams,
  type UserMatch,
} from '../../shared/linked-members';
import type { LinkedMembersRequest } from './request';
import { parseLinksPage, parseUserMatches } from './responses';

/** A page of the authenticator's links; an empty search lists them all. */
export async function listLinks(request: LinkedMembersRequest, query: ListLinksParams): Promise<ListLinksResult> {
  const q = query.q?.trim();
  const params = {
    authenticator: query.authenticator,
    page: query.page ?? 1,
    pageSize: query.pageSize ?? LINKS_PAGE_SIZE_DEFAULT,
  };
  return parseLinksPage(
    await request({ url: 'wecom:listLinks', method: 'get', params: q ? { ...params, q } : params }),
  );
}

/** The server answers 404 `LINK_NOT_FOUND` when the member is no longer linked. */
export async function unlinkMember(request: LinkedMembersRequest, values: UnlinkMemberParams): Promise<void> {
  await request({ url: 'wecom:unlinkMember', method: 'post', data: { ...values } });
}

export async function linkMember(request: LinkedMembersRequest, values: LinkMemberParams): Promise<void> {
  await request({ url: 'wecom:linkMember', method: 'post', data: { ...values } });
}

/**
 * The NocoBase users matching the search, each with the member of the authenticator linked to it. Through the plugin,
 * not `users:list`: whoever manages authenticators may link members without being allowed to manage users.
 */
export async function searchUsers(request: LinkedMembersRequest, params: SearchUsersParams): Promise<UserMatch[]> {
  return parseUserMatches(await request({ url: 'wecom:searchUsers', method: 'get', params: { ...params } }));
}
