import type { WeComOptions } from './options';
import { fetchAccessToken, getAgent } from './wecom/api';
import { ERRCODE, WeComError } from './wecom/errors';
import type { WeComHttp } from './wecom/request';

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

/**
 * What an admin must change when WeCom refused a call, in plain words. The finding is filed under `key`, the step
 * that failed, unless the errcode names its own subject (a disabled app, the trusted domain).
 */
function refusal(key: ConfigCheck['key'], error: unknown, options: WeComOptions): ConfigCheck {
  if (!(error instanceof WeComError)) throw error;
  const { errcode } = error;
  switch (errcode) {
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
      return check(
        key,
        false,
        'WeCom answered: {{reason}}',
        { reason: errcode === null ? error.errmsg : `${errcode} ${error.errmsg}` },
        errcode,
      );
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
    const agent = await getAgent(http, token, options.agentId);
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
