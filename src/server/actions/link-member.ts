import type { Context } from '@nocobase/actions';
import { z } from 'zod';
import { type LinkMemberResult, WECOM_USERID_PATTERN } from '../../shared/linked-members';
import { bindMember } from '../link-user';
import type { WeComServices } from '../services';
import { translate } from '../translate';
import { adminIdOf, adminLinkScope } from './admin-links';
import type { WeComAction } from './sign-in';

const inputSchema = z.object({
  authenticator: z.string().min(1),
  userid: z.string().regex(WECOM_USERID_PATTERN),
  userId: z.coerce.number().int().positive(),
});

const REFUSALS = {
  MEMBER_LINKED_ELSEWHERE: {
    code: 'MEMBER_ALREADY_LINKED',
    message: 'This WeCom member is already linked to another NocoBase user.',
  },
  USER_LINKED_ELSEWHERE: {
    code: 'USER_ALREADY_LINKED',
    message: 'This NocoBase user is already linked to another WeCom member of this authenticator.',
  },
  USER_NOT_FOUND: { code: 'USER_NOT_FOUND', message: 'No NocoBase user has this ID.' },
} as const;

/**
 * POST `{ authenticator, userid, userId }`, for those who manage authenticators: links a WeCom member to a NocoBase
 * user by hand, the way every link is made that the member's phone number cannot vouch for. Refuses a member or a
 * user linked to another already; linking the same pair again changes nothing.
 */
export function linkMember(services: WeComServices): WeComAction {
  return async (ctx: Context, next) => {
    const parsed = inputSchema.safeParse(ctx.action.params.values ?? {});
    if (!parsed.success) {
      ctx.throw(400, translate(ctx, 'Give the authenticator, the WeCom userid and the NocoBase user ID.'), {
        code: 'INVALID_INPUT',
      });
    }
    const { authenticator, userid, userId } = parsed.data;
    const scope = await adminLinkScope(ctx, services, authenticator);
    const by = adminIdOf(ctx);
    const bound = await bindMember(scope, userid, userId, { how: 'admin', by });
    if (!bound.ok) {
      const refusal = REFUSALS[bound.reason];
      ctx.throw(bound.reason === 'USER_NOT_FOUND' ? 404 : 409, translate(ctx, refusal.message), { code: refusal.code });
    }
    ctx.logger?.info?.('WeCom member linked by an administrator', { authenticator, userid, userId, by });
    const body: LinkMemberResult = { authenticator, userid, userId };
    ctx.body = body;
    await next();
  };
}
