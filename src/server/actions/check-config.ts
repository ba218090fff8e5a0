import type { Context, Next } from '@nocobase/actions';
import type Application from '@nocobase/server';
import { checkWeComConfig } from '../check-config';
import { parseWeComOptions } from '../options';
import type { WeComServices } from '../services';
import { translate } from '../translate';
import type { WeComAction } from './sign-in';

/**
 * POST `{ name?, options }` → `{ ok, checks: [{ key, ok, message, errcode }] }`: the admin form's "check
 * configuration". An empty secret means the one saved for authenticator `name`.
 */
export function checkConfig(services: WeComServices): WeComAction {
  return async (ctx: Context, next: Next) => {
    const values = (ctx.action.params.values ?? {}) as { name?: unknown; options?: unknown };
    const options: Record<string, unknown> =
      typeof values.options === 'object' && values.options !== null ? { ...(values.options as object) } : {};
    if (!options.secret && typeof values.name === 'string' && values.name !== '') {
      const saved = await ctx.db.getRepository('authenticators').findOne({ filter: { name: values.name } });
      options.secret = (saved?.get('options') as { secret?: unknown } | undefined)?.secret;
    }
    const app = ctx.app as Application;
    const parsed = parseWeComOptions(app.environment.renderJsonTemplate(options));
    if (!parsed.ok) ctx.throw(400, translate(ctx, parsed.message), { code: 'INVALID_SETTINGS', field: parsed.field });
    const checks = await checkWeComConfig(parsed.options, services.http(parsed.options));
    ctx.body = {
      ok: checks.every((check) => check.ok),
      checks: checks.map((check) => ({ ...check, message: translate(ctx, check.message, check.params) })),
    };
    await next();
  };
}
