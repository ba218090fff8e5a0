import { z } from 'zod';

/*
 * Each schema reads only the fields our code uses; z.object drops every other key unread. WeCom adds fields and
 * changes their types over time (gender "1" or 1, null for a field it hides), and a field nobody reads must never
 * turn a good answer into an error. Fields the flow needs stay strict; where a bad value can be treated as absent
 * without deciding anything wrongly, it is.
 */

/** A string that is missing, null, empty or of another type counts as absent. */
const optionalString = z.string().min(1).optional().catch(undefined);

/** Every WeCom answer carries these two fields; anything else is read only once errcode is 0. */
export const envelopeSchema = z.object({ errcode: z.number().int(), errmsg: z.string().catch('') });

/**
 * `expires_in` may be 0: WeCom hands out a token again with what is left of its lifetime, and in its last second
 * that rounds down to 0 (see credential-cache.ts for what is cached).
 */
const lifetimeSeconds = z.number().int().nonnegative();

export const accessTokenSchema = z.object({ access_token: z.string().min(1), expires_in: lifetimeSeconds });
export type AccessToken = z.infer<typeof accessTokenSchema>;

/**
 * `auth/getuserinfo`: a member gets `userid` (and `user_ticket` for snsapi_privateinfo); anyone else `openid`.
 * An answer with neither is unreadable rather than a non-member, so `openid` is required for that branch.
 */
export const codeIdentitySchema = z.union([
  z.object({ userid: z.string().min(1), user_ticket: optionalString }),
  z.object({ openid: z.string().min(1) }),
]);
export type CodeIdentity = z.infer<typeof codeIdentitySchema>;

/** `auth/getuserdetail`: the mobile only when the admin allowed it and the member consented. */
export const userDetailSchema = z.object({ mobile: optionalString });
export type UserDetail = z.infer<typeof userDetailSchema>;

/** `user/get`: apps created after 2022-06-20 get no mobile. An unusable name is '' and the caller falls back. */
export const memberSchema = z.object({ name: z.string().catch(''), mobile: optionalString });
export type Member = z.infer<typeof memberSchema>;

/**
 * `agent/get`, for "check configuration" only: the trusted domain the OAuth redirect must use, and whether the app
 * is disabled. An unreadable domain reads as none, which the findings then show; `close` may come as "1".
 */
export const agentSchema = z.object({
  name: z.string().catch(''),
  redirect_domain: z.string().catch(''),
  close: z.coerce.number().int().catch(0),
});
export type Agent = z.infer<typeof agentSchema>;

export const ticketSchema = z.object({ ticket: z.string().min(1), expires_in: lifetimeSeconds });
export type Ticket = z.infer<typeof ticketSchema>;
