import type { Context, Next } from '@nocobase/actions';
import type { Model } from '@nocobase/database';
import type Application from '@nocobase/server';
import { AUTH_TYPE } from '../shared/constants';
import { automaticAuthenticators } from './automatic-authenticators';
import { refuseSettings } from './invalid-settings';
import { parseWeComOptions } from './options';
import { asOptions, isEnvReference, typedSecret } from './secret-rules';
import { translate } from './translate';

type Options = Record<string, unknown>;

/** Stands in for a saved secret while the settings are checked; the secret itself is not read for that. */
const SAVED = 'saved';

/**
 * Guards `authenticators:create|update` for WeCom authenticators, answering bad settings with a translated 400
 * before anything is saved. Where the secret goes is not decided here: the database hooks (`secret-hooks.ts`) move
 * it out of the options on every write, so no answer or shape of these actions can carry it.
 */
export async function guardWeComAuthenticators(ctx: Context, next: Next): Promise<void> {
  const { resourceName, actionName } = ctx.action;
  if (resourceName === 'authenticators' && (actionName === 'create' || actionName === 'update')) await checkWrite(ctx);
  await next();
}

/** The secret the settings are checked with: the typed one, a variable's value, or a stand-in for the saved one. */
function secretToCheck(app: Application, options: Options, stored: Options): string {
  const typed = typedSecret(options.secret);
  if (isEnvReference(typed))
    return typedSecret(asOptions(app.environment.renderJsonTemplate({ secret: typed })).secret);
  if (typed) return typed;
  const saved = typedSecret(stored.secret);
  if (isEnvReference(saved)) return secretToCheck(app, stored, {});
  return saved || (typeof stored.secretVersion === 'string' && stored.secretVersion !== '') ? SAVED : '';
}

async function checkWrite(ctx: Context): Promise<void> {
  const params = ctx.action.params as { values?: Options; filterByTk?: unknown };
  const values = params.values ?? {};
  const repository = ctx.db.getRepository('authenticators');
  const existing: Model | null =
    ctx.action.actionName === 'update' && params.filterByTk !== undefined
      ? await repository.findOne({ filterByTk: params.filterByTk as number })
      : null;
  const authType = values.authType ?? existing?.get('authType');
  if (authType !== AUTH_TYPE) return;

  const stored = existing?.get('authType') === AUTH_TYPE ? asOptions(existing.get('options')) : {};
  const options = asOptions(values.options ?? stored);
  // Only the secret may name a variable; every other option is checked as written.
  const parsed = parseWeComOptions({ ...options, secret: secretToCheck(ctx.app as Application, options, stored) });
  if (!parsed.ok) refuseSettings(ctx, parsed.issues);

  const name = values.name ?? existing?.get('name');
  const enabled = values.enabled ?? existing?.get('enabled');
  if (parsed.options.autoLogin && enabled) {
    const rival = (await automaticAuthenticators(ctx.db)).find((other) => other !== name);
    if (rival) {
      ctx.throw(
        400,
        translate(ctx, 'Only one WeCom authenticator may sign in automatically, and "{{name}}" already does.', {
          name: rival,
        }),
        { code: 'AUTO_LOGIN_TAKEN' },
      );
    }
  }
}
