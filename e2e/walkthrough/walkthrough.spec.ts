import type { Page } from '@playwright/test';
import { DEMO_CORP_ID, DEMO_PEOPLE, DEMO_WECOM_APP } from '../../scripts/demo/index.ts';
import {
  AUTHENTICATORS_PATH,
  authenticatorDrawer,
  formInput,
  signInWithPassword,
} from '../../src/testing/admin-pages.ts';
import { expect, expectFailureShownWithoutLoop, SIGN_IN_MESSAGES, signedInUser, test } from '../fixtures.ts';
import { Camera } from './camera.ts';
import { WALKTHROUGH_OUT } from './settings.ts';

/**
 * `npm run demo:walkthrough`: both WeCom sign-ins and the admin form in headless Chromium against the walkthrough's
 * own demo app, with a screenshot of each step and a README listing them in docs/walkthrough/. The steps are the
 * e2e suite's (its fixtures, its checks), in order, one test per scene; each run signs in new members (a member
 * consents only once) and leaves no member, user or authenticator behind.
 */

/** A phone's screen in the WeCom app, at a phone's pixel density, so the shots stay sharp. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 } as const;
const DESKTOP = { viewport: { width: 1280, height: 800 } } as const;
/** Tall enough for the whole WeCom part of the authenticator form. */
const ADMIN_DESKTOP = { viewport: { width: 1280, height: 1000 } } as const;

/** Where the in-client scenes start: a page only an admin may stay on, so landing on it shows the deep link kept. */
const DEEP_LINK = '/admin/settings/system-settings?from=workbench';
/** The newcomer's NocoBase account is an admin's; linking it by phone takes this password. */
const NEWCOMER_PASSWORD = 'Walkthrough-pass-1';

/** The demo's member who is linked already (赵六, Zhao Liu): the desktop scan signs him in at once. */
function linkedDemoMember(): { userid: string; name: string; nickname: string } {
  const person = DEMO_PEOPLE.find((candidate) => candidate.preBound && candidate.user);
  if (!person?.user) throw new Error('the demo has no member linked in advance');
  return { userid: person.member.userid, name: person.member.name, nickname: person.user.nickname };
}

const camera = new Camera(WALKTHROUGH_OUT);
let failed = false;

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => camera.clear());

// biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern for the fixtures argument
test.afterEach(({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) failed = true;
});

test.afterAll(({ demo }) => {
  // Only a whole run gets a README; after a failure the shots so far stay, and Playwright's report says why.
  if (!failed) camera.writeReadme(demo);
});

/**
 * NocoBase greets every signed-out visit with "Unauthenticated. Please sign in to continue." (its own 401 toast,
 * gone after 4.5 s); the shots show the page as it stays, without it.
 */
async function untilToastsFade(page: Page): Promise<void> {
  await expect(page.locator('.ant-notification-notice')).toHaveCount(0, { timeout: 15_000 });
}

/** NocoBase's user menu, which names who is signed in. */
async function openUserMenu(page: Page, nickname: string): Promise<void> {
  await page.getByLabel('user', { exact: true }).first().hover();
  await expect(page.getByText(nickname, { exact: true }).first()).toBeVisible();
}

test('on a desktop: "Sign in with WeCom", the QR page, signed in', async ({ demo, contexts }) => {
  const linked = linkedDemoMember();
  const page = await (await contexts.desktop(DESKTOP)).newPage();
  await page.goto(`${demo.appUrl}/signin`);
  const button = page.getByTestId('wecom-sign-in');
  await expect(button).toBeVisible();
  await untilToastsFade(page);
  await camera.shoot(
    page,
    'desktop-signin',
    'Desktop browser, NocoBase\'s sign-in page: the "WeCom" button (the authenticator\'s title) under the password form.',
  );

  await button.click();
  const scan = page.locator(`#wecom-scan-${linked.userid}`);
  await expect(scan).toBeVisible();
  await camera.shoot(
    page,
    'desktop-qr-page',
    "The click goes to WeCom's web login; the sandbox stands in for the QR code with one button per member.",
    `the sandbox: "scan as" ${linked.name} (${linked.userid})`,
  );

  await scan.click();
  await expect(page).toHaveURL(`${demo.appUrl}/admin`);
  expect((await signedInUser(page, demo)).nickname).toBe(linked.nickname);
  await openUserMenu(page, linked.nickname);
  await camera.shoot(
    page,
    'desktop-signed-in',
    `${linked.name} was linked before, so the scan signs him in at once: back on /admin as ${linked.nickname} (user menu open).`,
    `signed in as ${linked.nickname}`,
  );
});

