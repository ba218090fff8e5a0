import type { Translate } from '../extension/i18n';
import type { OriginProblem, OriginTestResult } from '../extension/protocol';
import { apiUrl, chooseAuthenticator, type Fetch, findWeComAuthenticators } from '../sdk-shim';
import type { HostAccess } from './deps';

export interface OriginTestDeps {
  hostAccess: HostAccess;
  fetch: Fetch;
  translate: Translate;
  timeoutMs?: number;
}

type Answer = { reached: false } | { reached: true; status: number; body: unknown };

async function get(deps: OriginTestDeps, url: string, json: boolean): Promise<Answer> {
  let response: Response;
  try {
    response = await deps.fetch(url, {
      method: 'GET',
      headers: { Accept: json ? 'application/json' : '*/*' },
      // A test must not act as the person: no cookies, so NocoBase sees an anonymous visitor.
      credentials: 'omit',
      signal: AbortSignal.timeout(deps.timeoutMs ?? 8000),
    });
  } catch {
    return { reached: false };
  }
  let body: unknown = null;
  if (json) {
    try {
      body = await response.json();
    } catch {
      // A proxy's or another app's HTML page: not NocoBase's answer, which is always JSON.
    }
  }
  return { reached: true, status: response.status, body };
}

function isPublicList(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Array.isArray((body as { data?: unknown }).data);
}

/**
 * What a person needs to hear when an origin does not work, checked in the order a sign-in needs them: access
 * to the site, the site answering, it being NocoBase, this plugin there, and the authenticator enabled.
 * `authenticators:publicList` lists only enabled authenticators, so "disabled" and "misspelt" look the same.
 */
export async function testOrigin(
  deps: OriginTestDeps,
  entry: { origin: string; authenticator: string },
): Promise<OriginTestResult> {
  const { origin } = entry;
  const t = deps.translate;
  const fail = (problem: OriginProblem, message: string, extra: { available?: string[]; status?: number } = {}) =>
    ({
      ok: false,
      problem,
      available: extra.available ?? [],
      message,
      ...(extra.status ? { status: extra.status } : {}),
    }) as const;

  const granted = await deps.hostAccess.granted([origin]);
  if (!granted.has(origin)) return fail('NO_HOST_ACCESS', t('test_NO_HOST_ACCESS', [origin]));

  const list = await get(deps, apiUrl(origin, 'authenticators:publicList'), true);
  if (!list.reached) return fail('UNREACHABLE', t('test_UNREACHABLE', [origin]));
  if (list.status < 200 || list.status >= 300 || !isPublicList(list.body)) {
    return fail('NOT_NOCOBASE', t('test_NOT_NOCOBASE', [origin, String(list.status)]), { status: list.status });
  }

  // The plugin's script bundle is public and only ours. A resource no plugin defines falls through NocoBase's
  // resourcer and ends as a 4xx; a 5xx (a proxy's hiccup) proves nothing either way.
  const plugin = await get(deps, apiUrl(origin, 'wecom:script'), false);
  if (plugin.reached && plugin.status >= 400 && plugin.status < 500) {
    return fail('PLUGIN_MISSING', t('test_PLUGIN_MISSING', [origin]));
  }

  const found = findWeComAuthenticators(list.body);
  const available = found.map((authenticator) => authenticator.name);
  if (found.length === 0) return fail('NO_WECOM_AUTHENTICATOR', t('test_NO_WECOM_AUTHENTICATOR', [origin]));
  // The core's choice for a sign-in the person asks for (the popup's button), as the content script will make it.
  const name = await chooseAuthenticator({ given: entry.authenticator || null, list: () => found, silent: false });
  const chosen = found.find((authenticator) => authenticator.name === name);
  if (!chosen) {
    return fail(
      'AUTHENTICATOR_NOT_FOUND',
      t('test_AUTHENTICATOR_NOT_FOUND', [entry.authenticator, available.join(', ')]),
      {
        available,
      },
    );
  }
  return {
    ok: true,
    authenticator: { name: chosen.name, title: chosen.title, autoLogin: chosen.options.autoLogin },
    available,
    message: t('test_OK', [chosen.title, chosen.name]),
  };
}
