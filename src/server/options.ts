import { z } from 'zod';
import { SETTING_RULES, type SettingKey, type SettingRule } from '../shared/settings-rules';
import { appPathsFromEnv } from './app-paths';

// Where the server's modules have always found them.
export { type LinkByPhonePolicy, WECOM_API_BASE_URL } from '../shared/settings-rules';

/** One setting as zod parses it, by the shared rule the admin forms apply too; the redirect link by this app's paths. */
const ruled = <T>(rule: SettingRule<T>) =>
  z
    .unknown()
    .optional()
    .transform((value, ctx): T => {
      const result = rule(value, { paths: appPathsFromEnv() });
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    });

/**
 * The settings of one `wecom` authenticator (`authenticators.options`), as the admin form saves them; unknown keys
 * are dropped. Messages are translation keys of the plugin's locale namespace.
 */
export const weComOptionsSchema = z.object({
  corpId: ruled(SETTING_RULES.corpId),
  agentId: ruled(SETTING_RULES.agentId),
  secret: ruled(SETTING_RULES.secret),
  origin: ruled(SETTING_RULES.origin),
  redirectPath: ruled(SETTING_RULES.redirectPath),
  autoLogin: ruled(SETTING_RULES.autoLogin),
  autoSignup: ruled(SETTING_RULES.autoSignup),
  linkByPhone: ruled(SETTING_RULES.linkByPhone),
  privilegedRoles: ruled(SETTING_RULES.privilegedRoles),
  apiBaseUrl: ruled(SETTING_RULES.apiBaseUrl),
  oauthBaseUrl: ruled(SETTING_RULES.oauthBaseUrl),
  loginBaseUrl: ruled(SETTING_RULES.loginBaseUrl),
  timeoutMs: ruled(SETTING_RULES.timeoutMs),
} satisfies Record<SettingKey, z.ZodType>);

export type WeComOptions = z.output<typeof weComOptionsSchema>;

/** What `authenticators:publicList` shows every visitor: never the secret. */
export interface WeComPublicOptions {
  corpId: string;
  agentId: string;
  autoLogin: boolean;
}

/** A refused setting: `field` is the option's key, `message` a translation key. */
export interface OptionsIssue {
  field: string;
  message: string;
}

/** Refused settings name every problem; `message` and `field` are the first one's. */
export type ParsedOptions =
  | { ok: true; options: WeComOptions }
  | { ok: false; message: string; field: string; issues: OptionsIssue[] };

export function parseWeComOptions(raw: unknown): ParsedOptions {
  const parsed = weComOptionsSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, options: parsed.data };
  // Each setting's issue is its rule's message; only settings that are not an object at all get zod's own.
  const issues = parsed.error.issues.map((issue) => ({
    field: String(issue.path[0] ?? ''),
    message: issue.path.length > 0 ? issue.message : 'Invalid settings',
  }));
  const first = issues[0];
  return { ok: false, message: first?.message ?? 'Invalid settings', field: first?.field ?? '', issues };
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
