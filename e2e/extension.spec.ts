import type { Page } from '@playwright/test';
import { WECOM_LOGIN_ORIGIN } from '../src/sdk-shim/web-login.ts';
import { type ExtensionBrowser, registeredContentScripts, waitForContentScript } from '../src/testing/extension.ts';
import { HttpBrowser, USER_AGENTS } from '../src/testing/http-browser.ts';
import {
  MODERN_SHELL,
  recordNavigations,
  SIGN_IN_MESSAGES,
  scanOnWebLoginPage,
  signedInUser,
  storedSession,
} from './fixtures.ts';
import type { DemoInfo } from './support/demo-info.ts';
import {
  ENTRY,
  enMessage,
  expect,
  openOptions,
  popupOver,
  seedStoredConfig,
  storedConfig,
  stubPluginClient,
  tabReach,
  test,
} from './support/extension.ts';
import { routeWeComLoginHost } from './support/wecom-hosts.ts';

/** The sandbox's web-login (QR) page: one load per trip to WeCom from a desktop browser. */
const WEB_LOGIN_PATH = '/wwlogin/sso/login';
/** A document on NocoBase's origin that is not one of its pages (its health check, plain text). */
const PLAIN_APP_DOCUMENT = '/api/__health_check';
/** How long a page must stay put to count as "does not loop" (as in fixtures.ts): longer than a trip to WeCom. */
const NO_LOOP_WATCH_MS = 4_000;

/** NocoBase's password form, which the signed-out sign-in page always shows. */
function passwordForm(page: Page) {
  return page.getByPlaceholder('Username/Email');
}

