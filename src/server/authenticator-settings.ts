import type { Context, Next } from '@nocobase/actions';
import type { Model } from '@nocobase/database';
import type Application from '@nocobase/server';
import { AUTH_TYPE } from '../shared/constants';
import { parseWeComOptions } from './options';
import { translate } from './translate';

type Options = Record<string, unknown>;

/** A secret written as `{{$env.X}}` names a variable, not a secret, and may be shown. */
const isEnvReference = (value: unknown): boolean =>
  typeof value === 'string' && /^\{\{\s*\$env\.\w+\s*\}\}$/.test(value);

function asOptions(value: unknown): Options {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Options) } : {};
}

/**
 * Guards `authenticators:create|update` for WeCom authenticators, answering bad settings with a translated
 * 400 before anything is saved; and keeps the secret out of every answer of these actions: the admin form shows
 * it as saved, and an empty secret on update keeps the stored one.
 */
export async function guardWeComAuthenticators(ctx: Context, next: Next): Promise<void> {
  const { resourceName, actionName } = ctx.action;
  if (resourceName !== 'authenticators') return next();
  if (actionName === 'create' || actionName === 'update') await checkWrite(ctx);
  await next();
  // NocoBase echoes the saved record after create and update too.
  if (['list', 'get', 'create', 'update'].includes(actionName)) ctx.body = withoutSecrets(ctx.body);
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

  const stored = asOptions(existing?.get('options'));
  if (values.options !== undefined) {
    const incoming = asOptions(values.options);
    delete incoming.secretSaved;
    if ((incoming.secret === undefined || incoming.secret === '') && stored.secret) incoming.secret = stored.secret;
    values.options = incoming;
  }
  const options = asOptions(values.options ?? stored);
  const app = ctx.app as Application;
  const parsed = parseWeComOptions(app.environment.renderJsonTemplate(options));
  if (!parsed.ok) ctx.throw(400, translate(ctx, parsed.message), { code: 'INVALID_SETTINGS', field: parsed.field });

  const name = values.name ?? existing?.get('name');
  const enabled = values.enabled ?? existing?.get('enabled');
  if (parsed.options.autoLogin && enabled) {
    const others: Model[] = await repository.find({ filter: { authType: AUTH_TYPE, enabled: true } });
    const rival = others.find(
      (other) =>
        other.get('name') !== name && [true, 'true'].includes(asOptions(other.get('options')).autoLogin as boolean),
    );
    if (rival) {
      ctx.throw(
        400,
        translate(ctx, 'Only one WeCom authenticator may sign in automatically, and "{{name}}" already does.', {
          name: String(rival.get('name')),
        }),
        { code: 'AUTO_LOGIN_TAKEN' },
      );
    }
  }
}

function withoutSecrets(body: unknown): unknown {
  const json: unknown = JSON.parse(JSON.stringify(body ?? null));
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Options;
    if (record.authType === AUTH_TYPE && typeof record.options === 'object' && record.options !== null) {
      const options = record.options as Options;
      if (!isEnvReference(options.secret)) {
        options.secretSaved = Boolean(options.secret);
        options.secret = '';
      }
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(json);
  return json;
}
