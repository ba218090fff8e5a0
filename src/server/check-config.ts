import type { WeComOptions } from './options';
import { fetchAccessToken, getAgent } from './wecom/api';
import { ERRCODE, isStaleTokenError, WeComError } from './wecom/errors';
import type { WeComHttp } from './wecom/request';
import type { Agent } from './wecom/schemas';
import type { UnreachableReason } from './wecom/unreachable';

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
 * "Could not reach …": no answer came from the host, so nothing WeCom decides is in question; what to look at is the
 * API base URL, or this server's way out (its DNS, network, proxy), named for each reason.
 */
const UNREACHABLE: Readonly<Record<UnreachableReason, string>> = {
  dns: "Could not reach {{host}}: the name does not resolve ({{code}}). Check the API base URL under WeCom addresses (advanced), and this server's DNS.",
  refused:
    "Could not reach {{host}}: the connection was refused ({{code}}). Check the API base URL under WeCom addresses (advanced), and this server's proxy.",
  'no-route':
    "Could not reach {{host}}: there is no route to it ({{code}}). Check this server's network, firewall or proxy, and the API base URL under WeCom addresses (advanced).",
  'connect-timeout':
    "Could not reach {{host}}: the connection timed out ({{code}}). Check this server's network, firewall or proxy, and the API base URL under WeCom addresses (advanced).",
  tls: 'Could not reach {{host}}: the secure connection failed ({{code}}). Check the API base URL under WeCom addresses (advanced), and any proxy that intercepts HTTPS on this server.',
  'blocked-port':
    'Could not reach {{host}}: its port may not be used for web requests. Check the API base URL under WeCom addresses (advanced).',
};

/** A call that got no answer WeCom's API could have given: never reported as something WeCom said. */
function transportFailure(key: ConfigCheck['key'], error: WeComError, options: WeComOptions): ConfigCheck {
  const host = error.host ?? new URL(options.apiBaseUrl).host;
  const { unreachable } = error;
  if (unreachable) return check(key, false, UNREACHABLE[unreachable.reason], { host, code: unreachable.code });
  switch (error.kind) {
    case 'timeout':
      return check(
        key,
        false,
        "Could not reach {{host}}: no answer within {{timeoutMs}} ms. Check this server's network or proxy and the API base URL under WeCom addresses (advanced), or raise the timeout there.",
        { host, timeoutMs: String(options.timeoutMs) },
      );
    case 'unreachable':
    case 'network':
      return check(
        key,
        false,
        "Could not reach {{host}}: the connection closed without an answer ({{reason}}). Check this server's network or proxy and the API base URL under WeCom addresses (advanced), then try again.",
        { host, reason: error.errmsg },
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
 * "WeCom answered …": what an admin must change when WeCom refused a call, naming the setting. The finding is filed
 * under `key`, the step that failed, unless the errcode names its own subject (a disabled app, the trusted domain).
 */
function refusal(key: ConfigCheck['key'], error: unknown, options: WeComOptions): ConfigCheck {
  if (!(error instanceof WeComError)) throw error;
  if (error.kind !== 'api') return transportFailure(key, error, options);
  const { errcode } = error;
  const answered = (message: string, params: Record<string, string> = {}, subject = key): ConfigCheck =>
    check(subject, false, message, params, errcode);
  switch (errcode) {
    case ERRCODE.busy:
      return answered('WeCom answered -1: it stayed busy. Try again in a minute.');
    case ERRCODE.rateLimited:
    case ERRCODE.concurrencyLimited:
      return answered(
        'WeCom answered {{errcode}}: this app called it more often than WeCom allows. Try again in a minute.',
        { errcode: String(errcode) },
      );
    case ERRCODE.noPrivilege:
      return answered(
        "WeCom answered 60011: the app lacks a privilege for this call. Check the app's API permissions in WeCom's admin console.",
      );
    case ERRCODE.invalidCorpId:
      return answered(
        "WeCom answered 40013: it knows no company with this Corp ID. Check Corp ID (WeCom's admin console: My company → Company information).",
      );
    case ERRCODE.invalidSecret:
      return answered(
        "WeCom answered 40001: it does not accept the Secret. Check Secret: copy it again from the app's page in WeCom.",
      );
    case ERRCODE.secretOfAnotherCorp:
      return answered(
        "WeCom answered 40091: the Secret belongs to another company's app, not to Corp ID {{corpId}}. Check Secret (copy it from this company's app in WeCom), or Corp ID.",
        { corpId: options.corpId },
      );
    case ERRCODE.untrustedRedirectDomain:
      return answered(
        "WeCom answered 50001: Origin's host {{host}} is not the app's trusted domain, and WeCom returns sign-ins only there. Set the app's trusted domain in WeCom (Web authorization and JS-SDK) to {{host}}, or check Origin.",
        { host: new URL(options.origin).host },
        'trustedDomain',
      );
    case ERRCODE.appDisabled:
      return answered(
        "WeCom answered 50003: the app with AgentId {{agentId}} is disabled. Enable it in WeCom's admin console (Apps → the app), or check AgentId.",
        { agentId: options.agentId },
        'agent',
      );
    case ERRCODE.untrustedIp:
      return answered(
        "WeCom answered 60020: it takes no calls from this server's IP address {{ip}}. Add {{ip}} to the app's trusted IPs in WeCom (Apps → the app → Trusted IP).",
        { ip: error.callerIp ?? '?' },
      );
    case ERRCODE.invalidAgentId:
      return answered(
        'WeCom answered 40056: it knows no app with AgentId {{agentId}}. Check AgentId (Apps → your self-built app in WeCom).',
        { agentId: options.agentId },
      );
    case ERRCODE.noAgentPermission:
      return answered(
        'WeCom answered 301002: the Secret is not the one of the app with AgentId {{agentId}}. Check AgentId, or copy the Secret of that app.',
        { agentId: options.agentId },
      );
    default:
      return answered('WeCom answered {{errcode}}: {{errmsg}}', { errcode: String(errcode), errmsg: error.errmsg });
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

/** Whatever a finding quotes (WeCom's errmsg, a transport error's text) never carries the secret it was tried with. */
function withoutSecret(finding: ConfigCheck, secret: string): ConfigCheck {
  if (secret === '') return finding;
  const params = Object.fromEntries(
    Object.entries(finding.params).map(([name, value]) => [name, value.split(secret).join('[secret]')]),
  );
  return { ...finding, params };
}

async function findings(options: WeComOptions, http: WeComHttp): Promise<ConfigCheck[]> {
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

/**
 * Calls WeCom with the settings as they stand (not the cached token, so a changed secret is really tried):
 * the credentials, the app, and whether WeCom's trusted domain is Origin's host, port included.
 */
export async function checkWeComConfig(options: WeComOptions, http: WeComHttp): Promise<ConfigCheck[]> {
  return (await findings(options, http)).map((finding) => withoutSecret(finding, options.secret));
}