test('in the WeCom client: the first sign-in (consent, the password of an admin account), then a returning one', async ({
  demo,
  admin,
  people,
  contexts,
}) => {
  const deepLink = `${demo.appUrl}${DEEP_LINK}`;
  const newcomer = await people.create({
    member: { name: '陈静', position: '运营' },
    nickname: 'Chen Jing',
    // Admin, so that NocoBase's ACL lets her stay on the settings page the deep link opens.
    roles: ['admin'],
    password: NEWCOMER_PASSWORD,
  });
  const { member } = newcomer;
  const nickname = newcomer.user?.nickname ?? '';

  const page = await (await contexts.weCom(member, PHONE)).newPage();
  await page.goto(deepLink);
  await expect(page.locator('#wecom-consent-allow')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('scope')).toBe('snsapi_privateinfo');
  await camera.shoot(
    page,
    'wecom-first-consent',
    `WeCom app, first time: ${member.name} opened a deep link; WeCom asks once to share the phone number (snsapi_privateinfo).`,
    `the sandbox's consent page for ${member.name}`,
  );

  await page.locator('#wecom-consent-allow').click();
  // The phone is an admin's: never linked on the phone alone (README, "Linking by phone").
  await expect(page).toHaveURL(`${demo.appUrl}/api/wecom:confirmLink`);
  await expect(page.getByRole('heading', { name: 'Link your WeCom account' })).toBeVisible();
  expect(await admin.bindings({ authenticator: demo.authenticator, uuid: member.userid })).toEqual([]);
  await camera.shoot(
    page,
    'wecom-confirm-link',
    `The phone matches "${nickname}", an admin's account, which a phone number alone never links: the plugin's own page asks for that account's password, once.`,
    'the plugin’s confirmation page; no session yet, nothing linked',
  );

  await page.locator('#password').fill(NEWCOMER_PASSWORD);
  await page.getByRole('button', { name: 'Link and sign in' }).click();
  await expect(page).toHaveURL(deepLink);
  expect((await signedInUser(page, demo)).nickname).toBe(nickname);
  await expect(page.getByText('System settings').first()).toBeVisible();
  expect(await admin.bindings({ authenticator: demo.authenticator, uuid: member.userid })).toEqual([
    { authenticator: demo.authenticator, uuid: member.userid, userId: newcomer.user?.id },
  ]);
  await camera.shoot(
    page,
    'wecom-first-landing',
    `With the password, linked by phone to "${nickname}" and landed on the deep link itself (${DEEP_LINK}).`,
    `signed in as ${nickname}`,
  );

  const again = await (await contexts.weCom(member, PHONE)).newPage();
  const asked: string[] = [];
  again.on('request', (request) => {
    const url = request.url();
    if (url.includes('snsapi_privateinfo') || url.includes('wecom:confirmLink')) asked.push(url);
  });
  await again.goto(deepLink);
  await expect(again).toHaveURL(deepLink);
  expect((await signedInUser(again, demo)).nickname).toBe(nickname);
  await expect(again.getByText('System settings').first()).toBeVisible();
  expect(asked, 'the returning sign-in asked for consent or the password').toEqual([]);
  await camera.shoot(
    again,
    'wecom-returning',
    `Returning, in a fresh webview: straight to the page, signed in as "${nickname}", no consent page, no password.`,
    `signed in as ${nickname}, WeCom asked nothing`,
  );
});

