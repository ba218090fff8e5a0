import type { Database } from '@nocobase/database';
import { z } from 'zod';

/**
 * One binding per external identity: a unique index on `usersAuthenticators (authenticator, uuid)`, for every
 * authenticator, not only WeCom ones. For any auth type `uuid` is "the unique user id of the authentication method"
 * (plugin-auth's own words), and plugin-auth's `findUser(uuid)` signs in as the first of several rows, so a second
 * row is a sign-in as an arbitrary user whatever the type. Nor can an index cover only our authenticators: their names
 * are data, not schema, and MySQL has no partial indexes. Duplicates of another type are reported, never removed.
 *
 * NocoBase's own key on that table is (authenticator, userId): a user has one binding per authenticator. This one
 * adds the other side: a WeCom userid has one user per authenticator, however many nodes bind it at once.
 */
const FIELDS = ['authenticator', 'uuid'] as const;

const indexListSchema = z.array(
  z.object({ unique: z.boolean().optional(), fields: z.array(z.object({ attribute: z.string() })) }),
);
const duplicateSchema = z.object({ authenticator: z.string(), uuid: z.string() });
const userIdSchema = z.object({ userId: z.coerce.number() });

export interface DuplicateBinding {
  authenticator: string;
  uuid: string;
  userIds: number[];
}

export type BindingIndexOutcome =
  | { kind: 'present' }
  | { kind: 'created' }
  /** Not created: these bindings share an identity, and which one is right is for an admin to say. */
  | { kind: 'duplicates'; duplicates: DuplicateBinding[] };

export interface IndexLog {
  info(message: string, meta?: object): unknown;
  error(message: string, meta?: object): unknown;
}

function bindingsTable(db: Database) {
  const collection = db.getCollection('usersAuthenticators');
  const { model } = collection;
  const columns = FIELDS.map((name) => model.getAttributes()[name]?.field ?? name);
  return {
    model,
    table: collection.getTableNameWithSchema(),
    columns,
    name: `${model.tableName}_${columns.join('_')}_unique`,
  };
}

async function hasIndex(db: Database): Promise<boolean> {
  const { table, columns } = bindingsTable(db);
  const indexes = indexListSchema.parse(await db.sequelize.getQueryInterface().showIndex(table));
  return indexes.some(
    (index) =>
      index.unique === true &&
      index.fields.length === columns.length &&
      index.fields.every((field, position) => field.attribute === columns[position]),
  );
}

/** `schema`.`table` or `table`, as getTableNameWithSchema gives it, quoted for the dialect. */
export function quotedTable(
  table: string | { tableName: string; schema?: string },
  quote: (name: string) => string,
): string {
  if (typeof table === 'string') return quote(table);
  return table.schema ? `${quote(table.schema)}.${quote(table.tableName)}` : quote(table.tableName);
}

/**
 * Every (authenticator, uuid) bound more than once, with the users bound. Plain SQL with the dialect's quoting: a
 * Sequelize `where`/`fn` helper is an instance of the plugin's copy of Sequelize, which the app's copy refuses
 * ("Unsupported where option value") when the two differ, as they do for a plugin added with `pm add`.
 */
export async function duplicateBindings(db: Database): Promise<DuplicateBinding[]> {
  const { model, table, columns } = bindingsTable(db);
  const queryInterface = db.sequelize.getQueryInterface();
  const [authenticatorColumn, uuidColumn] = columns.map((column) => queryInterface.quoteIdentifier(column));
  const [groups] = await db.sequelize.query(
    `SELECT ${authenticatorColumn} AS authenticator, ${uuidColumn} AS uuid FROM ${quotedTable(table, (name) => queryInterface.quoteIdentifier(name))} ` +
      `GROUP BY ${authenticatorColumn}, ${uuidColumn} HAVING COUNT(*) > 1`,
  );
  return Promise.all(
    groups.map(async (group: unknown) => {
      const { authenticator, uuid } = duplicateSchema.parse(group);
      const rows = await model.findAll({ where: { authenticator, uuid }, attributes: ['userId'], raw: true });
      const userIds = rows.map((row: unknown) => userIdSchema.parse(row).userId).sort((a, b) => a - b);
      return { authenticator, uuid, userIds };
    }),
  );
}

function reportDuplicates(log: IndexLog, duplicates: DuplicateBinding[]): BindingIndexOutcome {
  log.error(
    'usersAuthenticators binds the same identity (authenticator, uuid) to several users, so the unique index that ' +
      'keeps a WeCom member from being bound twice was not created, and each of these identities signs in as one ' +
      'of its users. Keep one binding per identity (delete the other rows of usersAuthenticators, after checking ' +
      'which user is the person), then restart NocoBase: the index is created on start. Nothing was changed.',
    { duplicates },
  );
  return { kind: 'duplicates', duplicates };
}

/**
 * Creates the unique index unless it exists; with duplicate bindings, creates nothing and logs them by id with what
 * to do. Run by the migration on upgrade and on every start (installs and `pm add`, where no migration runs, and
 * after an admin removed duplicates); it costs one look at the table's indexes.
 */
export async function ensureUniqueBindings(db: Database, log: IndexLog): Promise<BindingIndexOutcome> {
  if (await hasIndex(db)) return { kind: 'present' };
  const found = await duplicateBindings(db);
  if (found.length > 0) return reportDuplicates(log, found);
  const { table, columns, name } = bindingsTable(db);
  try {
    await db.sequelize.getQueryInterface().addIndex(table, [...columns], { name, unique: true });
  } catch (error) {
    // Another node starting at the same time made it, or a duplicate was bound in between.
    if (await hasIndex(db)) return { kind: 'present' };
    const since = await duplicateBindings(db);
    if (since.length > 0) return reportDuplicates(log, since);
    throw error;
  }
  log.info('Created the unique index of usersAuthenticators (authenticator, uuid)', { name });
  return { kind: 'created' };
}

/**
 * `ensureUniqueBindings` where it runs: NocoBase's start and upgrade, which it must never stop. A failure is logged
 * with its reason and tried again on the next start; sign-ins meanwhile rely on the per-member lock alone.
 */
export async function tryEnsureUniqueBindings(db: Database, log: IndexLog): Promise<BindingIndexOutcome | null> {
  try {
    return await ensureUniqueBindings(db, log);
  } catch (error) {
    log.error('Could not create the unique index of usersAuthenticators (authenticator, uuid)', {
      error: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}
