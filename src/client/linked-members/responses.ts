import { z } from 'zod/mini';
import { LINKED_HOW, type LinkRow, type ListLinksResult, type UserMatch } from '../../shared/linked-members';

// zod's mini build: this bundle loads on every page of both shells, sign-in page included.

/** The user's optional fields; a deployment may have removed one from the `users` collection. */
const text = z.pipe(
  z.optional(z.nullable(z.string())),
  z.transform((value) => value ?? null),
);

const userSchema = z.object({ id: z.number(), nickname: text, username: text, email: text, phone: text });

const linkRowSchema = z.object({
  userid: z.string(),
  userId: z.number(),
  user: userSchema,
  linkedAt: z.string(),
  // A way of linking added by a newer server reads as not recorded, instead of hiding the whole list.
  linkedHow: z.catch(z.enum(LINKED_HOW), 'unknown'),
});

const pageMeta = { count: z.number(), page: z.number(), pageSize: z.number() };

/**
 * NocoBase's data wrapping turns a body with `rows` into `{ data: rows, meta: { …the rest } }`; `{ data: body }` is
 * what an action that opts out of the wrapping's special case would give. Both read the same.
 */
const linksPageSchema = z.union([
  z.object({ data: z.array(linkRowSchema), meta: z.object(pageMeta) }),
  z.object({ data: z.object({ rows: z.array(linkRowSchema), ...pageMeta }) }),
]);

// NocoBase's data wrapping sends the array of users as `{ data: users }`. No default for `linkedTo`: a user read as
// unlinked would be offered to a second member.
const userMatchesSchema = z.object({ data: z.array(z.extend(userSchema, { linkedTo: z.nullable(z.string()) })) });

/** The server answered, but not with what the panel can show. */
export class UnreadableAnswerError extends Error {
  constructor(what: string) {
    super(`Unexpected answer of ${what}`);
    this.name = 'UnreadableAnswerError';
  }
}

/** The body of `wecom:listLinks`. */
export function parseLinksPage(body: unknown): ListLinksResult {
  const parsed = linksPageSchema.safeParse(body);
  if (!parsed.success) throw new UnreadableAnswerError('wecom:listLinks');
  const answer = parsed.data;
  const rows: LinkRow[] = Array.isArray(answer.data) ? answer.data : answer.data.rows;
  const meta = 'meta' in answer ? answer.meta : answer.data;
  return { rows, count: meta.count, page: meta.page, pageSize: meta.pageSize };
}

/** The body of `wecom:searchUsers`. */
export function parseUserMatches(body: unknown): UserMatch[] {
  const parsed = userMatchesSchema.safeParse(body);
  if (!parsed.success) throw new UnreadableAnswerError('wecom:searchUsers');
  return parsed.data.data;
}
