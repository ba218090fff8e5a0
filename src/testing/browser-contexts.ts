import type { Browser, BrowserContext, BrowserContextOptions } from '@playwright/test';
import { SANDBOX_SESSION_COOKIE, type SandboxMember } from '../sandbox/index.ts';
import { WECOM_USER_AGENTS } from '../sdk-shim/user-agents.fixture.ts';
import { DESKTOP_USER_AGENT, PHONE_VIEWPORT } from './chromium.ts';

/**
 * A browser context that is the WeCom iOS app: its real user agent, a phone's viewport, and `member` signed in
 * to the simulated client (the sandbox reads the cookie on its own origin); nobody when null.
 */
export async function openWeComContext(
  browser: Browser,
  sandboxUrl: string,
  member: Pick<SandboxMember, 'userid'> | null,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    userAgent: WECOM_USER_AGENTS.ios,
    viewport: PHONE_VIEWPORT,
    locale: 'en-US',
    ...options,
  });
  if (member) {
    await context.addCookies([{ name: SANDBOX_SESSION_COOKIE, value: member.userid, url: sandboxUrl }]);
  }
  return context;
}

/** A desktop Chrome's context. */
export function openDesktopContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ userAgent: DESKTOP_USER_AGENT, locale: 'en-US', ...options });
}
