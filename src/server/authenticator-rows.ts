import { randomUUID } from 'node:crypto';
import type { Database, Model } from '@nocobase/database';
import { z } from 'zod';
import type { SharedCache } from './wecom/credential-cache';

/** What a sign-in needs of an authenticator's row. */
export interface AuthenticatorRow {
  authType: string;
  enabled: boolean;
  options: Record<string, unknown>;
}

const rowSchema = z.object({
  authType: z.string(),
  // A boolean, or 0/1 where the dialect keeps booleans as integers; never coerced from anything else, so that a
  // value this cannot read fails the sign-in rather than counting as enabled.
  enabled: z.preprocess((value) => (value === 1 ? true : value === 0 ? false : value), z.boolean()),
  options: z.record(z.string(), z.unknown()).nullish(),
});

const versionKey = (id: number): string => `authenticator-version:${id}`;
/** What a node reads before anyone saved the row since the version key was made, or after the cache lost it. */
const UNVERSIONED = 'unversioned';

/**
 * Each node's copy of its authenticators' rows, kept true across the nodes of a cluster. plugin-auth keeps the
 * authenticators in a memory cache of each process, which only the node that saves a change updates, so another
 * node would sign in with old options, or for an authenticator disabled since. Every save or removal of a row, on
 * any node, gives it a new version in the shared cache (Redis in a cluster); a node reads the row again only when
 * the version differs from the one it last read with. A sign-in step costs one cache read, not a query.
 */
export class AuthenticatorRows {
  private readonly known = new Map<number, { version: string; row: AuthenticatorRow | null }>();

  constructor(
    private readonly cache: SharedCache,
    private readonly read: (id: number) => Promise<AuthenticatorRow | null>,
  ) {}

  /** The row as the database has it (null when it is gone), read again only after a change on some node. */
  async current(id: number): Promise<AuthenticatorRow | null> {
    const version = (await this.cache.get<string>(versionKey(id))) ?? UNVERSIONED;
    const known = this.known.get(id);
    if (known?.version === version) return known.row;
    // The version is read before the row: a change committed after this read bumps it again, so it is seen next time.
    const row = await this.read(id);
    this.known.set(id, { version, row });
    return row;
  }

  /** Called once a change of the row is committed, so that no node reads the new version with the old row. */
  async changed(id: number): Promise<void> {
    this.known.delete(id);
    await this.cache.set(versionKey(id), randomUUID());
  }
}

/** Reads a row by primary key from NocoBase's `authenticators`. */
export function authenticatorRowReader(db: () => Database): (id: number) => Promise<AuthenticatorRow | null> {
  return async (id) => {
    const row: Model | null = await db()
      .getModel('authenticators')
      .findByPk(id, { attributes: ['authType', 'enabled', 'options'] });
    if (!row) return null;
    const parsed = rowSchema.parse(row.get({ plain: true }));
    return { authType: parsed.authType, enabled: parsed.enabled, options: parsed.options ?? {} };
  };
}

interface TransactionOptions {
  transaction?: { afterCommit(fn: () => unknown): void } | null;
}

/**
 * Gives a row a new version after every save or removal that commits, whichever way it is written (the secret
 * hooks make bulk writes run these per row). After the commit, not in the transaction: a node that saw the new
 * version before the commit would keep the old row.
 */
export function registerAuthenticatorVersionHooks(
  db: Database,
  rows: AuthenticatorRows,
  log: { error(message: string, meta?: object): unknown },
): void {
  const afterCommit = (model: Model, options: TransactionOptions): void => {
    const id = Number(model.get('id'));
    // The change is saved; other nodes keep their copy until the next change reaches the cache. Said, not thrown.
    const bump = (): Promise<unknown> =>
      rows.changed(id).catch((error: unknown) =>
        log.error('Other nodes may sign in with this authenticator as it was: its new version was not shared', {
          id,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    if (options.transaction) options.transaction.afterCommit(bump);
    else void bump();
  };
  db.on('authenticators.afterSave', afterCommit);
  db.on('authenticators.afterDestroy', afterCommit);
}
