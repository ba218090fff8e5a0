import type { Context } from '@nocobase/actions';
import { z } from 'zod';
import { LINKS_QUERY_MAX_LENGTH, USERS_SEARCH_LIMIT, type UserMatch } from '../../shared/linked-members';
import { findUsers } from '../find-users';
import type { WeComServices } from '../services';
import { translate } from '../translate';
import { adminLinkScope, paramsOf } from './admin-links';
import type { WeComAction } from './sign-in';

export const searchUsersSchema = z.object({
  authenticator: z.string().min(1),
  // The length is of what was sent, so that a flood of spaces is refused like any other overlong search.
  q: z.string().max(LINKS_QUERY_MAX_LENGTH).trim().min(1),
});

/**
 * `{ authenticator, q }` (query or body), for those who manage authenticators: the NocoBase users a member could be
 * linked to, searched by nickname, username, email and phone, each with the member already linked to it. It is the
 * link dialog's picker, which `users:list` cannot serve: the authenticators permission does not open it.
 */
export function searchUsers(services: WeComServices): WeComAction {
  return async (ctx: Context, next) => {
    const parsed = searchUsersSchema.safeParse(paramsOf(ctx));
    if (!parsed.success) {
      ctx.throw(
        400,
        translate(ctx, 'Give the authenticator and a search of 1 to {{max}} characters.', {
          max: String(LINKS_QUERY_MAX_LENGTH),
        }),
        { code: 'INVALID_INPUT' },
      );
    }
    const { authenticator, q } = parsed.data;
    await adminLinkScope(ctx, services, authenticator);
    const body: UserMatch[] = await findUsers(ctx.db, { authenticator, q, limit: USERS_SEARCH_LIMIT });
    // NocoBase's data wrapping sends an array as `{ data: users }`.
    ctx.body = body;
    await next();
  };
}
