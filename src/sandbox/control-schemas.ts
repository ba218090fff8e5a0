import { z } from 'zod';
import type {
  JsSdkSignatureInput,
  JsSdkVerifyResult,
  SandboxFault,
  SandboxMember,
  SandboxSettings,
  SandboxSettingsPatch,
} from './types.ts';

/**
 * Guards for the control API. Objects are strict so that a typo in a test's setup
 * (`trustedIP` for `trustedIps`) fails loudly instead of silently configuring nothing.
 */

/** WeCom userids: 1-64 of letters, digits and `_ - . @` (so never a colon, see `openid:` sessions). */
const useridSchema = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'userid: 1-64 characters of A-Z a-z 0-9 _ - . @');

export const memberSchema = z.strictObject({
  userid: useridSchema,
  name: z.string().min(1),
  mobile: z
    .string()
    .regex(/^[+\d][\d\s\-()]*$/, 'mobile: digits with optional +, spaces, dashes, brackets')
    .optional(),
  email: z.email().optional(),
  department: z.array(z.int().positive()).min(1).optional(),
  position: z.string().optional(),
  gender: z.enum(['0', '1', '2']).optional(),
  avatar: z.url().optional(),
  biz_mail: z.email().optional(),
  address: z.string().optional(),
  visible: z.boolean().optional(),
}) satisfies z.ZodType<SandboxMember>;

export const membersBodySchema = z
  .strictObject({ members: z.array(memberSchema) })
  .refine((body) => new Set(body.members.map((member) => member.userid)).size === body.members.length, {
    message: 'members: userids must be unique',
  });

/** `host` or `host:port`, as typed into WeCom's trusted-domain field: no scheme, no path. */
const trustedDomainSchema = z
  .string()
  .regex(/^[A-Za-z0-9.-]+(?::\d{1,5})?$/, 'trustedDomain: host or host:port, without scheme or path');

const appFields = {
  agentId: z.int().positive(),
  name: z.string().min(1),
  secret: z.string().min(1),
  trustedDomain: trustedDomainSchema,
  homeUrl: z.url().optional(),
  trustedIps: z.array(z.union([z.ipv4(), z.ipv6()])).nullable(),
  createdBefore20220620: z.boolean(),
  disabled: z.boolean(),
};

const rateLimitFields = { max: z.int().positive(), windowSeconds: z.int().positive() };

const settingsFields = {
  corpId: z.string().min(1),
  tokenLifetimeSeconds: z.int().positive(),
  clockOffsetSeconds: z.int(),
  defaultClientUser: z.string().min(1).nullable(),
};

/** Full settings, as the control API answers them. */
export const settingsSchema = z.strictObject({
  ...settingsFields,
  apps: z.array(z.strictObject(appFields)),
  gettokenRateLimit: z.strictObject(rateLimitFields),
}) satisfies z.ZodType<SandboxSettings>;

export const settingsPatchSchema = z
  .strictObject({
    ...settingsFields,
    apps: z
      .array(z.strictObject(appFields).partial().required({ agentId: true }))
      .refine((apps) => new Set(apps.map((app) => app.agentId)).size === apps.length, {
        message: 'apps: each agentId at most once per patch',
      }),
    gettokenRateLimit: z.strictObject(rateLimitFields).partial(),
  })
  .partial() satisfies z.ZodType<SandboxSettingsPatch>;

export const faultSchema = z
  .strictObject({
    endpoint: z.string().regex(/^\/[^?#]*$/, 'endpoint: a path starting with "/", without query'),
    count: z.int().positive(),
    status: z.int().min(200).max(599).optional(),
    delayMs: z.int().min(0).max(120_000).optional(),
    malformed: z.boolean().optional(),
    drop: z.boolean().optional(),
    errcode: z.int().optional(),
    errmsg: z.string().optional(),
  })
  .refine((fault) => !(fault.malformed && fault.errcode !== undefined), {
    message: 'a fault is either malformed or an errcode, not both',
  })
  .refine((fault) => !(fault.drop && (fault.malformed || fault.errcode !== undefined || fault.status !== undefined)), {
    message: 'a dropped connection answers nothing: no status, errcode or malformed body',
  }) satisfies z.ZodType<SandboxFault>;

const signedFields = {
  url: z.string().min(1, 'url: the signed page URL, not empty'),
  timestamp: z.int().nonnegative(),
  nonceStr: z.string().min(1),
  signature: z.string().min(1),
};

/** `agentId` belongs to kind 'agent' only; for 'corp' it is an unknown key, so a mixed-up call fails loudly. */
export const jsSdkSignatureSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('corp'), ...signedFields }),
  z.strictObject({
    kind: z.literal('agent'),
    agentId: z.int({ error: 'agentId: a positive integer, required for kind "agent"' }).positive(),
    ...signedFields,
  }),
]) satisfies z.ZodType<JsSdkSignatureInput>;

export const jsSdkVerifyResultSchema = z.strictObject({
  errcode: z.int(),
  errmsg: z.string(),
}) satisfies z.ZodType<JsSdkVerifyResult>;

/** `DELETE /__sandbox/consents[?userid=X]`: everyone's consents, or one member's. */
export const consentsQuerySchema = z.strictObject({ userid: useridSchema.optional() });

export const sessionQuerySchema = z.object({
  userid: z.union([z.literal(''), useridSchema, z.string().regex(/^openid:.+$/)]),
  next: z.string().optional(),
});

/** One readable line per problem, for a 400 body a human can act on. */
export function describeZodError(error: z.ZodError): string {
  return z.prettifyError(error);
}
