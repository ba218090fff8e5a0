import type { Request } from '@playwright/test';
import {
  AUTHENTICATORS_PATH,
  authenticatorDrawer,
  formInput,
  formItem,
  signInWithPassword,
} from '../src/testing/admin-pages.ts';
import { uniqueSuffix } from '../src/testing/sandbox-members.ts';
import { expect, test } from './fixtures.ts';
import { recordResponseBodies } from './support/responses.ts';
import { addSandboxApp } from './support/sandbox-apps.ts';

/** A second self-built app in the sandbox corp, so the new authenticator has a secret no other test uses. */
const E2E_AGENT_ID = 1000003;
const SANDBOX_CORP_ID = 'wwsandbox0000001';

const CHECK_PASSED = [
  'WeCom accepted the Corp ID and the Secret.',
  'The app "E2E app" was found.',
  'The trusted domain matches Origin (127.0.0.1:',
];

test.describe('the WeCom authenticator in the admin pages', () => {
  test('an admin adds one, sees its homepage link, checks it against WeCom, saves and edits it; its secret never reaches the browser', async ({
    demo,
    admin,
    sandbox,
    contexts,
  }) => {
    const suffix = uniqueSuffix();
    const name = `e2e_${suffix}`;
    const secret = `e2e-secret-${suffix}`;
    await addSandboxApp(sandbox, demo.appUrl, { agentId: E2E_AGENT_ID, name: 'E2E app', secret });
    const context = await contexts.desktop();
    const responses = recordResponseBodies(context);
    try {
      const page = await context.newPage();
      await signInWithPassword(page, demo, AUTHENTICATORS_PATH);

      await test.step('add: the form, the homepage link, the check', async () => {
        await page.getByRole('button', { name: 'Add new' }).click();
        await page.getByRole('menuitem', { name: 'WeCom' }).click();
        const drawer = authenticatorDrawer(page);
        await formInput(drawer, 'Auth UID').fill(name);
        await formInput(drawer, 'Title').fill(`E2E WeCom ${suffix}`);
        await formInput(drawer, 'Enabled').check();
        await formInput(drawer, 'Corp ID').fill(SANDBOX_CORP_ID);
        await formInput(drawer, 'AgentId').fill(String(E2E_AGENT_ID));
        await formInput(drawer, 'Secret').fill(secret);
        await expect(drawer.getByTestId('wecom-homepage-link')).toHaveCount(0);
        await expect(drawer.getByText('Fill in Origin to see the link.')).toBeVisible();
        await formInput(drawer, 'Origin').fill(demo.appUrl);
        await formInput(drawer, 'Workbench redirect link').fill('/m');
        await formInput(drawer, 'API base URL').fill(demo.sandboxUrl);
        await formInput(drawer, 'OAuth base URL').fill(demo.sandboxUrl);
        await formInput(drawer, 'Web login base URL').fill(demo.sandboxUrl);
        // The link follows the form as it is typed: this authenticator's name, the redirect link.
        await expect(drawer.getByTestId('wecom-homepage-link')).toHaveText(
          `${demo.appUrl}/api/wecom:authorize?authenticator=${name}&redirect=%2Fm`,
        );

        await drawer.getByRole('button', { name: 'Check configuration' }).click();
        const findings = drawer.getByTestId('wecom-check').locator('.ant-alert');
        await expect(findings).toHaveCount(CHECK_PASSED.length);
        for (const [index, text] of CHECK_PASSED.entries()) {
          await expect(findings.nth(index)).toContainText(text);
          await expect(findings.nth(index)).toHaveClass(/ant-alert-success/);
        }
      });

      await test.step('save: refused while "wecom" already signs in automatically, saved without it', async () => {
        const drawer = authenticatorDrawer(page);
        await formItem(drawer, 'Sign in automatically in the WeCom client').locator('input').check();
        await drawer.getByRole('button', { name: 'Submit' }).click();
        await expect(page.locator('.ant-notification, .ant-message')).toContainText(
          `Only one WeCom authenticator may sign in automatically, and "${demo.authenticator}" already does.`,
        );
        await expect(drawer).toBeVisible();
        expect(await admin.authenticator(name)).toBeUndefined();

        await formItem(drawer, 'Sign in automatically in the WeCom client').locator('input').uncheck();
        // NocoBase's Submit sometimes drops the first click after a refused save (no request goes out), as a
        // person would see and click again; so click until the save request is sent, and that one must succeed.
        let save: Request | undefined;
        await expect(async () => {
          const sent = page.waitForRequest((request) => request.url().includes('/api/authenticators:create'), {
            timeout: 5_000,
          });
          await drawer.getByRole('button', { name: 'Submit' }).click();
          save = await sent;
        }).toPass({ timeout: 30_000 });
        expect((await save?.response())?.status()).toBe(200);
        await expect(drawer).toBeHidden();
        await expect(page.locator('tr', { hasText: name })).toBeVisible();
      });

      await test.step('the saved authenticator, read back through the API', async () => {
        const saved = await admin.authenticator(name);
        expect(saved).toMatchObject({ authType: 'wecom', title: `E2E WeCom ${suffix}`, enabled: true });
        expect(saved?.options).toMatchObject({
          corpId: SANDBOX_CORP_ID,
          agentId: String(E2E_AGENT_ID),
          origin: demo.appUrl,
          redirectPath: '/m',
          apiBaseUrl: demo.sandboxUrl,
          oauthBaseUrl: demo.sandboxUrl,
          loginBaseUrl: demo.sandboxUrl,
          // Read back blank, but saved: the check with an empty secret uses the stored one.
          secret: '',
          secretSaved: true,
        });
        expect(saved?.options.autoLogin ?? false).toBe(false);
        expect((await admin.checkConfig(name, { ...saved?.options, secret: '' })).ok).toBe(true);
      });

      await test.step('edit: an empty secret keeps the saved one; a wrong Corp ID is reported as 40013', async () => {
        await page.locator('tr', { hasText: name }).getByText('Configure').click();
        const drawer = authenticatorDrawer(page);
        await expect(formInput(drawer, 'Secret')).toHaveValue('');
        // Soft, so that the rest of the edit is still checked when only the hint is missing.
        await expect
          .soft(formInput(drawer, 'Secret'), 'the secret field says a secret is saved')
          .toHaveAttribute('placeholder', 'Saved. Leave empty to keep it.', { timeout: 5_000 });
        await drawer.getByRole('button', { name: 'Check configuration' }).click();
        await expect(drawer.getByTestId('wecom-check').locator('.ant-alert-success')).toHaveCount(CHECK_PASSED.length);
        await formInput(drawer, 'Title').fill(`E2E WeCom ${suffix} (edited)`);
        await drawer.getByRole('button', { name: 'Submit' }).click();
        await expect(drawer).toBeHidden();
        const edited = await admin.authenticator(name);
        expect(edited?.title).toBe(`E2E WeCom ${suffix} (edited)`);
        expect((await admin.checkConfig(name, { ...edited?.options, secret: '' })).ok, 'the secret was kept').toBe(
          true,
        );

        await page.locator('tr', { hasText: name }).getByText('Configure').click();
        await formInput(drawer, 'Corp ID').fill('wwwrongcorp0001');
        await drawer.getByRole('button', { name: 'Check configuration' }).click();
        const refusal = drawer.getByTestId('wecom-check').locator('.ant-alert-error');
        await expect(refusal.first()).toContainText(
          'WeCom answered 40013: it knows no company with this Corp ID. Check Corp ID',
        );
        await drawer.getByRole('button', { name: 'Cancel' }).click();
        expect((await admin.authenticator(name))?.options.corpId).toBe(SANDBOX_CORP_ID);
      });

      await test.step('the secret never reached the browser', async () => {
        expect(responses.count()).toBeGreaterThan(50);
        expect(await responses.containing(secret), 'responses whose body holds the secret').toEqual([]);
        // Nor does the public list of authenticators, which every sign-in page reads.
        const publicList = await fetch(`${demo.appUrl}/api/authenticators:publicList`).then((answer) => answer.text());
        expect(publicList).toContain(name);
        expect(publicList).not.toContain(secret);
      });
    } finally {
      await admin.deleteAuthenticator(name);
    }
  });
});
