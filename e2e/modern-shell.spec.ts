import { WECOM_LOGIN_ORIGIN } from '../src/sdk-shim/web-login.ts';
import { decodeLandingSession } from '../src/shared/session-fragment.ts';
import {
  AUTHORIZE_PATH,
  expect,
  expectFailureShownWithoutLoop,
  homepageLink,
  MODERN_SHELL,
  recordNavigations,
  SIGN_IN_MESSAGES,
  scanInEmbeddedPanel,
  scanOnWebLoginPage,
  signedInUser,
  storedSession,
  test,
} from './fixtures.ts';
import { routeWeComLoginHost } from './support/wecom-hosts.ts';

// NocoBase's newer shell sends a signed-out visitor to `/v/signin?redirect=/v/admin/`, trailing slash included.
const MODERN_ADMIN = new RegExp(`${MODERN_SHELL.adminPath}/?$`);

test.describe('the /v/ shell on a desktop browser', () => {
  test('/v/signin offers the WeCom button, which goes to the QR page; a linked member scanning lands on /v/admin', async ({
    demo,
    admin,
    people,
    desktopPage: page,
  }) => {
    const person = await people.create({ bound: true });
    const configured = await admin.authenticator(demo.authenticator);
    await page.goto(`${demo.appUrl}${MODERN_SHELL.signInPath}`);

    const button = page.getByTestId('wecom-sign-in');
    // WeCom's mark and "Sign in with WeCom", as on the classic page: the demo's authenticator has the auth type's
    // own title ("WeCom"), which is no title of the admin's (src/client/sign-in-label.ts).
    expect(configured?.title).toBe('WeCom');
    await expect(button).toHaveText('Sign in with WeCom');
    // The mark is hidden from assistive technology, so the text alone names the button.
    await expect(page.getByRole('button', { name: 'Sign in with WeCom', exact: true })).toBeVisible();
    await expect(button.locator('svg')).toHaveCount(1);
    await expect(button.getByRole('img')).toHaveCount(0);
    await expect(page.getByPlaceholder('Username/Email')).toBeVisible();
    await button.click();
    await scanOnWebLoginPage(page, demo, person.member.userid);

    const user = await signedInUser(page, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(page).toHaveURL((url) => url.origin === demo.appUrl && MODERN_ADMIN.test(url.pathname));
  });

  test("with WeCom's own login host, the button opens the embedded panel, and scanning in it lands on /v/admin", async ({
    demo,
    people,
    authSettings,
    desktopPage: page,
  }) => {
    const person = await people.create({ bound: true });
    await authSettings.update({ loginBaseUrl: WECOM_LOGIN_ORIGIN });
    await routeWeComLoginHost(page.context(), demo.sandboxUrl);
    const navigations = recordNavigations(page);
    await page.goto(`${demo.appUrl}${MODERN_SHELL.signInPath}`);

    await scanInEmbeddedPanel(page, demo, person.member.userid);

    const user = await signedInUser(page, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(page).toHaveURL((url) => url.origin === demo.appUrl && MODERN_ADMIN.test(url.pathname));
    expect(navigations.requests.some((url) => url.startsWith(WECOM_LOGIN_ORIGIN))).toBe(false);
  });
});

test.describe('the /v/ shell in the WeCom client', () => {
  test('a linked member opening a /v/ deep link lands on it signed in, after one silent trip to WeCom', async ({
    demo,
    people,
    weComPage,
    sandboxCalls,
  }) => {
    // Admin, so that NocoBase's ACL lets the user stay on a settings page rather than sending them to /v/admin.
    const person = await people.create({ bound: true, roles: ['admin'] });
    const page = await weComPage({ member: person.member });
    const navigations = recordNavigations(page);
    const deepLink = `${MODERN_SHELL.adminPath}/settings/system-settings?x=1#frag`;

    await page.goto(`${demo.appUrl}${deepLink}`);

    const user = await signedInUser(page, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(page).toHaveURL(`${demo.appUrl}${deepLink}`);
    expect(await sandboxCalls.count(AUTHORIZE_PATH)).toBe(1);
    expect(navigations.requests.filter((url) => url.includes(AUTHORIZE_PATH))).toEqual([
      expect.stringContaining('scope=snsapi_base'),
    ]);
    // The session came in the landing's fragment, with the deep link's own fragment inside, and left the address bar.
    const landing = navigations.committed.find((url) => url.includes('#wecom-session:'));
    expect(landing, 'the landing URL the callback redirected to').toBeDefined();
    const landed = new URL(landing ?? '');
    expect(`${landed.pathname}${landed.search}`).toBe(`${MODERN_SHELL.adminPath}/settings/system-settings?x=1`);
    const session = decodeLandingSession(landed.hash);
    expect(session).toMatchObject({ authenticator: demo.authenticator, hash: '#frag' });
    expect(session?.token).toBe((await storedSession(page)).token);
    // The /v/ shell shows the page signed in, rather than sending the user back to its sign-in page.
    await expect(page.getByText('System title').first()).toBeVisible();
    await expect(page).toHaveURL(`${demo.appUrl}${deepLink}`);
    expect(await sandboxCalls.count(AUTHORIZE_PATH)).toBe(1);
  });

  test('with sign-up off, a member whose phone matches nobody sees why on /v/signin, with no loop', async ({
    demo,
    admin,
    people,
    authSettings,
    weComPage,
    sandboxCalls,
  }) => {
    await authSettings.update({ autoSignup: false });
    const person = await people.create({ user: false });
    const page = await weComPage({ member: person.member });

    // Opened directly, so the /v/ client starts the sign-in itself: the failure must stop both it and the server.
    await page.goto(`${demo.appUrl}${MODERN_SHELL.adminPath}?y=2`);
    await page.locator('#wecom-consent-allow').click();

    await expectFailureShownWithoutLoop(page, sandboxCalls, {
      code: 'USER_NOT_FOUND',
      message: SIGN_IN_MESSAGES.USER_NOT_FOUND,
      authorizeCalls: 2,
      shell: MODERN_SHELL,
    });
    expect(await admin.usersWithPhone(person.phone)).toEqual([]);
  });

  test('a member who denies consent on the way to /v/admin sees that it was cancelled on /v/signin, with no loop', async ({
    demo,
    people,
    weComPage,
    sandboxCalls,
  }) => {
    const person = await people.create();
    const page = await weComPage({ member: person.member });

    await page.goto(homepageLink(demo, MODERN_SHELL.adminPath));
    await page.locator('#wecom-consent-deny').click();

    await expectFailureShownWithoutLoop(page, sandboxCalls, {
      code: 'ACCESS_DENIED',
      message: SIGN_IN_MESSAGES.ACCESS_DENIED,
      authorizeCalls: 2,
      shell: MODERN_SHELL,
    });
  });
});
