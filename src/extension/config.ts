// zod's tree-shakable build: the service worker is the only bundle with a schema, and full zod would triple it.
import * as z from 'zod/mini';
import { checkOrigin } from './origin';

/**
 * The extension's configuration: which NocoBase origins it signs in to, each with its WeCom authenticator and
 * whether sign-in starts by itself. Three layers, in this order of precedence: IT's policy
 * (`chrome.storage.managed`, locked), origins pinned into an IT build (`host_permissions`), and what the person
 * set on the options page (`chrome.storage.sync`).
 */

/** Enough for any company; keeps the stored list well inside `chrome.storage.sync`'s 8 KB per item. */
export const MAX_ORIGINS = 50;
const MAX_NAME_LENGTH = 100;

export interface OriginEntry {
  origin: string;
  /** NocoBase's name of the WeCom authenticator; empty: the app's only one, or the one that signs in automatically. */
  authenticator: string;
  /** Start the sign-in on a signed-out page by itself instead of waiting for the popup's button. */
  autoStart: boolean;
}

/** The issue's message is the origin's problem (`ORIGIN_INSECURE`, …), for the page to explain. */
const originField = z.pipe(
  z.string().check(
    z.superRefine((value, ctx) => {
      const checked = checkOrigin(value);
      if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.problem, input: value });
    }),
  ),
  z.transform((value: string) => {
    const checked = checkOrigin(value);
    return checked.ok ? checked.origin : value;
  }),
);

const authenticatorField = z.string().check(
  z.trim(),
  z.maxLength(MAX_NAME_LENGTH, 'AUTHENTICATOR_INVALID'),
  // A name travels in the X-Authenticator header: no whitespace, no control characters.
  z.regex(/^[^\s\p{Cc}]*$/u, 'AUTHENTICATOR_INVALID'),
);

export const originEntrySchema = z.object({
  origin: originField,
  authenticator: z._default(authenticatorField, ''),
  autoStart: z._default(z.boolean(), false),
});

/** What the options page sends: the entries as the person wants them, locked values included unchanged. */
export type OriginEntryInput = z.input<typeof originEntrySchema>;

export const CONFIG_VERSION = 1;

export interface StoredConfig {
  version: typeof CONFIG_VERSION;
  origins: OriginEntry[];
}

export const EMPTY_STORED_CONFIG: StoredConfig = { version: CONFIG_VERSION, origins: [] };

/** Keeps the entries that parse and drops the rest: one bad entry must not cost a person all their origins. */
export function parseStoredConfig(value: unknown): StoredConfig {
  const list = isRecord(value) && Array.isArray(value.origins) ? value.origins : [];
  const origins: OriginEntry[] = [];
  for (const raw of list) {
    const parsed = originEntrySchema.safeParse(raw);
    if (parsed.success && !origins.some((entry) => entry.origin === parsed.data.origin)) origins.push(parsed.data);
  }
  return { version: CONFIG_VERSION, origins: origins.slice(0, MAX_ORIGINS) };
}

/** An entry of IT's policy: only `origin` is required; each other key it sets is locked. */
export interface PolicyEntry {
  origin: string;
  authenticator?: string;
  autoStart?: boolean;
}

const policyEntrySchema = z.object({
  origin: originField,
  authenticator: z.optional(authenticatorField),
  autoStart: z.optional(z.boolean()),
});

export interface Policy {
  entries: PolicyEntry[];
  /** `false`: only IT's origins (and an IT build's) are used, and people cannot add their own. */
  allowUserOrigins: boolean;
  /** Whether IT set anything at all, so the UI can say that some settings come from the organisation. */
  applied: boolean;
  /** Policy entries that were dropped, with why, so the options page can tell IT's mistake apart from ours. */
  invalid: PolicyIssue[];
}

export interface PolicyIssue {
  index: number;
  problem: string;
}

export const NO_POLICY: Policy = { entries: [], allowUserOrigins: true, applied: false, invalid: [] };

