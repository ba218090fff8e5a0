import type { Page } from '@playwright/test';
import type { WeComLoginApi } from '../src/sdk-shim/script-main.ts';
import type { NocoBaseSession } from '../src/sdk-shim/session.ts';
import { whoIs } from '../src/testing/nocobase-api.ts';
import { AUTHORIZE_PATH, expect, test } from './fixtures.ts';
import { PORTAL_PATH as PAGE_PATH, servePortal } from './support/portal.ts';

/** The portal's window: the bundle's API, and the events the page recorded. */
type PortalWindow = Window & { WeComLogin?: WeComLoginApi; signedInEvents?: NocoBaseSession[] };

interface PortalState {
  /** `WeComLogin` is there, i.e. the bundle ran. */
  loaded: boolean;
  session: NocoBaseSession | null;
  events: NocoBaseSession[];
  storedToken: string | null;
}

/** What the bundle left on the page; read in one go, since the page may still be between documents. */
async function portalState(page: Page): Promise<PortalState | null> {
  return page
    .evaluate((): PortalState => {
      const portal = window as PortalWindow;
      return {
        loaded: portal.WeComLogin !== undefined,
        session: portal.WeComLogin?.session ?? null,
        events: portal.signedInEvents ?? [],
        storedToken: window.localStorage.getItem('NOCOBASE_TOKEN'),
      };
    })
    .catch(() => null);
}

test.describe('the script-tag bundle on a page of its own', () => {
  test('in the WeCom client it signs in silently and comes back to the page with the session stored', async ({
    demo,
    people,
    weComPage,
    sandboxCalls,
  }) => {
    const person = await people.create({ bound: true });
    const page = await weComPage({ member: person.member });
    await servePortal(page.context(), demo.appUrl, demo.authenticator);

    await page.goto(`${demo.appUrl}${PAGE_PATH}?from=workbench`);

    // Signed in first, then the address checked: the same URL before the trip to WeCom would prove nothing.
    await expect.poll(async () => Boolean((await portalState(page))?.session)).toBe(true);
    expect(await sandboxCalls.count(AUTHORIZE_PATH)).toBe(1);
    // Back on the portal, with the session taken out of the address bar (no fragment left, no token anywhere).
    expect(page.url()).toBe(`${demo.appUrl}${PAGE_PATH}?from=workbench`);
    const state = await portalState(page);
    expect(state?.session?.authenticator).toBe(demo.authenticator);
    expect(state?.events).toEqual([state?.session]);
    expect(state?.storedToken).toBe(state?.session?.token);
    const answer = await whoIs(demo.appUrl, state?.session?.token ?? '', demo.authenticator);
    expect(answer.user?.id).toBe(person.user?.id);
    // Signed in, so the button is not offered, and the portal can use the session.
    await expect(page.locator('#login button')).toHaveCount(0);
    await expect(page.locator('#who')).toHaveText(`Signed in to NocoBase as ${person.user?.nickname}`);
    expect(await sandboxCalls.count(AUTHORIZE_PATH)).toBe(1);
  });

  test('on a desktop browser it renders the button, which signs in through the QR page and comes back', async ({
    demo,
    people,
    desktopPage: page,
  }) => {
    const person = await people.create({ bound: true });
    await servePortal(page.context(), demo.appUrl, demo.authenticator);

    await page.goto(`${demo.appUrl}${PAGE_PATH}`);

    const button = page.locator('#login button.wecom-login__button');
    await expect(button).toHaveText('Sign in with WeCom');
    // WeCom's mark, hidden from assistive technology: the label alone names the button.
    await expect(page.getByRole('button', { name: 'Sign in with WeCom', exact: true })).toBeVisible();
    await expect(button.locator('svg.wecom-login__mark')).toHaveAttribute('aria-hidden', 'true');
    const before = await portalState(page);
    expect(before?.loaded).toBe(true);
    expect(before?.session).toBeNull();

    await button.click();
    await expect(page).toHaveURL(new RegExp(`^${demo.sandboxUrl}/wwlogin/sso/login\\?`));
    await page.locator(`#wecom-scan-${person.member.userid}`).click();

    await expect.poll(async () => Boolean((await portalState(page))?.session)).toBe(true);
    expect(page.url()).toBe(`${demo.appUrl}${PAGE_PATH}`);
    const after = await portalState(page);
    expect(after?.events).toEqual([after?.session]);
    expect((await whoIs(demo.appUrl, after?.session?.token ?? '', demo.authenticator)).user?.id).toBe(person.user?.id);
    await expect(page.locator('#who')).toHaveText(`Signed in to NocoBase as ${person.user?.nickname}`);
  });
});
