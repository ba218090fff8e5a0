import type { Context, Next } from '@nocobase/actions';
import type { Collection, Database } from '@nocobase/database';
import { asOptions, isEnvReference, REDACTED, typedSecret } from './secret-rules';
import { SECRETS_COLLECTION } from './secret-store';

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []).filter(
    (item): item is string => typeof item === 'string',
  );

function targetOf(collection: Collection | undefined, fieldName: string): string | null {
  const field = collection?.getField(fieldName) as { target?: unknown } | undefined;
  return typeof field?.target === 'string' ? field.target : null;
}

/**
 * Whether an action reads or writes the secrets collection: as its resource, as the target of an association
 * resource, or through `appends` or a dotted `fields` path. No field of ours points there, but an administrator
 * could add one through the collection manager's API.
 */
export function reachesSecrets(db: Database, resourceName: string, params: Record<string, unknown>): boolean {
  const [source = '', association] = resourceName.split('.');
  if (source === SECRETS_COLLECTION) return true;
  const collection = db.hasCollection(source) ? db.getCollection(source) : undefined;
  if (association !== undefined && targetOf(collection, association) === SECRETS_COLLECTION) return true;
  const start = association === undefined ? collection : db.getCollection(targetOf(collection, association) ?? '');
  return [...asList(params.appends), ...asList(params.fields)].some((path) => {
    let current = start;
    for (const segment of path.split('.')) {
      const target = targetOf(current, segment);
      if (target === null) return false;
      if (target === SECRETS_COLLECTION) return true;
      current = db.hasCollection(target) ? db.getCollection(target) : undefined;
    }
    return false;
  });
}

/** A copy of a request's values with `options.secret` replaced, if it held a secret. */
function redacted(values: unknown): unknown {
  if (Array.isArray(values)) return values.map(redacted);
  if (typeof values !== 'object' || values === null) return values;
  const options = (values as { options?: unknown }).options;
  const secret = typedSecret(asOptions(options).secret);
  if (secret === '' || isEnvReference(secret)) return values;
  return { ...values, options: { ...asOptions(options), secret: REDACTED } };
}

const carriesSecret = (resourceName: string, actionName: string): boolean =>
  resourceName === 'authenticators' || (resourceName === 'wecom' && actionName === 'checkConfig');

/**
 * Runs outside NocoBase's auth and ACL, for every role, root included: refuses any action that reaches the secrets
 * collection, and once an action is done (or refused), takes the secret out of its parameters and body. NocoBase's
 * request logger writes `ctx.action.toJSON()` after the answer, leaving out only a fixed list of password fields
 * (`params.values.password` and the like); its audit log writes the request body.
 */
export async function guardSecrets(ctx: Context, next: Next): Promise<void> {
  const { resourceName, actionName } = ctx.action;
  if (reachesSecrets(ctx.db, resourceName, (ctx.action.params ?? {}) as Record<string, unknown>)) {
    ctx.throw(403, 'No permissions');
  }
  if (!carriesSecret(resourceName, actionName)) return next();
  try {
    await next();
  } finally {
    const params = ctx.action.params as { values?: unknown };
    if (params) params.values = redacted(params.values);
    // Koa's body parser adds `body`; NocoBase's context type does not declare it.
    const request = ctx.request as unknown as { body?: unknown };
    request.body = redacted(request.body);
  }
}
