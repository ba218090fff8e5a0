import type { WeComOptions } from './options';
import { fetchAccessToken, getAgent } from './wecom/api';
import { ERRCODE, isStaleTokenError, WeComError } from './wecom/errors';
import type { WeComHttp } from './wecom/request';
import type { Agent } from './wecom/schemas';

/** One finding of "check configuration": `message` is a translation key, filled with `params`. */
export interface ConfigCheck {
  key: 'credentials' | 'agent' | 'trustedDomain';
  ok: boolean;
  message: string;
  params: Record<string, string>;
  errcode: number | null;
}

const check = (
  key: ConfigCheck['key'],
  ok: boolean,
  message: string,
  params: Record<string, string> = {},
  errcode: number | null = null,
): ConfigCheck => ({ key, ok, message, params, errcode });

/** A call that got no answer WeCom's API could have given: never reported as something WeCom said. */
function transportFailure(key: ConfigCheck['key'], error: WeComError, options: WeComOptions): ConfigCheck {
  switch (error.kind) {
    case 'timeout':
      return check(
        key,
        false,
        'WeCom did not answer within {{timeoutMs}} ms. Check that this server can reach the API base URL, or raise the timeout.',
        { timeoutMs: String(options.timeoutMs) },
      );
    case 'network':
      return check(
        key,
        false,
        'WeCom could not be reached ({{reason}}). Check the API base URL, and that this server can reach it.',
        { reason: error.errmsg },
      );
    case 'http-status':
      return check(
        key,
        false,
        "WeCom's server answered {{reason}} instead of an API answer. Try again later; if it persists, check the API base URL.",
        { reason: error.errmsg },
      );
    default:
      return check(key, false, "WeCom's answer could not be read. Check that the API base URL is WeCom's API.");
  }
}

/**
 * What an admin must change when WeCom refused a call, in plain words. The finding is filed under `key`, the step
 * that failed, unless the errcode names its own subject (a disabled app, the trusted domain).
 */
function refusal(key: ConfigCheck['key'], error: unknown, options: WeComOptions): ConfigCheck {
  if (!(error instanceof WeComError)) throw error;
  if (error.kind !== 'api') return transportFailure(key, error, options);
  const { errcode } = error;
  switch (errcode) {
    case ERRCODE.busy:
      return check(key, false, 'WeCom stayed busy (-1). Try again in a minute.', {}, errcode);
    case ERRCODE.rateLimited:
    case ERRCODE.concurrencyLimited:
      return check(
        key,
        false,
        'WeCom limits how often this app may call it, and the limit was reached ({{errcode}}). Try again in a minute.',
        { errcode: String(errcode) },
        errcode,
      );
    case ERRCODE.noPrivilege:
      return check(
        key,
        false,
        "WeCom says the app lacks a privilege for this call (60011). Check the app's API permissions in WeCom's admin console.",
        {},
        errcode,
      );
    case ERRCODE.invalidCorpId:
      return check(key, false, 'WeCom does not know this Corp ID (40013).', {}, errcode);
    case ERRCODE.invalidSecret:
      return check(
        key,
        false,
        "WeCom refused the Secret (40001). Copy it again from the app's page in WeCom.",
        {},
        errcode,
      );
    case ERRCODE.secretOfAnotherCorp:
      return check(
        key,
        false,
        "The Secret belongs to another company's app, not to Corp ID {{corpId}} (40091). Copy the Secret from this company's app in WeCom, or correct the Corp ID.",
        { corpId: options.corpId },
        errcode,
      );
    case ERRCODE.untrustedRedirectDomain:
      return check(
        'trustedDomain',
        false,
        "WeCom returns sign-ins only to the app's trusted domain, and Origin's host {{host}} is not it (50001). Set the app's trusted domain in WeCom (Web authorization and JS-SDK) to {{host}}, or correct Origin.",
        { host: new URL(options.origin).host },
        errcode,
      );
    case ERRCODE.appDisabled:
      return check(
        'agent',
        false,
        "The app with AgentId {{agentId}} is disabled in WeCom (50003). Enable it in WeCom's admin console (Apps → the app).",
        { agentId: options.agentId },
        errcode,
      );
    case ERRCODE.untrustedIp:
      return check(
        key,
        false,
        "WeCom refused this server's IP address {{ip}} (60020). Add it to the app's trusted IPs in WeCom.",
        { ip: error.callerIp ?? '?' },
        errcode,
      );
    case ERRCODE.invalidAgentId:
      return check(
        key,
        false,
        'WeCom knows no app with AgentId {{agentId}} (40056).',
        { agentId: options.agentId },
        errcode,
      );
    case ERRCODE.noAgentPermission:
      return check(
        key,
        false,
        'The Secret belongs to another app than AgentId {{agentId}} (301002).',
        { agentId: options.agentId },
        errcode,
      );
    default:
      return check(key, false, 'WeCom answered: {{reason}}', { reason: `${errcode} ${error.errmsg}` }, errcode);
  }
}

/** agent/get; a token WeCom revoked in between (40014, 42001) is fetched once more, as a sign-in would. */
async function getAgentWith(http: WeComHttp, options: WeComOptions, token: string): Promise<Agent> {
  try {
    return await getAgent(http, token, options.agentId);
  } catch (error) {
    if (!isStaleTokenError(error)) throw error;
    const renewed = await fetchAccessToken(http, options.corpId, options.secret);
    return getAgent(http, renewed.access_token, options.agentId);
  }
}

/**
 * Calls WeCom with the settings as they stand (not the cached token, so a changed secret is really tried):
 * the credentials, the app, and whether WeCom's trusted domain is Origin's host, port included.
 */
export async function checkWeComConfig(options: WeComOptions, http: WeComHttp): Promise<ConfigCheck[]> {
  let token: string;
  try {
    token = (await fetchAccessToken(http, options.corpId, options.secret)).access_token;
  } catch (error) {
    return [refusal('credentials', error, options)];
  }
  const checks = [check('credentials', true, 'WeCom accepted the Corp ID and the Secret.')];
  try {
    const agent = await getAgentWith(http, options, token);
    checks.push(
      agent.close === 0
        ? check('agent', true, 'The app "{{name}}" was found.', { name: agent.name })
        : check('agent', false, 'The app "{{name}}" is disabled in WeCom.', { name: agent.name }),
    );
    const host = new URL(options.origin).host;
    checks.push(
      agent.redirect_domain === host
        ? check('trustedDomain', true, 'The trusted domain matches Origin ({{host}}).', { host })
        : check(
            'trustedDomain',
            false,
            'The app\'s trusted domain in WeCom is "{{domain}}", but Origin\'s host is "{{host}}". WeCom returns sign-ins only to the trusted domain.',
            { domain: agent.redirect_domain || '—', host },
          ),
    );
  } catch (error) {
    checks.push(refusal('agent', error, options));
  }
  return checks;
}