test('in the WeCom client: a sign-in that fails says why and stays on the sign-in page', async ({
  demo,
  people,
  authSettings,
  contexts,
  sandboxCalls,
}) => {
  await authSettings.update({ autoSignup: false });
  const { member } = await people.create({ user: false, member: { name: '周敏', position: '运营' } });
  const page = await (await contexts.weCom(member, PHONE)).newPage();
  await page.goto(`${demo.appUrl}/admin`);
  await page.locator('#wecom-consent-allow').click();
  // snsapi_base, then the consent that gave the phone number; none after the failure, however long the page is open.
  await expectFailureShownWithoutLoop(page, sandboxCalls, {
    code: 'USER_NOT_FOUND',
    message: SIGN_IN_MESSAGES.USER_NOT_FOUND,
    authorizeCalls: 2,
  });
  await untilToastsFade(page);
  await camera.shoot(
    page,
    'wecom-error',
    `${member.name}'s phone matches no NocoBase user and sign-up is off: the sign-in page says so (USER_NOT_FOUND), and stays there.`,
    'no loop back to WeCom',
  );
});

test('an admin: the WeCom authenticator form, its homepage link and "Check configuration"', async ({
  demo,
  admin,
  contexts,
}) => {
  const name = 'wecom_hq';
  const page = await (await contexts.desktop(ADMIN_DESKTOP)).newPage();
  await signInWithPassword(page, demo, AUTHENTICATORS_PATH);
  await page.getByRole('button', { name: 'Add new' }).click();
  await page.getByRole('menuitem', { name: 'WeCom' }).click();
  const drawer = authenticatorDrawer(page);
  await formInput(drawer, 'Auth UID').fill(name);
  await formInput(drawer, 'Title').fill('WeCom (HQ)');
  await formInput(drawer, 'Corp ID').fill(DEMO_CORP_ID);
  await formInput(drawer, 'AgentId').fill(String(DEMO_WECOM_APP.agentId));
  await formInput(drawer, 'Secret').fill(DEMO_WECOM_APP.secret);
  await formInput(drawer, 'Origin').fill(demo.appUrl);
  await formInput(drawer, 'API base URL').fill(demo.sandboxUrl);
  await formInput(drawer, 'OAuth base URL').fill(demo.sandboxUrl);
  await formInput(drawer, 'Web login base URL').fill(demo.sandboxUrl);
  const link = drawer.getByTestId('wecom-homepage-link');
  await expect(link).toHaveText(`${demo.appUrl}/api/wecom:authorize?authenticator=${name}&redirect=%2Fadmin`);
  const check = drawer.getByTestId('wecom-check');
  await check.getByRole('button', { name: 'Check configuration' }).click();
  await expect(check.locator('.ant-alert-success')).toHaveCount(3);
  await link.scrollIntoViewIfNeeded();
  await camera.shoot(
    page,
    'admin-form-check-passed',
    'Admin, Settings → Authentication → Add new → WeCom: the homepage link to paste into WeCom, and "Check configuration" passing.',
  );

  await formInput(drawer, 'Corp ID').fill('wwwrongcorp0001');
  await check.getByRole('button', { name: 'Check configuration' }).click();
  await expect(check.locator('.ant-alert-error').first()).toContainText(
    'WeCom answered 40013: it knows no company with this Corp ID. Check Corp ID',
  );
  await link.scrollIntoViewIfNeeded();
  await camera.shoot(
    page,
    'admin-form-check-failed',
    'The same form with a mistyped Corp ID: the check names the problem in plain words (40013). Nothing was saved.',
  );
  await drawer.getByRole('button', { name: 'Cancel' }).click();
  expect(await admin.authenticator(name)).toBeUndefined();
});
