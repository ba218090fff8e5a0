import type { Context } from '@nocobase/actions';
import { z } from 'zod';
import { AUTH_TYPE } from '../../shared/constants';
import type { LinkScope } from '../link-user';
import type { WeComServices } from '../services';
import { translate } from '../translate';

/**
 * What the linked-member actions (`listLinks`, `linkMember`, `unlinkMember`, `searchUsers`) share: the WeCom
 * authenticator they are about, who is acting, and where a search's parameters are.
 */

/**
 * The links of the WeCom authenticator of that name, or a 400: never another auth type's bindings, whose uuids are
 * that type's identities. Disabled authenticators too: an admin may manage members before turning sign-in on.
 */
export async function adminLinkScope(ctx: Context, services: WeComServices, authenticator: string): Promise<LinkScope> {
  const record = await ctx.db
    .getRepository('authenticators')
    .findOne({ filter: { name: authenticator, authType: AUTH_TYPE } });
  if (!record) {
    ctx.throw(400, translate(ctx, 'No WeCom authenticator has this name.'), { code: 'AUTHENTICATOR_UNAVAILABLE' });
  }
  return { db: ctx.db, authenticator, runExclusive: services.runExclusive, logger: ctx.logger };
}

const currentUserSchema = z.object({ currentUser: z.object({ id: z.coerce.number().int().positive() }) });

/** The signed-in administrator's user ID. The ACL lets no one without a user this far, so its absence is a bug. */
export function adminIdOf(ctx: Context): number {
  return currentUserSchema.parse(ctx.state).currentUser.id;
}

/**
 * A GET's parameters are in the query, a POST's in the body; the body's win. Other keys are for the caller's schema
 * to drop.
 */
export function paramsOf(ctx: Context): Record<string, unknown> {
  const { values, ...query } = (ctx.action.params ?? {}) as Record<string, unknown>;
  return { ...query, ...(typeof values === 'object' && values !== null && !Array.isArray(values) ? values : {}) };
}
