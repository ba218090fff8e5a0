import { z } from 'zod';
import { landingPath } from '../shared/landing';
import { appPathsFromEnv } from './app-paths';

export const WECOM_API_BASE_URL = 'https://qyapi.weixin.qq.com';
export const WECOM_OAUTH_BASE_URL = 'https://open.weixin.qq.com';
export const WECOM_LOGIN_BASE_URL = 'https://login.work.weixin.qq.com';

const baseUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((value) => value || fallback)
    .pipe(z.url({ protocol: /^https?$/, error: 'A WeCom address must be an http(s) URL' }))
    .transform((value) => value.replace(/\/+$/, ''));

/** How a member is linked to an existing NocoBase user whose phone is the member's WeCom mobile. */
export const LINK_BY_PHONE_POLICIES = ['auto', 'confirm', 'never'] as const;
export type LinkByPhonePolicy = (typeof LINK_BY_PHONE_POLICIES)[number];

/** Holders of these roles are never linked by phone without proof; root is always one, whatever is set. */
export const DEFAULT_PRIVILEGED_ROLES = ['root', 'admin'];
const ROOT_ROLE = 'root';

const roleNames = z
  // `admin, finance` is taken too, as an API call or a text field would give it.
  .union([z.array(z.string()), z.string()], { error: 'Privileged roles must be role names' })
  .default(DEFAULT_PRIVILEGED_ROLES)
  .transform((value) => (typeof value === 'string' ? value.split(',') : value).map((name) => name.trim()))
  .transform((names) => names.filter((name) => name !== ''))
  // Role names are identifiers: a `{{$env.X}}` here would be taken literally and quietly protect nothing.
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9_.:-]{1,255}$/, 'Privileged roles must be role names')))
  .transform((names) => [...new Set([ROOT_ROLE, ...names])]);

const flag = z
  .union([z.boolean(), z.literal('true'), z.literal('false')])
  .default(false)
  .transform((value) => value === true || value === 'true');

/**
 * The settings of one `wecom` authenticator (`authenticators.options`), as the admin form saves them.
 * Messages are translation keys of the plugin's locale namespace.
 */
export const weComOptionsSchema = z.object({
  corpId: z
    .string({ error: 'Corp ID is required' })
    .trim()
    .regex(/^[A-Za-z0-9]{1,64}$/, 'Corp ID is required and has only letters and digits'),
  agentId: z
    .union([z.string(), z.number()], { error: 'AgentId is required' })
    .transform((value) => String(value).trim())
    .pipe(z.string().regex(/^\d{1,12}$/, 'AgentId is a number')),
  secret: z.string({ error: 'Secret is required' }).trim().min(1, 'Secret is required'),
  origin: z
    .string({ error: 'Origin is required' })
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: 'Origin must look like https://nocobase.example.com' }))
    .transform((value) => new URL(value))
    .refine((url) => url.pathname === '/' && !url.search && !url.hash, {
      message: 'Origin must look like https://nocobase.example.com',
    })
    .transform((url) => url.origin),
  /** Where a sign-in lands when the client asked for no particular page (the workbench redirect link). */
  redirectPath: z
    .string()
    .trim()
    .default('/admin')
    .transform((value) => value || '/admin')
    .refine((value) => landingPath(value, appPathsFromEnv()) !== null, {
      message: 'The redirect link must be a path such as /admin',
    }),
  autoLogin: flag,
  autoSignup: flag,
  linkByPhone: z
    .enum(LINK_BY_PHONE_POLICIES, {
      error: 'Linking by phone must be automatic, after confirming with the password, or never',
    })
    .default('auto'),
  privilegedRoles: roleNames,
  apiBaseUrl: baseUrl(WECOM_API_BASE_URL),
  oauthBaseUrl: baseUrl(WECOM_OAUTH_BASE_URL),
  loginBaseUrl: baseUrl(WECOM_LOGIN_BASE_URL),
  /** Each WeCom call is abandoned after this long. */
  timeoutMs: z.coerce
    .number()
    .int()
    .min(100, 'The timeout must be between 100 and 60000 ms')
    .max(60_000, 'The timeout must be between 100 and 60000 ms')
    .default(8_000),
});

export type WeComOptions = z.output<typeof weComOptionsSchema>;

/** What `authenticators:publicList` shows every visitor: never the secret. */
export interface WeComPublicOptions {
  corpId: string;
  agentId: string;
  autoLogin: boolean;
}

export type ParsedOptions = { ok: true; options: WeComOptions } | { ok: false; message: string; field: string };

export function parseWeComOptions(raw: unknown): ParsedOptions {
  const parsed = weComOptionsSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, options: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: issue?.message ?? 'Invalid settings', field: String(issue?.path[0] ?? '') };
}

/** The settings a sign-in reads from `options`: all but the secret, which is kept in the plugin's own store. */
export const weComSettingsSchema = weComOptionsSchema.omit({ secret: true });

export type WeComSettings = z.output<typeof weComSettingsSchema>;

export function parseWeComSettings(raw: unknown): WeComSettings | null {
  const parsed = weComSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : null;
}

export function publicOptions(raw: unknown): WeComPublicOptions {
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const parsed = weComOptionsSchema.pick({ corpId: true, agentId: true, autoLogin: true }).safeParse(record);
  return parsed.success
    ? parsed.data
    : {
        corpId: String(record.corpId ?? ''),
        agentId: String(record.agentId ?? ''),
        autoLogin: record.autoLogin === true,
      };
}
