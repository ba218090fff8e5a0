import type { Database } from '@nocobase/database';
import { z } from 'zod';
import { LINKED_USER_FIELDS, type LinkRow } from '../shared/linked-members';
import { linkedHowOf } from './link-record';
import { anyContains, likePattern, sqlNames } from './sql-search';

export interface LinksQuery {
  authenticator: string;
  /** Already trimmed; empty or absent lists every link. */
  q?: string;
  page: number;
  pageSize: number;
}

const text = z.string().nullable();
const rawRowSchema = z.object({
  userid: z.string(),
  // PostgreSQL gives bigints and counts as strings.
  userId: z.coerce.number().int(),
  // SQLite gives dates as text (`2026-12-01 10:00:00.000 +00:00`), the others as Date.
  linkedAt: z.coerce.date(),
  meta: z.unknown(),
  nickname: text,
  username: text,
  email: text,
  phone: text,
});
const countSchema = z.object({ count: z.coerce.number().int() });

/** A row as the query gives it, in the contract's shape. */
export function toLinkRow(raw: unknown): LinkRow {
  const row = rawRowSchema.parse(raw);
  return {
    userid: row.userid,
    userId: row.userId,
    user: { id: row.userId, nickname: row.nickname, username: row.username, email: row.email, phone: row.phone },
    linkedAt: row.linkedAt.toISOString(),
    linkedHow: linkedHowOf(row.meta),
  };
}

/**
 * One page of an authenticator's links, newest first, with the users they sign in as, and how many match (plain SQL,
 * see `sql-search.ts`). A binding whose user was deleted is listed too (its user's fields null), so an admin can
 * remove it.
 */
export async function findLinks(db: Database, query: LinksQuery): Promise<{ rows: LinkRow[]; count: number }> {
  const { quote, table, column } = sqlNames(db);
  const bindings = db.getCollection('usersAuthenticators');
  const users = db.getCollection('users');
  const link = (attribute: string): string => `b.${column(bindings, attribute)}`;
  const user = (attribute: string): string => `u.${column(users, attribute)}`;

  const matches = anyContains([link('uuid'), ...LINKED_USER_FIELDS.map(user)], 'pattern');
  const where = `${link('authenticator')} = $authenticator${query.q ? ` AND (${matches})` : ''}`;
  const from = `FROM ${table(bindings)} b LEFT JOIN ${table(users)} u ON ${user('id')} = ${link('userId')}`;
  const bind = { authenticator: query.authenticator, ...(query.q ? { pattern: likePattern(query.q) } : {}) };

  const [counted] = await db.sequelize.query(`SELECT COUNT(*) AS ${quote('count')} ${from} WHERE ${where}`, { bind });
  const selected = [
    `${link('uuid')} AS ${quote('userid')}`,
    `${link('userId')} AS ${quote('userId')}`,
    `${link('createdAt')} AS ${quote('linkedAt')}`,
    `${link('meta')} AS ${quote('meta')}`,
    ...LINKED_USER_FIELDS.map((field) => `${user(field)} AS ${quote(field)}`),
  ];
  const [rows] = await db.sequelize.query(
    `SELECT ${selected.join(', ')} ${from} WHERE ${where} ` +
      // The userid breaks ties, so that links made in the same instant keep their order from page to page.
      `ORDER BY ${link('createdAt')} DESC, ${link('uuid')} ASC LIMIT $limit OFFSET $offset`,
    { bind: { ...bind, limit: query.pageSize, offset: (query.page - 1) * query.pageSize } },
  );
  return { rows: rows.map(toLinkRow), count: countSchema.parse(counted[0]).count };
}