/**
 * `chrome.storage.managed` as Chrome fills it from the `3rdparty` policy, filtered by `managed-schema.json`.
 * Checked again here: the schema cannot say that an origin must be https, and other Chromium browsers may not
 * filter at all.
 */
export function parsePolicy(managed: unknown): Policy {
  if (!isRecord(managed)) return NO_POLICY;
  const entries: PolicyEntry[] = [];
  const invalid: PolicyIssue[] = [];
  const list = Array.isArray(managed.origins) ? managed.origins : [];
  list.forEach((raw: unknown, index) => {
    const parsed = policyEntrySchema.safeParse(raw);
    if (!parsed.success) {
      invalid.push({ index, problem: parsed.error.issues[0]?.message ?? 'ENTRY_INVALID' });
      return;
    }
    if (entries.some((entry) => entry.origin === parsed.data.origin)) return;
    const entry: PolicyEntry = { origin: parsed.data.origin };
    if (parsed.data.authenticator !== undefined) entry.authenticator = parsed.data.authenticator;
    if (parsed.data.autoStart !== undefined) entry.autoStart = parsed.data.autoStart;
    entries.push(entry);
  });
  const allowUserOrigins = typeof managed.allowUserOrigins === 'boolean' ? managed.allowUserOrigins : true;
  const applied = managed.origins !== undefined || managed.allowUserOrigins !== undefined;
  return { entries, allowUserOrigins, applied, invalid };
}

/** Who put an origin in the list, which decides whether the person may remove it. */
export type EntrySource = 'policy' | 'build' | 'user';

export interface EffectiveOrigin extends OriginEntry {
  source: EntrySource;
  /** Fields IT's policy set: shown locked, refused when changed. */
  locked: { authenticator: boolean; autoStart: boolean };
}

export interface EffectiveConfig {
  origins: EffectiveOrigin[];
  policy: { applied: boolean; allowUserOrigins: boolean; invalid: PolicyIssue[] };
}

export interface ConfigLayers {
  policy: Policy;
  /** Origins written into an IT build's `host_permissions`. */
  pinned: readonly string[];
  stored: StoredConfig;
}

/** The configuration in force: policy over the person's own values, field by field. */
export function mergeConfig({ policy, pinned, stored }: ConfigLayers): EffectiveConfig {
  const own = new Map(stored.origins.map((entry) => [entry.origin, entry]));
  const origins: EffectiveOrigin[] = [];
  const seen = new Set<string>();
  for (const entry of policy.entries) {
    const base = own.get(entry.origin);
    origins.push({
      origin: entry.origin,
      authenticator: entry.authenticator ?? base?.authenticator ?? '',
      autoStart: entry.autoStart ?? base?.autoStart ?? false,
      source: 'policy',
      locked: { authenticator: entry.authenticator !== undefined, autoStart: entry.autoStart !== undefined },
    });
    seen.add(entry.origin);
  }
  for (const origin of pinned) {
    if (seen.has(origin)) continue;
    const base = own.get(origin);
    origins.push({
      origin,
      authenticator: base?.authenticator ?? '',
      autoStart: base?.autoStart ?? false,
      source: 'build',
      locked: { authenticator: false, autoStart: false },
    });
    seen.add(origin);
  }
  if (policy.allowUserOrigins) {
    for (const entry of stored.origins) {
      if (seen.has(entry.origin)) continue;
      origins.push({ ...entry, source: 'user', locked: { authenticator: false, autoStart: false } });
    }
  }
  return {
    origins,
    policy: { applied: policy.applied, allowUserOrigins: policy.allowUserOrigins, invalid: policy.invalid },
  };
}

/** Why a save was refused; each code has a message in `_locales` (`error_<code>`). */
export type ConfigErrorCode =
  | 'ENTRY_INVALID'
  | 'ORIGIN_DUPLICATE'
  | 'TOO_MANY_ORIGINS'
  | 'LOCKED_ENTRY'
  | 'PINNED_ENTRY'
  | 'LOCKED_FIELD'
  | 'USER_ORIGINS_NOT_ALLOWED';

