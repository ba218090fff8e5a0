import type { BrowserContext, Route } from '@playwright/test';
import { WECOM_LOGIN_ORIGIN } from '../../src/sdk-shim/web-login.ts';

/**
 * Serves WeCom's web-login host from the sandbox inside this browser context (extension-tooling.md §7.1).
 * @wecom/jssdk hard-codes `https://login.work.weixin.qq.com` as the panel's iframe origin and as the only origin
 * whose messages it accepts, so the embedded panel can only be tested under that name. The sandbox has the same
 * paths; the scan form posts to a relative URL, which therefore also comes back here.
 */
export async function routeWeComLoginHost(context: BrowserContext, sandboxUrl: string): Promise<void> {
  await context.route(`${WECOM_LOGIN_ORIGIN}/**`, async (route: Route) => {
    const requested = new URL(route.request().url());
    const upstream = new URL(`${requested.pathname}${requested.search}`, sandboxUrl);
    // Method, headers and the form body go along as they are; redirects come back to the browser to follow.
    const response = await route.fetch({ url: upstream.href, maxRedirects: 0 });
    await route.fulfill({ response });
  });
}
