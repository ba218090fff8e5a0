import type { Database } from '@nocobase/database';
import { z } from 'zod';
import { LINKED_USER_FIELDS, type UserMatch } from '../shared/linked-members';
import { anyContains, likePattern, sqlNames } from './sql-search';

export interface UsersQuery {
  authenticator: string;
  /** Already trimmed, and not empty. */
  q: string;
  limit: number;
}

const text = z.string().nullable();
const rawUserSchema = z.object({
  // PostgreSQL gives bigints as strings.
  id: z.coerce.number().int(),
  nickname: text,
  username: text,
  email: text,
  phone: text,
  linkedTo: text,
});

/** A row as the query gives it, in the contract's shape. */
export function toUserMatch(raw: unknown): UserMatch {
  return rawUserSchema.parse(raw);
}

/**
 * The first users, lowest ID first, whose nickname, username, email or phone contains `q` (plain SQL, see
 * `sql-search.ts`), each with the member of the authenticator linked to it. Only the contract's columns are selected,
 * so no password or token can be in an answer.
 */
export async function findUsers(db: Database, query: UsersQuery): Promise<UserMatch[]> {
  const { quote, table, column } = sqlNames(db);
  const bindings = db.getCollection('usersAuthenticators');
  const users = db.getCollection('users');
  const link = (attribute: string): string => `b.${column(bindings, attribute)}`;
  const user = (attribute: string): string => `u.${column(users, attribute)}`;

  // A subquery, not a join: one row per user even if a database without the (authenticator, userId) key has two.
  const linkedTo =
    `(SELECT MIN(${link('uuid')}) FROM ${table(bindings)} b ` +
    `WHERE ${link('authenticator')} = $authenticator AND ${link('userId')} = ${user('id')})`;
  const selected = [
    `${user('id')} AS ${quote('id')}`,
    ...LINKED_USER_FIELDS.map((field) => `${user(field)} AS ${quote(field)}`),
    `${linkedTo} AS ${quote('linkedTo')}`,
  ];
  const [rows] = await db.sequelize.query(
    `SELECT ${selected.join(', ')} FROM ${table(users)} u ` +
      `WHERE ${anyContains(LINKED_USER_FIELDS.map(user), 'pattern')} ORDER BY ${user('id')} ASC LIMIT $limit`,
    { bind: { authenticator: query.authenticator, pattern: likePattern(query.q), limit: query.limit } },
  );
  return rows.map(toUserMatch);
}
