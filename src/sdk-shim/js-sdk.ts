import type * as WeComJsSdk from '@wecom/jssdk';
import { type Fetch, getJsSdkConfig, type JsSdkConfig, type JsSdkSignature } from './api';

/** The part of @wecom/jssdk that registering uses; pass the page's own `ww` to register that instance. */
export type RegisterSdk = Pick<typeof WeComJsSdk, 'register'>;

export interface RegisterJsSdkOptions {
  baseUrl: string;
  authenticator: string;
  /** The JS-SDK functions the page will call, e.g. `['getContext', 'selectEnterpriseContact']`. */
  jsApiList: string[];
  fetch?: Fetch;
  /** The page being signed. @default location.href */
  url?: string;
  /** @default () => import('@wecom/jssdk') */
  loadSdk?: () => Promise<RegisterSdk>;
}

export interface JsSdkRegistration {
  corpId: string;
  agentId: string;
}

/** WeCom signs the page URL without its fragment (wecom-protocol.md §4.7). */
function signedUrl(url: string): string {
  return url.split('#')[0] ?? url;
}

/**
 * `ww.register` with signatures from the plugin's `wecom:getJsSdkConfig`, for pages that call JS-SDK functions
 * once signed in. The SDK asks for a signature again whenever the URL changes; one answer holds both the corp's and
 * the app's signature, so each URL is fetched once (a failed fetch is forgotten, to be retried on the next ask).
 */
export function registerJsSdk(options: RegisterJsSdkOptions): Promise<JsSdkRegistration> {
  return registerJsSdkWith(options.loadSdk ?? (() => import('@wecom/jssdk')), options);
}

/** `registerJsSdk` with the SDK given: the page's own `ww`, or the script bundle's tree-shaken copy. */
export async function registerJsSdkWith(
  loadSdk: () => Promise<RegisterSdk>,
  options: RegisterJsSdkOptions,
): Promise<JsSdkRegistration> {
  const configs = new Map<string, Promise<JsSdkConfig>>();
  const configFor = (url: string): Promise<JsSdkConfig> => {
    const key = signedUrl(url);
    let config = configs.get(key);
    if (!config) {
      config = getJsSdkConfig({
        baseUrl: options.baseUrl,
        authenticator: options.authenticator,
        url: key,
        fetch: options.fetch,
      });
      configs.set(key, config);
      config.catch(() => configs.delete(key));
    }
    return config;
  };
  const signature =
    (pick: 'config' | 'agentConfig') =>
    async (url: string): Promise<JsSdkSignature> =>
      (await configFor(url))[pick];

  // register() needs the corp and agent up front, and they come with the first signature.
  const [sdk, first] = await Promise.all([loadSdk(), configFor(options.url ?? globalThis.location.href)]);
  sdk.register({
    corpId: first.corpId,
    agentId: first.agentId,
    jsApiList: options.jsApiList,
    getConfigSignature: signature('config'),
    getAgentConfigSignature: signature('agentConfig'),
  });
  return { corpId: first.corpId, agentId: first.agentId };
}
