import { WECOM_LOGIN_ORIGIN } from '../src/sdk-shim/web-login.ts';
import { expect, recordNavigations, signedInUser, test } from './fixtures.ts';
import { routeWeComLoginHost } from './support/wecom-hosts.ts';

test.describe('on a desktop browser', () => {
  test('"Sign in with WeCom" goes to the QR page; a linked member scanning lands on /admin signed in', async ({
    demo,
    people,
    desktopPage: page,
  }) => {
    const person = await people.create({ bound: true });
    await page.goto(`${demo.appUrl}/signin`);

    await page.getByTestId('wecom-sign-in').click();
    // The sandbox's stand-in for the QR code, reached by a full-page redirect: its host is not WeCom's, so
    // the plugin cannot embed WeCom's panel for it.
    await expect(page).toHaveURL(new RegExp(`^${demo.sandboxUrl}/wwlogin/sso/login\\?`));
    expect(new URL(page.url()).searchParams.get('login_type')).toBe('CorpApp');
    await page.locator(`#wecom-scan-${person.member.userid}`).click();

    const user = await signedInUser(page, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(page).toHaveURL(`${demo.appUrl}/admin`);
  });

  test("with WeCom's own login host, the button opens the embedded panel, and scanning in it signs the page in", async ({
    demo,
    people,
    authSettings,
    desktopPage: page,
  }) => {
    const person = await people.create({ bound: true });
    // The only host @wecom/jssdk embeds; this browser reaches the sandbox under its name.
    await authSettings.update({ loginBaseUrl: WECOM_LOGIN_ORIGIN });
    await routeWeComLoginHost(page.context(), demo.sandboxUrl);
    const navigations = recordNavigations(page);
    await page.goto(`${demo.appUrl}/signin`);

    await page.getByTestId('wecom-sign-in').click();

    const modal = page.locator('.ant-modal-content');
    await expect(modal).toBeVisible();
    await expect(modal.getByTestId('wecom-login-panel')).toBeVisible();
    const iframe = modal.locator(`iframe[src^="${WECOM_LOGIN_ORIGIN}/wwlogin/sso/login?"]`);
    await expect(iframe).toBeVisible();
    const src = new URL((await iframe.getAttribute('src')) ?? '');
    // The panel asks WeCom to move the whole page to our callback, as the full-page redirect does.
    expect(src.searchParams.get('redirect_type')).toBe('top');
    expect(src.searchParams.get('redirect_uri')).toBe(`${demo.appUrl}/api/wecom:redirect`);
    // Still on the sign-in page: nothing navigated yet.
    expect(new URL(page.url()).pathname).toBe('/signin');

    await page
      .frameLocator('[data-testid="wecom-login-panel"] iframe')
      .locator(`#wecom-scan-${person.member.userid}`)
      .click();

    const user = await signedInUser(page, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(page).toHaveURL(`${demo.appUrl}/admin`);
    // The top page went straight from the sign-in page to the callback; WeCom's page was only ever in the iframe.
    expect(navigations.requests.some((url) => url.startsWith(WECOM_LOGIN_ORIGIN))).toBe(false);
    expect(navigations.requests.some((url) => url.startsWith(`${demo.appUrl}/api/wecom:redirect?code=`))).toBe(true);
  });
});
