import { WECOM_LOGIN_ORIGIN } from '../src/sdk-shim/web-login.ts';
import { expect, recordNavigations, scanInEmbeddedPanel, scanOnWebLoginPage, signedInUser, test } from './fixtures.ts';
import { routeWeComLoginHost } from './support/wecom-hosts.ts';

test.describe('on a desktop browser', () => {
  test('"Sign in with WeCom" goes to the QR page; a linked member scanning lands on /admin signed in', async ({
    demo,
    people,
    desktopPage: page,
  }) => {
    const person = await people.create({ bound: true });
    await page.goto(`${demo.appUrl}/signin`);

    const button = page.getByTestId('wecom-sign-in');
    // WeCom's mark, hidden from assistive technology, and the text, which alone names the button.
    await expect(page.getByRole('button', { name: 'Sign in with WeCom', exact: true })).toBeVisible();
    await expect(button.locator('svg')).toHaveCount(1);
    await expect(button.getByRole('img')).toHaveCount(0);
    await button.click();
    await scanOnWebLoginPage(page, demo, person.member.userid);

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

    await scanInEmbeddedPanel(page, demo, person.member.userid);

    const user = await signedInUser(page, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(page).toHaveURL(`${demo.appUrl}/admin`);
    // The top page went straight from the sign-in page to the callback; WeCom's page was only ever in the iframe.
    expect(navigations.requests.some((url) => url.startsWith(WECOM_LOGIN_ORIGIN))).toBe(false);
    expect(navigations.requests.some((url) => url.startsWith(`${demo.appUrl}/api/wecom:redirect?code=`))).toBe(true);
  });
});
