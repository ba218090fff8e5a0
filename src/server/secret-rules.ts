import { WECOM_API_BASE_URL, weComOptionsSchema } from './options';

type Options = Record<string, unknown>;

/** What the request log shows where a secret was sent. */
export const REDACTED = '[secret]';

const ENV_REFERENCE = /^\{\{\s*\$env\.(\w+)\s*\}\}$/;

/** A secret written as exactly `{{$env.NAME}}` names a NocoBase variable: rendered on the server, never stored here. */
export function isEnvReference(value: unknown): value is string {
  return typeof value === 'string' && ENV_REFERENCE.test(value.trim());
}

/** The variable a reference names. */
export function variableOf(reference: string): string {
  return ENV_REFERENCE.exec(reference.trim())?.[1] ?? '';
}

/** The keys a `wecom` authenticator's options may hold: its settings, and the two the server writes. */
export const OPTION_KEYS: readonly string[] = [
  ...Object.keys(weComOptionsSchema.shape),
  'secretSaved',
  'secretVersion',
];

export function asOptions(value: unknown): Options {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Options) } : {};
}

/** The secret a caller wrote, trimmed as the settings schema trims it; empty when there is none. */
export function typedSecret(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' ? String(value) : '';
}

/** The API base URL a value stands for, normalised as the settings schema does; null when it is not one. */
export function apiHostOf(value: unknown): string | null {
  const parsed = weComOptionsSchema.shape.apiBaseUrl.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Where a secret may be sent. A typed one anywhere: it is the caller's own, as is a plain NocoBase variable, which
 * every signed-in user may list. One the caller did not type (the saved secret, or a secret variable, which NocoBase
 * lets them use but shows nobody) only to the API base URL it was saved with; a secret variable also to WeCom itself.
 * Otherwise whoever may edit settings could redirect it to their own server.
 */
export function mayReach(host: string | null, kind: 'typed' | 'saved' | 'variable', savedHost: string | null): boolean {
  if (kind === 'typed') return true;
  if (host === null) return false;
  return host === savedHost || (kind === 'variable' && host === WECOM_API_BASE_URL);
}

export type SecretWrite = { kind: 'store'; secret: string } | { kind: 'drop' } | { kind: 'keep' };

export type SecretSavePlan = { ok: true; options: Options; write: SecretWrite } | { ok: false };

/**
 * How a `wecom` authenticator is saved: a typed secret goes to the plugin's store and leaves the options empty with
 * `secretSaved` and the `secretVersion` it was stored under; a `{{$env.NAME}}` reference stays in the options; an
 * empty secret keeps what was saved. Unknown keys are dropped: NocoBase renders `{{$env.X}}` in every option it is
 * not told to skip and sends the saved record back, so an unknown key could read a variable. `previous` is the stored
 * options of a WeCom authenticator being updated, null for a new one.
 */
export function planSecretSave(
  incoming: unknown,
  previous: unknown,
  secrets: { tag: (secret: string) => string; isSecretVariable: (reference: string) => boolean },
): SecretSavePlan {
  const { tag } = secrets;
  const variable = (reference: string) => (secrets.isSecretVariable(reference) ? 'variable' : 'typed');
  const given = asOptions(incoming);
  const next: Options = Object.fromEntries(Object.entries(given).filter(([key]) => OPTION_KEYS.includes(key)));
  delete next.secretSaved;
  delete next.secretVersion;
  const stored = (secret: string, write: SecretWrite): SecretSavePlan => ({
    ok: true,
    options: { ...next, secret: '', secretSaved: true, secretVersion: tag(secret) },
    write,
  });
  const host = apiHostOf(next.apiBaseUrl);
  const secret = typedSecret(next.secret);
  const prior = previous === null ? null : asOptions(previous);
  const priorSecret = typedSecret(prior?.secret);
  const priorHost = prior ? apiHostOf(prior.apiBaseUrl) : null;

  if (secret && !isEnvReference(secret)) return stored(secret, { kind: 'store', secret });
  if (secret) {
    const savedHost = priorSecret === secret ? priorHost : null;
    return mayReach(host, variable(secret), savedHost)
      ? { ok: true, options: { ...next, secret }, write: { kind: 'drop' } }
      : { ok: false };
  }
  if (!prior) return { ok: true, options: { ...next, secret: '' }, write: { kind: 'drop' } };
  if (isEnvReference(priorSecret)) {
    return mayReach(host, variable(priorSecret), priorHost)
      ? { ok: true, options: { ...next, secret: priorSecret }, write: { kind: 'keep' } }
      : { ok: false };
  }
  // Saved before secrets had their own store: moved now.
  if (priorSecret) {
    return mayReach(host, 'saved', priorHost)
      ? stored(priorSecret, { kind: 'store', secret: priorSecret })
      : { ok: false };
  }
  const version = prior.secretVersion;
  if (typeof version === 'string' && version !== '') {
    if (!mayReach(host, 'saved', priorHost)) return { ok: false };
    return {
      ok: true,
      options: { ...next, secret: '', secretSaved: true, secretVersion: version },
      write: { kind: 'keep' },
    };
  }
  return { ok: true, options: { ...next, secret: '' }, write: { kind: 'keep' } };
}