export interface ConfigError {
  code: ConfigErrorCode;
  origin?: string;
  field?: 'origin' | 'authenticator' | 'autoStart';
  /** For ENTRY_INVALID: the origin's or the name's own problem (`ORIGIN_INSECURE`, `AUTHENTICATOR_INVALID`, …). */
  problem?: string;
}

export type SaveDecision = { ok: true; stored: StoredConfig; removed: string[] } | { ok: false; error: ConfigError };

/**
 * Turns what the options page asks for into what is stored, or refuses it. Values IT set must come back as they
 * are: a changed or removed locked value is refused with its origin and field, never quietly dropped, so the page
 * can say exactly what is not allowed.
 */
export function decideSave(layers: ConfigLayers, wishes: unknown): SaveDecision {
  const list = isRecord(wishes) && Array.isArray(wishes.origins) ? wishes.origins : null;
  if (!list) return { ok: false, error: { code: 'ENTRY_INVALID' } };
  if (list.length > MAX_ORIGINS) return { ok: false, error: { code: 'TOO_MANY_ORIGINS' } };
  const entries: OriginEntry[] = [];
  for (const raw of list) {
    const parsed = originEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0];
      return {
        ok: false,
        error: {
          code: 'ENTRY_INVALID',
          ...(isRecord(raw) && typeof raw.origin === 'string' ? { origin: raw.origin } : {}),
          ...(field === 'origin' || field === 'authenticator' || field === 'autoStart' ? { field } : {}),
          problem: issue?.message ?? 'ENTRY_INVALID',
        },
      };
    }
    if (entries.some((entry) => entry.origin === parsed.data.origin)) {
      return { ok: false, error: { code: 'ORIGIN_DUPLICATE', origin: parsed.data.origin } };
    }
    entries.push(parsed.data);
  }
  const wanted = new Map(entries.map((entry) => [entry.origin, entry]));
  for (const locked of layers.policy.entries) {
    const wish = wanted.get(locked.origin);
    if (!wish) return { ok: false, error: { code: 'LOCKED_ENTRY', origin: locked.origin } };
    if (locked.authenticator !== undefined && wish.authenticator !== locked.authenticator) {
      return { ok: false, error: { code: 'LOCKED_FIELD', origin: locked.origin, field: 'authenticator' } };
    }
    if (locked.autoStart !== undefined && wish.autoStart !== locked.autoStart) {
      return { ok: false, error: { code: 'LOCKED_FIELD', origin: locked.origin, field: 'autoStart' } };
    }
  }
  const byPolicy = new Set(layers.policy.entries.map((entry) => entry.origin));
  for (const origin of layers.pinned) {
    if (!byPolicy.has(origin) && !wanted.has(origin)) return { ok: false, error: { code: 'PINNED_ENTRY', origin } };
  }
  if (!layers.policy.allowUserOrigins) {
    const own = entries.find((entry) => !byPolicy.has(entry.origin) && !layers.pinned.includes(entry.origin));
    if (own) return { ok: false, error: { code: 'USER_ORIGINS_NOT_ALLOWED', origin: own.origin } };
  }
  // While IT allows no origins of people's own, those they had stay stored, unused, for when it does again.
  const hidden = layers.policy.allowUserOrigins
    ? []
    : layers.stored.origins.filter((entry) => !wanted.has(entry.origin) && !layers.pinned.includes(entry.origin));
  const kept = new Set([...wanted.keys(), ...byPolicy, ...layers.pinned, ...hidden.map((entry) => entry.origin)]);
  const removed = layers.stored.origins.map((entry) => entry.origin).filter((origin) => !kept.has(origin));
  return { ok: true, stored: { version: CONFIG_VERSION, origins: [...entries, ...hidden] }, removed };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