test.describe('the browser extension', () => {
  test('on a site that is not configured, nothing is injected and no host access is held (store build)', async ({
    demo,
    launchExtension,
  }) => {
    const browser = await launchExtension({ build: 'store' });
    const worker = await browser.serviceWorker();
    const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
    // Nothing asked for at install: no site, no static content script, nothing a page could probe for.
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
    expect((await worker.evaluate(() => chrome.permissions.getAll())).origins).toEqual([]);

    const page = await browser.context.newPage();
    // Without the plugin's client, so that a content script, were there one, would add its entry here.
    await stubPluginClient(page.context());
    await page.goto(`${demo.appUrl}/signin`);
    await expect(passwordForm(page)).toBeVisible();
    const reach = await tabReach(browser, page);
    // The extension cannot even read the tab's address, has no script in it, and may not run one.
    expect(reach.url).toBeUndefined();
    expect(reach.contentScript).toMatchObject({ answered: false, error: /Receiving end does not exist/ });
    expect(reach.script).toMatchObject({ ran: false, error: /Cannot access/ });
    expect(await registeredContentScripts(worker)).toEqual([]);
    await expect(page.locator(ENTRY.host)).toHaveCount(0);

    // Configuring the site is not granting it: until Chrome's prompt is accepted (a click no test can give), the
    // options page says so and still nothing runs there, auto-start or not.
    await seedStoredConfig(browser, {
      version: 1,
      origins: [{ origin: demo.appUrl, authenticator: '', autoStart: true }],
    });
    const options = await openOptions(browser);
    const row = options.locator('li.origin', { hasText: demo.appUrl });
    await expect(row.getByText(enMessage('access_missing'))).toBeVisible();
    await expect(row.getByRole('button', { name: enMessage('button_grant') })).toBeVisible();
    await page.reload();
    await expect(passwordForm(page)).toBeVisible();
    expect(await registeredContentScripts(worker)).toEqual([]);
    expect((await tabReach(browser, page)).contentScript).toMatchObject({ answered: false });
    await expect(page.locator(ENTRY.host)).toHaveCount(0);
    expect(new URL(page.url()).pathname).toBe('/signin');
  });

  test('the IT build has access to its pinned site and no other, and adds nothing beside the plugin’s own button', async ({
    demo,
    launchExtension,
  }) => {
    const browser = await launchExtension({ build: 'it' });
    const worker = await browser.serviceWorker();
    const pattern = `${demo.appUrl}/*`;
    expect((await worker.evaluate(() => chrome.permissions.getAll())).origins).toEqual([pattern]);
    await waitForContentScript(browser, demo.appUrl);
    expect(await registeredContentScripts(worker)).toEqual([
      { id: 'nocobase-wecom-sign-in', matches: [pattern], js: ['src/content/index.js'] },
    ]);

    // The pinned site: the content script is there and answers; the plugin's own button is on the page, so the
    // extension adds no second one, on either shell.
    const app = await browser.context.newPage();
    for (const path of ['/signin', MODERN_SHELL.signInPath]) {
      await app.goto(`${demo.appUrl}${path}`);
      await expect(app.getByTestId('wecom-sign-in')).toBeVisible();
      const reach = await tabReach(browser, app);
      expect(reach.url).toBe(app.url());
      expect(reach.contentScript).toEqual({ answered: true, reply: { ok: true, value: { signedIn: false } } });
      // Time for the content script's next look at the page, which follows every change of the DOM.
      await app.waitForTimeout(1_000);
      await expect(app.locator(ENTRY.host)).toHaveCount(0);
      await expect(app.getByTestId('wecom-sign-in')).toHaveCount(1);
    }

    // Any other site, here the sandbox's origin: no address, no script, no access.
    const other = await browser.context.newPage();
    await other.goto(`${demo.sandboxUrl}/not-a-page`);
    const elsewhere = await tabReach(browser, other);
    expect(elsewhere.url).toBeUndefined();
    expect(elsewhere.contentScript).toMatchObject({ answered: false, error: /Receiving end does not exist/ });
    expect(elsewhere.script).toMatchObject({ ran: false, error: /Cannot access/ });
  });

  test('a managed policy is applied and shown locked, and a change to it applies without a restart', async ({
    demo,
    launchExtension,
  }) => {
    const origin = demo.appUrl;
    const browser = await launchExtension({
      build: 'it',
      policy: {
        origins: [{ origin, authenticator: demo.authenticator, autoStart: false }],
        allowUserOrigins: false,
        // Not in managed-schema.json: Chrome drops it before the extension sees the policy.
        notInTheSchema: true,
      },
    });
    const worker = await browser.serviceWorker();
    expect(await worker.evaluate(() => chrome.storage.managed.get(null))).toEqual({
      origins: [{ origin, authenticator: demo.authenticator, autoStart: false }],
      allowUserOrigins: false,
    });

    const options = await openOptions(browser);
    await expect(options.getByText(enMessage('options_policy_line'))).toBeVisible();
    const row = options.locator('li.origin', { hasText: origin });
    await expect(row.locator('.origin-head').getByText(enMessage('badge_policy'))).toBeVisible();
    const authenticator = row.getByLabel(enMessage('field_authenticator'));
    const autoStart = row.getByLabel(enMessage('label_autoStart'));
    await expect(authenticator).toHaveValue(demo.authenticator);
    await expect(authenticator).toBeDisabled();
    await expect(autoStart).not.toBeChecked();
    await expect(autoStart).toBeDisabled();
    await expect(row.getByRole('button', { name: enMessage('button_remove') })).toHaveCount(0);
    // IT allows only its own sites: no form to add one.
    await expect(options.getByText(enMessage('options_user_origins_locked'))).toBeVisible();
    await expect(options.locator('form.add')).toHaveCount(0);

    // The page only shows the locks; the service worker enforces them, with a message naming the site and setting.
    const refusals = await options.evaluate(
      async ({ origin, name }) => {
        const changed = await chrome.runtime.sendMessage({
          type: 'config:save',
          origins: [{ origin, authenticator: 'another', autoStart: false }],
        });
        const added = await chrome.runtime.sendMessage({
          type: 'config:save',
          origins: [
            { origin, authenticator: name, autoStart: false },
            { origin: 'https://own.example', authenticator: '', autoStart: false },
          ],
        });
        return { changed, added };
      },
      { origin, name: demo.authenticator },
    );
    expect(refusals.changed).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIG_REFUSED',
        message: enMessage('error_LOCKED_FIELD', [origin, enMessage('field_authenticator')]),
      },
    });
    expect(refusals.added).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_REFUSED', message: enMessage('error_USER_ORIGINS_NOT_ALLOWED', ['https://own.example']) },
    });
    expect(await storedConfig(browser)).toBeUndefined();

    // IT changes its policy while the browser runs: auto-start locked on, the authenticator left to the person,
    // own sites allowed. The open page follows, with no reload and no restart.
    const changedAt = Date.now();
    browser.setPolicy({ origins: [{ origin, autoStart: true }], allowUserOrigins: true });
    await expect(autoStart).toBeChecked({ timeout: 45_000 });
    test.info().annotations.push({ type: 'policy change applied after', description: `${Date.now() - changedAt} ms` });
    await expect(autoStart).toBeDisabled();
    await expect(authenticator).toBeEnabled();
    await expect(authenticator).toHaveValue('');
    await expect(options.locator('form.add')).toBeVisible();
    await expect(options.getByText(enMessage('options_user_origins_locked'))).toHaveCount(0);
    expect(await worker.evaluate(() => chrome.storage.managed.get(null))).toEqual({
      origins: [{ origin, autoStart: true }],
      allowUserOrigins: true,
    });
  });

  test('the options page saves, tests, and rejects bad input with a clear message', async ({
    demo,
    admin,
    launchExtension,
  }) => {
    const origin = demo.appUrl;
    const browser = await launchExtension({ build: 'it' });
    const options = await openOptions(browser);
    const row = options.locator('li.origin', { hasText: origin });
    // The IT build's site: built in, with access, not removable.
    await expect(row.getByText(enMessage('badge_build'))).toBeVisible();
    await expect(row.getByText(enMessage('access_missing'))).toHaveCount(0);
    await expect(row.getByRole('button', { name: enMessage('button_remove') })).toHaveCount(0);
    const authenticator = row.getByLabel(enMessage('field_authenticator'));
    const autoStart = row.getByLabel(enMessage('label_autoStart'));
    const save = row.getByRole('button', { name: enMessage('button_save') });
    await expect(save).toBeDisabled();

    // Test asks the real NocoBase: the plugin is there and the authenticator is enabled.
    const configured = await admin.authenticator(demo.authenticator);
    await authenticator.fill(demo.authenticator);
    await row.getByRole('button', { name: enMessage('button_test') }).click();
    await expect(row.locator('.notice.ok')).toHaveText(
      enMessage('test_OK', [configured?.title || demo.authenticator, demo.authenticator]),
    );
    await authenticator.fill('no-such-authenticator');
    await row.getByRole('button', { name: enMessage('button_test') }).click();
    await expect(row.locator('.notice.error')).toHaveText(
      enMessage('test_AUTHENTICATOR_NOT_FOUND', ['no-such-authenticator', demo.authenticator]),
    );

    // Saved, in chrome.storage.sync with its version, and there after a reload.
    await authenticator.fill(demo.authenticator);
    await autoStart.check();
    await save.click();
    await expect(row.locator('.notice.info')).toHaveText(enMessage('status_saved'));
    expect(await storedConfig(browser)).toEqual({
      version: 1,
      origins: [{ origin, authenticator: demo.authenticator, autoStart: true }],
    });
    await options.reload();
    await expect(authenticator).toHaveValue(demo.authenticator);
    await expect(autoStart).toBeChecked();

    // Refused by the service worker, saying why; nothing stored.
    await authenticator.fill('two words');
    await save.click();
    await expect(row.locator('.notice.error')).toHaveText(
      enMessage('error_ENTRY_INVALID', [origin, '', enMessage('problem_AUTHENTICATOR_INVALID')]),
    );
    expect(await storedConfig(browser)).toEqual({
      version: 1,
      origins: [{ origin, authenticator: demo.authenticator, autoStart: true }],
    });

    // Refused on the page before Chrome is asked for anything.
    const form = options.locator('form.add');
    const address = form.getByLabel(enMessage('label_origin'));
    const add = form.getByRole('button', { name: enMessage('button_add') });
    const pageNotice = options.locator('main > .notice.error');
    for (const [typed, problem] of [
      ['http://intranet.example', 'problem_ORIGIN_INSECURE'],
      ['https://nocobase.example.com/admin', 'problem_ORIGIN_HAS_PATH'],
    ] as const) {
      await address.fill(typed);
      await add.click();
      await expect(pageNotice).toHaveText(enMessage(problem));
    }
    // The same site twice: access is already granted, so no prompt; the worker refuses the duplicate.
    await address.fill(`${origin}/`);
    await add.click();
    await expect(row.locator('.notice.error')).toHaveText(enMessage('error_ORIGIN_DUPLICATE', [origin]));
    await expect(options.locator('li.origin')).toHaveCount(1);
  });

  test('values stored by other releases: a newer one is read as far as it goes, one it cannot migrate is left alone', async ({
    demo,
    launchExtension,
  }) => {
    const browser = await launchExtension({ build: 'it' });
    // Written by a newer release on another of the person's browsers: version 2, with a field this one lacks.
    const newer = {
      version: 2,
      origins: [
        { origin: 'https://ERP.example/', authenticator: 'corp', autoStart: true, colour: 'blue' },
        { origin: 'http://intranet.example' },
      ],
      theme: 'dark',
    };
    await seedStoredConfig(browser, newer);
    const options = await openOptions(browser);
    const erp = options.locator('li.origin', { hasText: 'https://erp.example' });
    await expect(erp.getByLabel(enMessage('field_authenticator'))).toHaveValue('corp');
    await expect(erp.getByLabel(enMessage('label_autoStart'))).toBeChecked();
    // Not this release's to grant without a click, and the insecure entry is dropped.
    await expect(erp.getByText(enMessage('access_missing'))).toBeVisible();
    await expect(options.locator('li.origin')).toHaveCount(2);
    // Reading it did not write it back in an older shape.
    expect(await storedConfig(browser)).toEqual(newer);

    // A value from before versioning (version 0) that no migration reads: ignored, and kept for the release that
    // can read it, rather than overwritten.
    const unversioned = { sites: ['https://legacy.example'] };
    await seedStoredConfig(browser, unversioned);
    await expect(options.locator('li.origin')).toHaveCount(1);
    await expect(options.locator('li.origin', { hasText: demo.appUrl })).toBeVisible();
    expect(await storedConfig(browser)).toEqual(unversioned);
  });

  test('a value stored before versioning is migrated once and written back (a build with a made-up migration)', async ({
    demo,
    migrationBuild,
    launchExtension,
  }) => {
    // The extension has no older shape yet: this build migrates `{ sites: string[] }` to version 1, as the unit
    // test does, so that the real storage, worker and page are seen doing it (support/build-migration-extension.mts).
    const browser = await launchExtension({ build: { directory: migrationBuild } });
    const worker = await browser.serviceWorker();
    await worker.evaluate(() => {
      const writes: unknown[] = [];
      Object.assign(globalThis, { syncWrites: writes });
      chrome.storage.onChanged.addListener((changes, area) => {
        if (area === 'sync' && changes.config) writes.push(changes.config.newValue);
      });
    });
    const old = { sites: [demo.appUrl, 'https://erp.example'] };
    await seedStoredConfig(browser, old);
    const options = await openOptions(browser);
    await expect(options.locator('li.origin')).toHaveCount(2);
    await expect(options.locator('li.origin', { hasText: 'https://erp.example' })).toBeVisible();
    const migrated = { version: 1, origins: [{ origin: demo.appUrl }, { origin: 'https://erp.example' }] };
    expect(await storedConfig(browser)).toEqual(migrated);
    // Read again (a reload, the popup, the worker's own events): not migrated, nor written, a second time.
    await options.reload();
    await expect(options.locator('li.origin')).toHaveCount(2);
    const writes = await worker.evaluate(() => (globalThis as unknown as { syncWrites: unknown[] }).syncWrites);
    expect(writes).toEqual([old, migrated]);
  });

  test('the popup says whether the tab is a configured site and whether it is signed in', async ({
    demo,
    people,
    launchExtension,
  }) => {
    const { browser, app } = await onPinnedSignInPage(await launchExtension({ build: 'it' }), demo);

    const popup = await popupOver(browser, app);
    await expect(popup.locator('.tab-line')).toHaveText(enMessage('popup_configured', [demo.appUrl]));
    await expect(popup.getByText(enMessage('popup_signed_out'))).toBeVisible();
    await expect(popup.getByRole('button', { name: enMessage('popup_sign_in') })).toBeVisible();

    // Signed in (a session NocoBase itself issued, stored as its client stores it).
    const person = await people.create({ bound: true });
    await storeIssuedSession(app, demo, person.member.userid);
    await app.goto(`${demo.appUrl}/admin`);
    await expect(app.locator('header.ant-pro-layout-header')).toBeVisible();
    await app.bringToFront();
    await popup.reload();
    await expect(popup.locator('.tab-line')).toHaveText(enMessage('popup_configured', [demo.appUrl]));
    await expect(popup.getByText(enMessage('popup_signed_in'))).toBeVisible();
    await expect(popup.getByRole('button', { name: enMessage('popup_sign_in') })).toHaveCount(0);

    // Another site: without host access (nor activeTab, which only the toolbar click grants) the extension cannot
    // read its address, so the popup claims nothing about it and offers no sign-in.
    const other = await browser.context.newPage();
    await other.goto(`${demo.sandboxUrl}/not-a-page`);
    await other.bringToFront();
    await popup.reload();
    await expect(popup.locator('.tab-line')).toHaveText(enMessage('popup_no_site'));
    await expect(popup.getByRole('button', { name: enMessage('popup_sign_in') })).toHaveCount(0);
  });

  test('the popup’s "Sign in with WeCom" signs the tab in', async ({ demo, people, launchExtension }) => {
    const person = await people.create({ bound: true });
    const { browser, app } = await onPinnedSignInPage(await launchExtension({ build: 'it' }), demo);

    const popup = await popupOver(browser, app);
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: enMessage('popup_sign_in') }).click();
    // A started sign-in closes the popup, and the tab goes to WeCom's QR page (the sandbox's).
    await closed;
    await scanOnWebLoginPage(app, demo, person.member.userid);
    const user = await signedInUser(app, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(app).toHaveURL(`${demo.appUrl}/admin`);
  });

  test('where the plugin’s client is missing, the entry appears on /signin and /v/signin, and QR sign-in lands on the deep link', async ({
    demo,
    people,
    launchExtension,
  }) => {
    const person = await people.create({ bound: true, roles: ['admin'] });
    const browser = await launchExtension({ build: 'it' });
    await stubPluginClient(browser.context);
    await waitForContentScript(browser, demo.appUrl);
    const page = await browser.context.newPage();

    // The /v/ shell's sign-in page: the entry after NocoBase's form, in a shadow root of its own.
    await page.goto(`${demo.appUrl}${MODERN_SHELL.signInPath}`);
    await expect(passwordForm(page)).toBeVisible();
    await expectEntryAfterForm(page);

    // A deep link of the classic shell without a session: NocoBase sends it to /signin, the entry is there, and
    // the sign-in comes back to the deep link.
    const deepLink = '/admin/settings/system-settings?x=1';
    await page.goto(`${demo.appUrl}${deepLink}`);
    await expect(page).toHaveURL((url) => url.pathname === '/signin');
    await expect(passwordForm(page)).toBeVisible();
    await expectEntryAfterForm(page);
    await expect(page.getByTestId('wecom-sign-in')).toHaveCount(0);
    await page.getByTestId(ENTRY.button).click();
    await scanOnWebLoginPage(page, demo, person.member.userid);
    const user = await signedInUser(page, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(page).toHaveURL(`${demo.appUrl}${deepLink}`);
    await expect(page.locator(ENTRY.host)).toHaveCount(0);
  });

  test('with WeCom’s own login host, the entry opens WeCom’s embedded panel, and scanning in it signs the page in', async ({
    demo,
    people,
    authSettings,
    launchExtension,
  }) => {
    const person = await people.create({ bound: true });
    await authSettings.update({ loginBaseUrl: WECOM_LOGIN_ORIGIN });
    const browser = await launchExtension({ build: 'it' });
    await stubPluginClient(browser.context);
    // The only host @wecom/jssdk embeds; this browser reaches the sandbox under its name.
    await routeWeComLoginHost(browser.context, demo.sandboxUrl);
    await waitForContentScript(browser, demo.appUrl);
    const page = await browser.context.newPage();
    const navigations = recordNavigations(page);
    await page.goto(`${demo.appUrl}/signin`);
    await expectEntryAfterForm(page);

    // The panel's code is injected only now, by the service worker, into the content script's world.
    await page.getByTestId(ENTRY.button).click();
    await expect(page.getByTestId(ENTRY.overlay)).toBeVisible();
    const iframe = page.getByTestId(ENTRY.panel).locator(`iframe[src^="${WECOM_LOGIN_ORIGIN}/wwlogin/sso/login?"]`);
    await expect(iframe).toBeVisible();
    const src = new URL((await iframe.getAttribute('src')) ?? '');
    expect(src.searchParams.get('redirect_type')).toBe('top');
    expect(src.searchParams.get('redirect_uri')).toBe(`${demo.appUrl}/api/wecom:redirect`);
    expect(new URL(page.url()).pathname).toBe('/signin');

    await page
      .frameLocator(`[data-testid="${ENTRY.panel}"] iframe`)
      .locator(`#wecom-scan-${person.member.userid}`)
      .click();
    const user = await signedInUser(page, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(page).toHaveURL(`${demo.appUrl}/admin`);
    // The top page went from the sign-in page to the callback; WeCom's page was only ever in the iframe.
    expect(navigations.requests.some((url) => url.startsWith(WECOM_LOGIN_ORIGIN))).toBe(false);
  });

  test('auto-start signs in again once the session is gone, and does not loop when WeCom refuses', async ({
    demo,
    people,
    launchExtension,
    sandboxCalls,
  }) => {
    const person = await people.create({ bound: true, roles: ['admin'] });
    const browser = await launchExtension({ build: 'it' });
    await seedStoredConfig(browser, {
      version: 1,
      origins: [{ origin: demo.appUrl, authenticator: demo.authenticator, autoStart: true }],
    });
    await waitForContentScript(browser, demo.appUrl);

    // Signed in as the person (a session NocoBase issued), on a deep link: auto-start has nothing to do.
    const page = await browser.context.newPage();
    // A document of the app's origin that is no sign-in page, where auto-start does nothing.
    await page.goto(`${demo.appUrl}${PLAIN_APP_DOCUMENT}`);
    // The HTTP sign-in goes through the QR page too: count the trips from after it.
    await storeIssuedSession(page, demo, person.member.userid);
    const before = await sandboxCalls.count(WEB_LOGIN_PATH);
    const trips = async (): Promise<number> => (await sandboxCalls.count(WEB_LOGIN_PATH)) - before;
    const deepLink = '/admin/settings/system-settings?y=2';
    await page.goto(`${demo.appUrl}${deepLink}`);
    await expect(page.locator('header.ant-pro-layout-header')).toBeVisible();
    expect(await trips()).toBe(0);

    // The session goes (expired, or signed out elsewhere): NocoBase sends the deep link to its sign-in page, and
    // auto-start takes it to WeCom at once; the person confirms, and lands back on the deep link.
    await page.evaluate(() => window.localStorage.removeItem('NOCOBASE_TOKEN'));
    await page.reload();
    await scanOnWebLoginPage(page, demo, person.member.userid);
    const user = await signedInUser(page, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(page).toHaveURL(`${demo.appUrl}${deepLink}`);
    expect(await trips()).toBe(1);
    await page.close();

    // WeCom refuses this time (the person denies on WeCom's page): the sign-in page says why, in the extension's own
    // entry (the plugin's client is left out from here on), and stays, now and a minute later.
    await stubPluginClient(browser.context);
    const refusedPage = await browser.context.newPage();
    await refusedPage.goto(`${demo.appUrl}${PLAIN_APP_DOCUMENT}`);
    await refusedPage.evaluate(() => window.localStorage.clear());
    await refusedPage.goto(`${demo.appUrl}/admin`);
    await expect(refusedPage).toHaveURL(new RegExp(`^${demo.sandboxUrl}${WEB_LOGIN_PATH}\\?`));
    await refusedPage.locator('#wecom-scan-deny').click();
    await expect(refusedPage).toHaveURL(
      (url) => url.pathname === '/signin' && url.searchParams.get('error') === 'ACCESS_DENIED',
    );
    await expect(refusedPage.getByTestId(ENTRY.error)).toHaveText(SIGN_IN_MESSAGES.ACCESS_DENIED);
    await expect(refusedPage.getByTestId(ENTRY.button)).toBeVisible();
    expect(await trips()).toBe(2);
    const settledAt = refusedPage.url();
    await refusedPage.waitForTimeout(NO_LOOP_WATCH_MS);
    expect(refusedPage.url(), 'the sign-in page stays where it is').toBe(settledAt);
    expect(await trips(), 'no further trip to WeCom').toBe(2);
    // The one-attempt-a-minute guard alone would pass that: forget the attempt, as a minute later would.
    await refusedPage.evaluate(() => window.sessionStorage.clear());
    await refusedPage.reload();
    await expect(refusedPage.getByTestId(ENTRY.error)).toHaveText(SIGN_IN_MESSAGES.ACCESS_DENIED);
    await refusedPage.waitForTimeout(NO_LOOP_WATCH_MS);
    expect(refusedPage.url(), 'still there a minute later').toBe(settledAt);
    expect(await trips(), 'no trip to WeCom a minute later').toBe(2);
    expect((await storedSession(refusedPage)).token || null).toBeNull();
  });
});

/** A tab of the IT build's browser on its pinned site's sign-in page, once the content script is registered there. */
async function onPinnedSignInPage(
  browser: ExtensionBrowser,
  demo: DemoInfo,
): Promise<{ browser: ExtensionBrowser; app: Page }> {
  await waitForContentScript(browser, demo.appUrl);
  const app = await browser.context.newPage();
  await app.goto(`${demo.appUrl}/signin`);
  await expect(passwordForm(app)).toBeVisible();
  return { browser, app };
}

/**
 * Signs `userid` in over HTTP (a session NocoBase itself issued, through the QR flow) and stores it in `page`, which
 * is on the app's origin, as NocoBase's client stores it.
 */
async function storeIssuedSession(page: Page, demo: DemoInfo, userid: string): Promise<void> {
  const signIn = await new HttpBrowser(demo.appUrl, USER_AGENTS.desktopChrome).signIn(demo.authenticator, {
    scanAs: userid,
  });
  if (!signIn.token) throw new Error(`the HTTP sign-in failed: ${signIn.hops.join(' → ')}`);
  await page.evaluate(
    ({ token, name }) => {
      window.localStorage.setItem('NOCOBASE_TOKEN', token);
      window.localStorage.setItem('NOCOBASE_AUTH', name);
    },
    { token: signIn.token, name: demo.authenticator },
  );
}

/** The extension's entry: right after NocoBase's sign-in form, its button inside an open shadow root. */
async function expectEntryAfterForm(page: Page): Promise<void> {
  const host = page.locator(ENTRY.host);
  await expect(host).toHaveCount(1);
  await expect(host).toHaveAttribute(ENTRY.placementAttribute, 'form');
  expect(await host.evaluate((element) => element.shadowRoot !== null && element.children.length === 0)).toBe(true);
  await expect(page.getByTestId(ENTRY.button)).toHaveText(enMessage('entry_sign_in'));
  await expect(page.getByTestId(ENTRY.button)).toBeVisible();
  expect(
    await host.evaluate((element) => {
      const form = element.previousElementSibling;
      return form !== null && (form.matches('form') || form.matches('.ant-tabs'));
    }),
  ).toBe(true);
}
