import type { Context } from '@nocobase/actions';
import { z } from 'zod';
import { type UnlinkMemberResult, WECOM_USERID_PATTERN } from '../../shared/linked-members';
import { unbindMember } from '../link-user';
import type { WeComServices } from '../services';
import { translate } from '../translate';
import { adminIdOf, adminLinkScope } from './admin-links';
import type { WeComAction } from './sign-in';

const inputSchema = z.object({
  authenticator: z.string().min(1),
  userid: z.string().regex(WECOM_USERID_PATTERN),
});

/**
 * POST `{ authenticator, userid }`, for those who manage authenticators: removes the member's link (a member who
 * changed phone, left, or was linked to the wrong user). The NocoBase user stays, and so do sessions already issued;
 * the member's next sign-in follows the linking policy again.
 */
export function unlinkMember(services: WeComServices): WeComAction {
  return async (ctx: Context, next) => {
    const parsed = inputSchema.safeParse(ctx.action.params.values ?? {});
    if (!parsed.success) {
      ctx.throw(400, translate(ctx, 'Give the authenticator and the WeCom userid.'), { code: 'INVALID_INPUT' });
    }
    const { authenticator, userid } = parsed.data;
    const scope = await adminLinkScope(ctx, services, authenticator);
    const by = adminIdOf(ctx);
    const userId = await unbindMember(scope, userid);
    if (userId === null) {
      ctx.throw(404, translate(ctx, 'This WeCom member is not linked to a NocoBase user.'), { code: 'LINK_NOT_FOUND' });
    }
    ctx.logger?.info?.('WeCom member unlinked by an administrator', { authenticator, userid, userId, by });
    const body: UnlinkMemberResult = { authenticator, userid, unlinked: true };
    ctx.body = body;
    await next();
  };
}
