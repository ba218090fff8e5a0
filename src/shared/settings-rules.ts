import { type AppPaths, landingPath } from './landing';

/**
 * The rules of a `wecom` authenticator's settings (`authenticators.options`), one per setting: the server parses
 * what it saves and uses with them, and both admin forms show their messages beside the fields before anything is
 * sent, so a form can never accept what the server refuses, nor refuse what it accepts.
 *
 * Messages are translation keys of the plugin's locale namespace.
 */

export const WECOM_API_BASE_URL = 'https://qyapi.weixin.qq.com';
export const WECOM_OAUTH_BASE_URL = 'https://open.weixin.qq.com';
export const WECOM_LOGIN_BASE_URL = 'https://login.work.weixin.qq.com';

/** Where a sign-in lands when neither the client nor the settings ask for a page. */
export const DEFAULT_REDIRECT_PATH = '/admin';

/** How a member is linked to an existing NocoBase user whose phone is the member's WeCom mobile. */
export const LINK_BY_PHONE_POLICIES = ['auto', 'confirm', 'never'] as const;
export type LinkByPhonePolicy = (typeof LINK_BY_PHONE_POLICIES)[number];

/** Holders of these roles are never linked by phone without proof; root is always one, whatever is set. */
export const DEFAULT_PRIVILEGED_ROLES: readonly string[] = ['root', 'admin'];
const ROOT_ROLE = 'root';

export const TIMEOUT_MS = { default: 8_000, min: 100, max: 60_000 } as const;

/** The settings as they are used: trimmed, defaults filled in, URLs without a trailing slash. */
export interface WeComSettingValues {
  corpId: string;
  agentId: string;
  secret: string;
  origin: string;
  /** Where a sign-in lands when the client asked for no particular page (the workbench redirect link). */
  redirectPath: string;
  autoLogin: boolean;
  autoSignup: boolean;
  linkByPhone: LinkByPhonePolicy;
  privilegedRoles: string[];
  apiBaseUrl: string;
  oauthBaseUrl: string;
  loginBaseUrl: string;
  /** Each WeCom call is abandoned after this long. */
  timeoutMs: number;
}

export type SettingKey = keyof WeComSettingValues;

/** What a rule needs besides the value. */
export interface SettingsContext {
  /** The app's paths, which decide what the redirect link may be. */
  paths: AppPaths;
  /** A secret is saved already, so an empty one keeps it (the forms; the server checks the secret it will use). */
  secretSaved?: boolean;
}

export type RuleResult<T> = { ok: true; value: T } | { ok: false; message: string };

export type SettingRule<T> = (value: unknown, context: SettingsContext) => RuleResult<T>;

export interface SettingIssue {
  field: SettingKey;
  /** A translation key. */
  message: string;
}

const pass = <T>(value: T): RuleResult<T> => ({ ok: true, value });
const fail = <T>(message: string): RuleResult<T> => ({ ok: false, message });

const MESSAGES = {
  corpIdRequired: 'Corp ID is required',
  corpIdFormat: 'Corp ID is required and has only letters and digits',
  agentIdRequired: 'AgentId is required',
  agentIdFormat: 'AgentId is a number',
  secretRequired: 'Secret is required',
  originRequired: 'Origin is required',
  originFormat: 'Origin must look like https://nocobase.example.com',
  redirectPath: 'The redirect link must be a path such as /admin',
  flag: 'This setting is either on or off',
  linkByPhone: 'Linking by phone must be automatic, after confirming with the password, or never',
  privilegedRoles: 'Privileged roles must be role names',
  baseUrl: 'A WeCom address must be an http(s) URL',
  timeout: 'The timeout must be between 100 and 60000 ms',
} as const;

