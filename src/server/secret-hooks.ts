import type { Context } from '@nocobase/actions';
import type { Database, Model, Transaction } from '@nocobase/database';
import type Application from '@nocobase/server';
import { AUTH_TYPE } from '../shared/constants';
import { isEnvReference, planSecretSave, type SecretWrite, typedSecret } from './secret-rules';
import { SECRETS_COLLECTION, type SecretStore } from './secret-store';
import { translate } from './translate';

export const SECRET_REQUIRED_MESSAGE =
  "A saved Secret, or one from a secret variable, is sent only to the API base URL it was saved with (or to WeCom's own). Type the Secret to use another API base URL.";

/** Refuses a save that would send a secret the caller did not type to another API base URL; NocoBase answers 400. */
export class SecretRequiredError extends Error {
  readonly status = 400;
  readonly code = 'SECRET_REQUIRED';
  /** For NocoBase's error handler: a refused setting, not a fault of the server. */
  readonly logLevel = 'warn';
}

export function secretRequired(ctx: unknown): SecretRequiredError {
  const context = ctx as Context | undefined;
  return new SecretRequiredError(context?.t ? translate(context, SECRET_REQUIRED_MESSAGE) : SECRET_REQUIRED_MESSAGE);
}

interface HookOptions {
  transaction?: Transaction;
  fields?: string[];
  context?: unknown;
  individualHooks?: boolean;
}

/**
 * Keeps the secret of every `wecom` authenticator out of `authenticators.options`, whichever way the row is written:
 * the HTTP actions, `repository.create|update|updateOrCreate|firstOrCreate`, updates by filter, and Sequelize's bulk
 * calls, which are made to run the per-row hooks. The options are rewritten before the row is; the store is written
 * after it, in the same transaction, so a refused or failed row never touches another authenticator's secret.
 */
export function registerSecretHooks(db: Database, store: SecretStore): void {
  const pending = new WeakMap<Model, SecretWrite>();

  const perRow = (options: HookOptions): void => {
    options.individualHooks = true;
  };
  db.on('authenticators.beforeBulkCreate', (_models: Model[], options: HookOptions) => perRow(options));
  db.on('authenticators.beforeBulkUpdate', perRow);
  db.on('authenticators.beforeBulkDestroy', perRow);

  db.on('authenticators.beforeSave', (model: Model, options: HookOptions) => {
    const wasWeCom = !model.isNewRecord && model.previous('authType') === AUTH_TYPE;
    if (model.get('authType') !== AUTH_TYPE) {
      if (wasWeCom) pending.set(model, { kind: 'drop' });
      return;
    }
    const plan = planSecretSave(model.get('options'), wasWeCom ? model.previous('options') : null, {
      tag: (secret) => store.tag(secret),
      isSecretVariable: (reference) => store.isSecretVariable(reference),
    });
    if (!plan.ok) throw secretRequired(options.context);
    model.set('options', plan.options);
    // An update names the fields it writes; options rewritten here must be among them.
    if (Array.isArray(options.fields) && !options.fields.includes('options')) options.fields.push('options');
    pending.set(model, plan.write);
  });

  db.on('authenticators.afterSave', async (model: Model, options: HookOptions) => {
    const write = pending.get(model);
    pending.delete(model);
    if (write?.kind === 'store') await store.write(id(model), write.secret, options.transaction);
    if (write?.kind === 'drop') await store.drop(id(model), options.transaction);
  });

  db.on('authenticators.afterDestroy', async (model: Model, options: HookOptions) => {
    if (model.get('authType') === AUTH_TYPE) await store.drop(id(model), options.transaction);
  });
}

/**
 * Makes the secrets table where a plain restart brought this version (`pm enable` and `upgrade` sync it), then moves
 * secrets still in `authenticators.options`, saved before they had a store. Both are idempotent; saving the row is
 * enough, the hooks above do the move.
 */
export async function moveSavedSecrets(app: Application): Promise<void> {
  // Logged, not thrown: NocoBase should start even so; a sign-in then says the settings are broken.
  const failed = (what: string, error: unknown, authenticator?: unknown): void => {
    app.log.error(what, { authenticator, error: error instanceof Error ? error.message : String(error) });
  };
  let authenticators: Model[];
  try {
    const secrets = app.db.getCollection(SECRETS_COLLECTION);
    if (!(await secrets.existsInDb())) await secrets.sync();
    authenticators = await app.db.getRepository('authenticators').find({ filter: { authType: AUTH_TYPE } });
  } catch (error) {
    failed('could not prepare the store of WeCom secrets', error);
    return;
  }
  let moved = 0;
  for (const authenticator of authenticators) {
    const options = authenticator.get('options');
    const secret = typedSecret((options as { secret?: unknown } | null)?.secret);
    if (secret === '' || isEnvReference(secret)) continue;
    try {
      await app.db.getRepository('authenticators').update({ filterByTk: id(authenticator), values: { options } });
      moved += 1;
    } catch (error) {
      failed('could not move the WeCom secret of an authenticator to its store', error, authenticator.get('name'));
    }
  }
  if (moved > 0) await forgetCachedAuthenticators(app);
}

/**
 * plugin-auth caches the enabled authenticators as one object, and a save adds the saved one to it. Saved into a
 * cache that was still empty, as at start, it becomes the only one there, and NocoBase's lookup then falls back to
 * it for every other name: a password sign-in would reach the WeCom authenticator. Dropping the entry makes the
 * next lookup read them all again.
 */
async function forgetCachedAuthenticators(app: Application): Promise<void> {
  const { storer } = app.authManager as unknown as {
    storer?: { key?: unknown; cache?: { del(key: string): Promise<unknown> } };
  };
  if (storer?.cache && typeof storer.key === 'string') await storer.cache.del(storer.key);
}

const id = (model: Model): number => Number(model.get('id'));
