import { z } from 'zod';

/** Every WeCom answer carries these two fields; anything else is read only once errcode is 0. */
export const envelopeSchema = z.object({ errcode: z.number().int(), errmsg: z.string().default('') });

export const accessTokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });
export type AccessToken = z.infer<typeof accessTokenSchema>;

/** `auth/getuserinfo`: a member gets `userid` (and `user_ticket` for snsapi_privateinfo); anyone else `openid`. */
export const codeIdentitySchema = z.union([
  z.object({
    userid: z.string().min(1),
    user_ticket: z.string().min(1).optional(),
    expires_in: z.number().int().optional(),
  }),
  z.object({ openid: z.string().min(1), external_userid: z.string().optional() }),
]);
export type CodeIdentity = z.infer<typeof codeIdentitySchema>;

/** `auth/getuserdetail`: sensitive fields only when the admin allowed them and the member consented. */
export const userDetailSchema = z.object({
  userid: z.string().min(1),
  mobile: z.string().optional(),
  email: z.string().optional(),
  biz_mail: z.string().optional(),
  gender: z.string().optional(),
  avatar: z.string().optional(),
});
export type UserDetail = z.infer<typeof userDetailSchema>;

/** `user/get`: apps created after 2022-06-20 get this object without mobile, email, avatar and the like. */
export const memberSchema = z.object({
  userid: z.string().min(1),
  name: z.string().default(''),
  mobile: z.string().optional(),
  email: z.string().optional(),
  biz_mail: z.string().optional(),
  status: z.number().int().optional(),
});
export type Member = z.infer<typeof memberSchema>;

/** `agent/get`: the app as WeCom sees it, including the trusted domain the OAuth redirect must use. */
export const agentSchema = z.object({
  agentid: z.number().int(),
  name: z.string().default(''),
  redirect_domain: z.string().default(''),
  close: z.number().int().default(0),
});
export type Agent = z.infer<typeof agentSchema>;

export const ticketSchema = z.object({ ticket: z.string().min(1), expires_in: z.number().int().positive() });
export type Ticket = z.infer<typeof ticketSchema>;