/** An http(s) URL, written with `://` (so `http:example.com` is refused), trimmed; null when it is not one. */
function httpUrl(value: string): URL | null {
  if (!/^https?:\/\//i.test(value)) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** A text setting: trimmed; a value of another type gets `message`. */
function text(value: unknown): string | null {
  return typeof value === 'string' ? value.trim() : null;
}

/** A WeCom address: its default when left empty, without a trailing slash. */
const baseUrl =
  (fallback: string): SettingRule<string> =>
  (value) => {
    if (value === undefined) return pass(fallback);
    const given = text(value);
    if (given === null) return fail(MESSAGES.baseUrl);
    if (given === '') return pass(fallback);
    return httpUrl(given) ? pass(given.replace(/[\t\n\r]/g, '').replace(/\/+$/, '')) : fail(MESSAGES.baseUrl);
  };

/** A checkbox; `'true'`/`'false'` too, as an API call or an imported row may give it. */
const flag: SettingRule<boolean> = (value) => {
  if (value === undefined) return pass(false);
  if (value === true || value === 'true') return pass(true);
  if (value === false || value === 'false') return pass(false);
  return fail(MESSAGES.flag);
};

const ROLE_NAME = /^[A-Za-z0-9_.:-]{1,255}$/;

export const SETTING_RULES: { readonly [K in SettingKey]: SettingRule<WeComSettingValues[K]> } = {
  corpId: (value) => {
    const given = text(value);
    if (!given) return fail(MESSAGES.corpIdRequired);
    return /^[A-Za-z0-9]{1,64}$/.test(given) ? pass(given) : fail(MESSAGES.corpIdFormat);
  },
  agentId: (value) => {
    const given = typeof value === 'number' ? String(value).trim() : text(value);
    if (!given) return fail(MESSAGES.agentIdRequired);
    return /^\d{1,12}$/.test(given) ? pass(given) : fail(MESSAGES.agentIdFormat);
  },
  secret: (value, context) => {
    const given = text(value);
    if (given) return pass(given);
    // The forms send an empty secret to keep the saved one; the server is given the one it will use.
    const empty = value === undefined || value === null || given === '';
    return context.secretSaved && empty ? pass('') : fail(MESSAGES.secretRequired);
  },
  origin: (value) => {
    const given = text(value);
    if (!given) return fail(MESSAGES.originRequired);
    const url = httpUrl(given);
    return url && url.pathname === '/' && !url.search && !url.hash ? pass(url.origin) : fail(MESSAGES.originFormat);
  },
  redirectPath: (value, context) => {
    if (value === undefined) return pass(DEFAULT_REDIRECT_PATH);
    const given = text(value);
    if (given === null) return fail(MESSAGES.redirectPath);
    const path = given || DEFAULT_REDIRECT_PATH;
    return landingPath(path, context.paths) !== null ? pass(path) : fail(MESSAGES.redirectPath);
  },
  autoLogin: flag,
  autoSignup: flag,
  linkByPhone: (value) => {
    if (value === undefined) return pass('auto');
    const policy = LINK_BY_PHONE_POLICIES.find((known) => known === value);
    return policy ? pass(policy) : fail(MESSAGES.linkByPhone);
  },
  privilegedRoles: (value) => {
    // `admin, finance` is taken too, as an API call or a text field would give it.
    const given = value === undefined ? DEFAULT_PRIVILEGED_ROLES : typeof value === 'string' ? value.split(',') : value;
    if (!Array.isArray(given) || !given.every((name): name is string => typeof name === 'string')) {
      return fail(MESSAGES.privilegedRoles);
    }
    const names = given.map((name) => name.trim()).filter((name) => name !== '');
    // Role names are identifiers: a `{{$env.X}}` here would be taken literally and quietly protect nothing.
    if (!names.every((name) => ROLE_NAME.test(name))) return fail(MESSAGES.privilegedRoles);
    return pass([...new Set([ROOT_ROLE, ...names])]);
  },
  apiBaseUrl: baseUrl(WECOM_API_BASE_URL),
  oauthBaseUrl: baseUrl(WECOM_OAUTH_BASE_URL),
  loginBaseUrl: baseUrl(WECOM_LOGIN_BASE_URL),
  timeoutMs: (value) => {
    // A number field the admin cleared gives null or an empty string: the default, as when it was never set.
    if (value === undefined || value === null || value === '') return pass(TIMEOUT_MS.default);
    const ms = Number(value);
    return Number.isInteger(ms) && ms >= TIMEOUT_MS.min && ms <= TIMEOUT_MS.max ? pass(ms) : fail(MESSAGES.timeout);
  },
};

export const SETTING_KEYS = Object.keys(SETTING_RULES) as SettingKey[];

/** The message for one setting's value, or null when it is fine. */
export function settingIssue(key: SettingKey, value: unknown, context: SettingsContext): string | null {
  const result = SETTING_RULES[key](value, context);
  return result.ok ? null : result.message;
}

/** Every problem of the settings at once, in the order of the settings. */
export function settingIssues(options: Readonly<Record<string, unknown>>, context: SettingsContext): SettingIssue[] {
  return SETTING_KEYS.flatMap((field) => {
    const message = settingIssue(field, options[field], context);
    return message === null ? [] : [{ field, message }];
  });
}
