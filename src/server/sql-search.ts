import type { Collection, Database } from '@nocobase/database';
import { quotedTable } from './binding-index';

/**
 * What the admin searches (`findLinks`, `findUsers`) build their plain SQL from. Plain SQL with bound values and the
 * dialect's quoting: Sequelize's `where` helpers of the plugin's own copy are refused by the app's (see
 * `duplicateBindings`), and the repository's `$includes` escapes wildcards with `\`, which SQLite does not honour
 * without an ESCAPE clause.
 */

/** The LIKE escape character: not `\`, which SQLite does not treat as one and MySQL's string literals would eat. */
const ESCAPE = '!';

/** `q` as a LIKE pattern matching it as a substring: its `%`, `_` and escape characters stand for themselves. */
export function likePattern(q: string): string {
  return `%${q.replace(/[!%_]/g, (character) => `${ESCAPE}${character}`)}%`;
}

/**
 * The condition that any of these (quoted) columns contains the pattern bound as `$<bindName>` (a `likePattern`).
 * Case is ignored as the database's LOWER knows it: every letter on PostgreSQL, ASCII on SQLite.
 */
export function anyContains(columns: readonly string[], bindName: string): string {
  return columns.map((column) => `LOWER(${column}) LIKE LOWER($${bindName}) ESCAPE '${ESCAPE}'`).join(' OR ');
}

/** Names of the app's dialect, quoted for hand-written SQL. */
export interface SqlNames {
  quote(name: string): string;
  /** The collection's table, with its schema when it has one. */
  table(collection: Collection): string;
  /** The column an attribute is stored in (`createdAt` may be `created_at`). */
  column(collection: Collection, attribute: string): string;
}

export function sqlNames(db: Database): SqlNames {
  const queryInterface = db.sequelize.getQueryInterface();
  const quote = (name: string): string => queryInterface.quoteIdentifier(name);
  return {
    quote,
    table: (collection) => quotedTable(collection.getTableNameWithSchema(), quote),
    column: (collection, attribute) => quote(collection.model.getAttributes()[attribute]?.field ?? attribute),
  };
}
