import type { Context, Next } from '@nocobase/actions';
import type { Model } from '@nocobase/database';
import { AUTH_TYPE } from '../../shared/constants';
import { checkWeComConfig } from '../check-config';
import { refuseSettings } from '../invalid-settings';
import { parseWeComOptions } from '../options';
import { secretRequired } from '../secret-hooks';
import { apiHostOf, asOptions, isEnvReference, mayReach, typedSecret } from '../secret-rules';
import type { WeComServices } from '../services';
import { translate } from '../translate';
import type { WeComAction } from './sign-in';

type Options = Record<string, unknown>;

/** The settings to try, with the secret they hold and where it came from. */
interface Candidate {
  options: Options;
  kind: 'typed' | 'saved' | 'variable';
  /** The API base URL the secret was saved with, when it is the saved one. */
  savedHost: string | null;
}

/** The saved `wecom` authenticator of that name: never another type's, whose options may hold another secret. */
async function savedWeCom(ctx: Context, name: unknown): Promise<Model | null> {
  if (typeof name !== 'string' || name === '') return null;
  return ctx.db.getRepository('authenticators').findOne({ filter: { name, authType: AUTH_TYPE } });
}

/**
 * What to try. A typed secret with the form's settings. The saved secret (an empty one in the form) with the saved
 * WeCom hosts and timeout, so that it only reaches the API base URL it was saved with; the form's Corp ID, AgentId
 * and Origin are tried with it, which sends it nowhere else. A `{{$env.NAME}}` secret rendered here, the only option
 * that is: anything else is taken literally, so nothing rendered can be echoed in a finding.
 */
async function candidate(ctx: Context, services: WeComServices, form: Options, name: unknown): Promise<Candidate> {
  const typed = typedSecret(form.secret);
  if (typed && !isEnvReference(typed)) return { options: { ...form, secret: typed }, kind: 'typed', savedHost: null };
  const saved = await savedWeCom(ctx, name);
  const stored = asOptions(saved?.get('options'));
  if (typed) {
    const source = services.secrets.sourceFor({ secret: typed }, 0);
    const savedHost = typedSecret(stored.secret) === typed ? apiHostOf(stored.apiBaseUrl) : null;
    const kind = services.secrets.isSecretVariable(typed) ? 'variable' : 'typed';
    return { options: { ...form, secret: (await source?.read()) ?? '' }, kind, savedHost };
  }
  const source = saved ? services.secrets.sourceFor(stored, Number(saved.get('id'))) : null;
  if (!saved || !source) return { options: { ...form, secret: '' }, kind: 'saved', savedHost: null };
  const hosts = {
    apiBaseUrl: form.apiBaseUrl === undefined ? stored.apiBaseUrl : form.apiBaseUrl,
    oauthBaseUrl: stored.oauthBaseUrl,
    loginBaseUrl: stored.loginBaseUrl,
    timeoutMs: stored.timeoutMs,
  };
  const kind = isEnvReference(stored.secret) && !services.secrets.isSecretVariable(stored.secret) ? 'typed' : 'saved';
  // A stored secret that cannot be read (its row or NocoBase's AES key lost) is one to type again.
  const secret = await source.read().catch(() => '');
  // The saved settings fill what the form left out; the form's own values stay as written.
  return { options: { ...stored, ...form, ...hosts, secret }, kind, savedHost: apiHostOf(stored.apiBaseUrl) };
}

/**
 * POST `{ name?, options }` → `{ ok, checks: [{ key, ok, message, errcode }] }`: the admin form's "check
 * configuration". An empty secret means the one saved for the `wecom` authenticator `name`.
 */
export function checkConfig(services: WeComServices): WeComAction {
  return async (ctx: Context, next: Next) => {
    const values = (ctx.action.params.values ?? {}) as { name?: unknown; options?: unknown };
    const tried = await candidate(ctx, services, asOptions(values.options), values.name);
    const parsed = parseWeComOptions(tried.options);
    if (!parsed.ok) refuseSettings(ctx, parsed.issues);
    if (!mayReach(parsed.options.apiBaseUrl, tried.kind, tried.savedHost)) {
      const refusal = secretRequired(ctx);
      ctx.throw(refusal.status, refusal.message, { code: refusal.code });
    }
    const checks = await checkWeComConfig(parsed.options, services.http(parsed.options));
    ctx.body = {
      ok: checks.every((check) => check.ok),
      checks: checks.map((check) => ({ ...check, message: translate(ctx, check.message, check.params) })),
    };
    await next();
  };
}
