import type { Context } from '@nocobase/actions';
import { z } from 'zod';
import {
  LINKS_PAGE_SIZE_DEFAULT,
  LINKS_PAGE_SIZE_MAX,
  LINKS_QUERY_MAX_LENGTH,
  type ListLinksResult,
} from '../../shared/linked-members';
import { findLinks } from '../find-links';
import type { WeComServices } from '../services';
import { translate } from '../translate';
import { adminLinkScope, paramsOf } from './admin-links';
import type { WeComAction } from './sign-in';

export const listLinksSchema = z.object({
  authenticator: z.string().min(1),
  q: z.string().max(LINKS_QUERY_MAX_LENGTH).trim().optional(),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().positive().max(LINKS_PAGE_SIZE_MAX).default(LINKS_PAGE_SIZE_DEFAULT),
});

/**
 * `{ authenticator, q?, page?, pageSize? }`, for those who manage authenticators: a page of which NocoBase user each
 * WeCom member of the authenticator is linked to, newest link first, searched by userid and the user's nickname,
 * username, email and phone.
 */
export function listLinks(services: WeComServices): WeComAction {
  return async (ctx: Context, next) => {
    const parsed = listLinksSchema.safeParse(paramsOf(ctx));
    if (!parsed.success) {
      ctx.throw(
        400,
        translate(
          ctx,
          'Give the authenticator, a search of at most {{max}} characters, a page from 1 and a page size from 1 to {{size}}.',
          {
            max: String(LINKS_QUERY_MAX_LENGTH),
            size: String(LINKS_PAGE_SIZE_MAX),
          },
        ),
        { code: 'INVALID_INPUT' },
      );
    }
    const { authenticator, q, page, pageSize } = parsed.data;
    await adminLinkScope(ctx, services, authenticator);
    const { rows, count } = await findLinks(ctx.db, { authenticator, q, page, pageSize });
    // NocoBase's data wrapping sends a body with `rows` as `{ data: rows, meta: { count, page, pageSize } }`.
    const body: ListLinksResult = { rows, count, page, pageSize };
    ctx.body = body;
    await next();
  };
}
