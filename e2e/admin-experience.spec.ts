import type { Locator, Page, Request } from '@playwright/test';
import {
  AUTHENTICATORS_PATH,
  authenticatorDrawer,
  formInput,
  formItem,
  signInWithPassword,
} from '../src/testing/admin-pages.ts';
import { uniqueSuffix } from '../src/testing/sandbox-members.ts';
import {
  CLASSIC_SHELL,
  expect,
  homepageLink,
  MODERN_SHELL,
  type Person,
  type Shell,
  signedInUser,
  test,
} from './fixtures.ts';
import type { DemoInfo } from './support/demo-info.ts';
import { recordResponseBodies } from './support/responses.ts';
import { addSandboxApp } from './support/sandbox-apps.ts';

/**
 * Issue 9, the admin's side of the plugin, in both of NocoBase's shells: the authenticator form (its rules, every
 * problem at once beside its field; the saved secret), "Check configuration" when WeCom cannot be reached or refuses,
 * and the linked members (list, search, unlink, link by hand).
 */

const SANDBOX_CORP_ID = 'wwsandbox0000001';

interface AdminShell extends Shell {
  label: string;
  authenticatorsPath: string;
  /** A self-built app of the sandbox corp of this shell's test alone, so its secret is the test's own. */
  agentId: number;
  /** An API base URL nothing answers at, and what the check must say about it. */
  unreachable: { apiBaseUrl: string; message: string };
}

const CLASSIC_ADMIN: AdminShell = {
  ...CLASSIC_SHELL,
  label: 'classic',
  authenticatorsPath: AUTHENTICATORS_PATH,
  agentId: 1000004,
  // Port 1 is one of the fetch standard's blocked ports: Node refuses it before connecting.
  unreachable: {
    apiBaseUrl: 'http://127.0.0.1:1',
    message:
      'Could not reach 127.0.0.1:1: its port may not be used for web requests. Check the API base URL under WeCom addresses (advanced).',
  },
};

const MODERN_ADMIN: AdminShell = {
  ...MODERN_SHELL,
  label: '/v/',
  authenticatorsPath: `/v${AUTHENTICATORS_PATH}`,
  agentId: 1000005,
  // A port below 1024 that nothing on this machine listens on: the connection is refused.
  unreachable: {
    apiBaseUrl: 'http://127.0.0.1:2',
    message:
      "Could not reach 127.0.0.1:2: the connection was refused (ECONNREFUSED). Check the API base URL under WeCom addresses (advanced), and this server's proxy.",
  },
};

const SHELLS: readonly AdminShell[] = [CLASSIC_ADMIN, MODERN_ADMIN];

/** The rules' messages (src/shared/settings-rules.ts) for the bad values the form test types. */
const BAD_VALUES = [
  { label: 'Corp ID', value: 'ww sandbox!', message: 'Corp ID is required and has only letters and digits' },
  { label: 'AgentId', value: '10000x4', message: 'AgentId is a number' },
  {
    label: 'Origin',
    value: 'https://nocobase.example.com/admin',
    message: 'Origin must look like https://nocobase.example.com',
  },
] as const;
const SECRET_REQUIRED = 'Secret is required';

const CHECK_PASSED = [
  'WeCom accepted the Corp ID and the Secret.',
  'The app "E2E admin app" was found.',
  'The trusted domain matches Origin (127.0.0.1:',
];

const WRONG_CORP_ID =
  "WeCom answered 40013: it knows no company with this Corp ID. Check Corp ID (WeCom's admin console: My company → Company information).";

/** How the list says a link was made (src/client/linked-members/display.ts). */
const LINKED_BY_PHONE = 'By phone number';
const LINKED_BY_ADMIN = 'By an administrator';

/**
 * Signs in as root with the password form of the shell, and opens its authenticators page. The `/v/` shell has a
 * sign-in page of its own, which sends a signed-out visitor back where they were going.
 */
async function openAuthenticators(page: Page, demo: DemoInfo, shell: AdminShell): Promise<void> {
  if (shell === CLASSIC_ADMIN) {
    await signInWithPassword(page, demo, shell.authenticatorsPath);
    return;
  }
  await page.goto(`${demo.appUrl}${shell.signInPath}?redirect=${encodeURIComponent(shell.authenticatorsPath)}`);
  await page.getByPlaceholder('Username/Email').fill(demo.root.account);
  await page.getByPlaceholder('Password').fill(demo.root.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${demo.appUrl}${shell.authenticatorsPath}`);
}

/** The authenticators table's row whose Auth UID is exactly `name`. */
function authenticatorRow(page: Page, name: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
}

async function addWeComAuthenticator(page: Page): Promise<Locator> {
  // A click hovers first, which opens the `/v/` shell's dropdown; the classic one opens on the click.
  await page.getByRole('button', { name: 'Add new' }).click();
  await page.getByRole('menuitem', { name: 'WeCom' }).click();
  const drawer = authenticatorDrawer(page);
  await expect(formInput(drawer, 'Corp ID')).toBeVisible();
  return drawer;
}

async function configureAuthenticator(page: Page, name: string): Promise<Locator> {
  await authenticatorRow(page, name).getByText('Configure', { exact: true }).click();
  const drawer = authenticatorDrawer(page);
  await expect(formInput(drawer, 'Corp ID')).toBeVisible();
  return drawer;
}

/** Either shell's required mark: Formily's asterisk, antd's `required` label. */
function requiredMark(item: Locator): Locator {
  return item.locator('.ant-formily-item-asterisk, label.ant-form-item-required');
}

/**
 * Clicks Submit until the request is sent, and answers it. NocoBase's Submit sometimes drops the first click after
 * a refused one (admin-settings.spec.ts), as a person would see and click again.
 */
async function submitUntilSent(page: Page, drawer: Locator, action: string): Promise<Request> {
  let sent: Request | undefined;
  await expect(async () => {
    const request = page.waitForRequest((candidate) => candidate.url().includes(`/api/${action}`), { timeout: 5_000 });
    await drawer.getByRole('button', { name: 'Submit' }).click();
    sent = await request;
  }).toPass({ timeout: 30_000 });
  if (!sent) throw new Error(`no ${action} request`);
  return sent;
}

async function runCheck(drawer: Locator): Promise<Locator> {
  const check = drawer.getByTestId('wecom-check');
  await check.getByRole('button', { name: 'Check configuration' }).click();
  return check.locator('.ant-alert');
}

/** Opens the linked-members drawer of the demo authenticator, from its settings. */
async function openLinkedMembers(page: Page, demo: DemoInfo): Promise<Locator> {
  const settings = await configureAuthenticator(page, demo.authenticator);
  await settings.getByRole('button', { name: 'Linked members' }).click();
  const region = page.getByRole('region', { name: `Linked members of ${demo.authenticator}` });
  await expect(region).toBeVisible();
  return region;
}

async function search(region: Locator, query: string): Promise<void> {
  const box = region.getByRole('searchbox', { name: 'Search linked members' });
  await box.fill(query);
  await box.press('Enter');
}

function linkRow(region: Locator, userid: string): Locator {
  // `has` is looked for inside each row, so it starts from the page, not from the region.
  return region.getByRole('row').filter({ has: region.page().getByRole('cell', { name: userid, exact: true }) });
}

async function expectListed(region: Locator, person: Person, how: string): Promise<void> {
  const row = linkRow(region, person.member.userid);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(person.user?.nickname ?? '');
  await expect(row).toContainText(how);
  // When: the list shows the date in the admin's language; the year is in it whatever the format.
  await expect(row).toContainText(String(new Date().getFullYear()));
}

async function unlinkInPanel(page: Page, region: Locator, person: Person): Promise<void> {
  const { userid } = person.member;
  await linkRow(region, userid)
    .getByRole('button', { name: `Unlink ${userid}` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Unlink this WeCom member?' });
  await expect(dialog).toContainText(`${userid} will no longer sign in as ${person.user?.nickname}.`);
  await expect(dialog).toContainText("This takes effect at the member's next sign-in");
  await dialog.getByRole('button', { name: 'Unlink', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${userid} is unlinked. It takes effect at the member's next sign-in.`)).toBeVisible();
  await expect(linkRow(region, userid)).toHaveCount(0);
  await expect(region.getByText('No linked member matches the search.')).toBeVisible();
}

/** Links by hand: the WeCom userid typed, the NocoBase user found by its username in the picker. */
async function linkInPanel(page: Page, region: Locator, person: Person): Promise<void> {
  const { userid } = person.member;
  await region.getByRole('button', { name: 'Link a WeCom member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link a WeCom member' });
  // Link with nothing filled in: both fields say what they need, and the dialog stays.
  await dialog.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(dialog.getByText('A WeCom userid has 1 to 64 letters, digits and _ - . @')).toBeVisible();
  await expect(dialog.getByText('Choose the NocoBase user to link the member to.')).toBeVisible();
  await expect(dialog).toBeVisible();

  await dialog.getByRole('textbox', { name: 'WeCom userid' }).fill(userid);
  const picker = dialog.getByRole('combobox', { name: 'NocoBase user' });
  await picker.fill(person.user?.username ?? '');
  // The picker's list is rendered outside the dialog (antd's popup); each option shows nickname, username, phone.
  await page.locator('.ant-select-item-option', { hasText: person.user?.username ?? '' }).click();
  await dialog.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${userid} is linked.`)).toBeVisible();
}

for (const shell of SHELLS) {
  test.describe(`the admin experience in the ${shell.label} shell`, () => {
    test('the form reports every problem at once, checks WeCom (unreachable, passing, refusing), saves and edits with the secret kept', async ({
      demo,
      admin,
      sandbox,
      contexts,
    }) => {
      const suffix = uniqueSuffix();
      const name = `e2e_${suffix}`;
      const secret = `e2e-admin-secret-${suffix}`;
      await addSandboxApp(sandbox, demo.appUrl, { agentId: shell.agentId, name: 'E2E admin app', secret });
      const context = await contexts.desktop();
      const responses = recordResponseBodies(context);
      const page = await context.newPage();
      const sent = { creates: 0, checks: 0 };
      page.on('request', (request) => {
        if (request.url().includes('/api/authenticators:create')) sent.creates += 1;
        if (request.url().includes('/api/wecom:checkConfig')) sent.checks += 1;
      });
      try {
        await openAuthenticators(page, demo, shell);
        const drawer = await addWeComAuthenticator(page);

        await test.step('every problem beside its field, all at once, and nothing saved', async () => {
          // Required: Corp ID, AgentId, Origin, and the Secret while none is saved.
          for (const label of ['Corp ID', 'AgentId', 'Secret', 'Origin']) {
            await expect(requiredMark(formItem(drawer, label)), `${label} is marked required`).toHaveCount(1);
          }
          await expect(requiredMark(formItem(drawer, 'API base URL'))).toHaveCount(0);
          // Only a saved authenticator has linked members.
          await expect(drawer.getByRole('button', { name: 'Linked members' })).toHaveCount(0);

          await formInput(drawer, 'Auth UID').fill(name);
          await formInput(drawer, 'Title').fill(`E2E admin ${suffix}`);
          for (const bad of BAD_VALUES) await formInput(drawer, bad.label).fill(bad.value);
          // As typed, before any Submit.
          for (const bad of BAD_VALUES) await expect(formItem(drawer, bad.label)).toContainText(bad.message);

          await drawer.getByRole('button', { name: 'Submit' }).click();
          for (const bad of BAD_VALUES) await expect(formItem(drawer, bad.label)).toContainText(bad.message);
          await expect(formItem(drawer, 'Secret')).toContainText(SECRET_REQUIRED);
          await expect(drawer).toBeVisible();
          expect(sent.creates, 'create requests').toBe(0);
          expect(await admin.authenticator(name)).toBeUndefined();

          // Check configuration refuses the same settings beside the fields, without asking the server (counted
          // at the next check, which must be the first request).
          await drawer.getByRole('button', { name: 'Check configuration' }).click();
        });

        await test.step('Check configuration: WeCom unreachable, then passing, then refusing the Corp ID', async () => {
          await formInput(drawer, 'Corp ID').fill(SANDBOX_CORP_ID);
          await formInput(drawer, 'AgentId').fill(String(shell.agentId));
          await formInput(drawer, 'Secret').fill(secret);
          await formInput(drawer, 'Origin').fill(demo.appUrl);
          for (const bad of BAD_VALUES) await expect(formItem(drawer, bad.label)).not.toContainText(bad.message);
          await expect(formItem(drawer, 'Secret')).not.toContainText(SECRET_REQUIRED);
          await formInput(drawer, 'API base URL').fill(shell.unreachable.apiBaseUrl);
          await formInput(drawer, 'OAuth base URL').fill(demo.sandboxUrl);
          await formInput(drawer, 'Web login base URL').fill(demo.sandboxUrl);

          let findings = await runCheck(drawer);
          await expect(findings).toHaveCount(1);
          expect(sent.checks, 'only the check with valid settings reached the server').toBe(1);
          await expect(findings.first()).toContainText(shell.unreachable.message);
          await expect(findings.first()).toHaveClass(/ant-alert-error/);
          // The setting it names is there, under the heading it names.
          await expect(drawer.getByText('WeCom addresses (advanced)', { exact: true })).toBeVisible();

          await formInput(drawer, 'API base URL').fill(demo.sandboxUrl);
          findings = await runCheck(drawer);
          await expect(findings).toHaveCount(CHECK_PASSED.length);
          for (const [index, text] of CHECK_PASSED.entries()) {
            await expect(findings.nth(index)).toContainText(text);
            await expect(findings.nth(index)).toHaveClass(/ant-alert-success/);
          }

          await formInput(drawer, 'Corp ID').fill('wwwrongcorp0001');
          findings = await runCheck(drawer);
          await expect(findings).toHaveCount(1);
          await expect(findings.first()).toContainText(WRONG_CORP_ID);
          await expect(findings.first()).toHaveClass(/ant-alert-error/);
          expect(await admin.authenticator(name)).toBeUndefined();
        });

        await test.step('saved, with the secret kept on the server and blank in the browser', async () => {
          await formInput(drawer, 'Corp ID').fill(SANDBOX_CORP_ID);
          const save = await submitUntilSent(page, drawer, 'authenticators:create');
          expect((await save.response())?.status()).toBe(200);
          await expect(drawer).toBeHidden();
          await expect(authenticatorRow(page, name)).toBeVisible();
          const saved = await admin.authenticator(name);
          expect(saved?.options).toMatchObject({
            corpId: SANDBOX_CORP_ID,
            agentId: String(shell.agentId),
            origin: demo.appUrl,
            apiBaseUrl: demo.sandboxUrl,
            secret: '',
            secretSaved: true,
          });
        });

        await test.step('edit: the secret field is empty and no longer required; saving keeps the secret', async () => {
          const edit = await configureAuthenticator(page, name);
          const secretItem = formItem(edit, 'Secret');
          await expect(formInput(edit, 'Secret')).toHaveValue('');
          await expect(formInput(edit, 'Secret')).toHaveAttribute('placeholder', 'Saved. Leave empty to keep it.');
          await expect(requiredMark(secretItem)).toHaveCount(0);
          await expect(requiredMark(formItem(edit, 'Corp ID'))).toHaveCount(1);
          await expect(edit.getByRole('button', { name: 'Linked members' })).toBeVisible();

          await formInput(edit, 'Title').fill(`E2E admin ${suffix} (edited)`);
          const update = await submitUntilSent(page, edit, 'authenticators:update');
          expect((await update.response())?.status()).toBe(200);
          await expect(edit).toBeHidden();
          const edited = await admin.authenticator(name);
          expect(edited?.title).toBe(`E2E admin ${suffix} (edited)`);
          expect(edited?.options.secretSaved).toBe(true);
          const check = await admin.checkConfig(name, { ...edited?.options, secret: '' });
          expect(check.ok, 'the saved secret still works').toBe(true);
        });

        expect(await responses.containing(secret), 'responses whose body holds the secret').toEqual([]);
      } finally {
        await admin.deleteAuthenticator(name);
      }
    });
  });
}

/** What the sign-in page says to a member whose link only an admin may make (README's error table). */
const LINK_BY_ADMIN_MESSAGE =
  'Your WeCom account cannot be linked to a NocoBase account by its phone number. Please ask your administrator to link it.';

test.describe('linked members', () => {
  test('classic shell: a member linked by phone at sign-in is listed and found; unlinked, the next sign-in links them by phone again; an admin links another by hand', async ({
    demo,
    admin,
    people,
    contexts,
  }) => {
    const shell = CLASSIC_ADMIN;
    const person = await people.create();
    const other = await people.create();
    const bindingsOf = (who: Person) => admin.bindings({ authenticator: demo.authenticator, uuid: who.member.userid });
    const signInInWeCom = async ({ consent }: { consent: boolean }): Promise<void> => {
      const member = await (await contexts.weCom(person.member)).newPage();
      await member.goto(homepageLink(demo, shell.adminPath));
      // Only the first time does WeCom ask for the phone number; it remembers the consent.
      if (consent) await member.locator('#wecom-consent-allow').click();
      expect((await signedInUser(member, demo)).id).toBe(person.user?.id);
    };

    await signInInWeCom({ consent: true });
    expect(await bindingsOf(person)).toHaveLength(1);

    const page = await (await contexts.desktop()).newPage();
    await openAuthenticators(page, demo, shell);
    const region = await openLinkedMembers(page, demo);

    await test.step('listed and found by its phone, as linked by phone', async () => {
      await search(region, person.phone);
      await expectListed(region, person, LINKED_BY_PHONE);
    });

    await test.step('unlinked: gone from the list and from NocoBase; the next sign-in links by phone again', async () => {
      await unlinkInPanel(page, region, person);
      expect(await bindingsOf(person)).toEqual([]);
      await signInInWeCom({ consent: false });
      await search(region, person.member.userid);
      await expectListed(region, person, LINKED_BY_PHONE);
    });

    await test.step('another member linked by hand, as linked by an administrator', async () => {
      await search(region, other.member.userid);
      await expect(region.getByText('No linked member matches the search.')).toBeVisible();
      await linkInPanel(page, region, other);
      await expectListed(region, other, LINKED_BY_ADMIN);
      expect(await bindingsOf(other)).toEqual([
        { authenticator: demo.authenticator, uuid: other.member.userid, userId: other.user?.id },
      ]);
    });
  });

  test('/v/ shell: a member an admin linked is listed and found; unlinked, with linking by phone off the next sign-in is refused; linked by hand, they sign in', async ({
    demo,
    admin,
    people,
    authSettings,
    contexts,
  }) => {
    const shell = MODERN_ADMIN;
    const person = await people.create();
    const bindingsOf = () => admin.bindings({ authenticator: demo.authenticator, uuid: person.member.userid });
    // Linked earlier, through the API the drawer uses.
    await admin.call('wecom:linkMember', {
      body: { authenticator: demo.authenticator, userid: person.member.userid, userId: person.user?.id },
    });

    const page = await (await contexts.desktop()).newPage();
    await openAuthenticators(page, demo, shell);
    const region = await openLinkedMembers(page, demo);

    await test.step('listed and found by its username, as linked by an administrator', async () => {
      await search(region, person.user?.username ?? '');
      await expectListed(region, person, LINKED_BY_ADMIN);
    });

    await test.step('unlinked; with linking by phone off, the next sign-in ends on the sign-in page saying why', async () => {
      await unlinkInPanel(page, region, person);
      expect(await bindingsOf()).toEqual([]);
      await authSettings.update({ linkByPhone: 'never' });
      const member = await (await contexts.weCom(person.member)).newPage();
      await member.goto(homepageLink(demo, shell.adminPath));
      // No link: WeCom is asked for the phone number, which may no longer link anyone by itself.
      await member.locator('#wecom-consent-allow').click();
      await expect(member).toHaveURL(
        (url) => url.pathname === shell.signInPath && url.searchParams.get('error') === 'LINK_BY_ADMIN',
      );
      await expect(member.getByTestId('wecom-sign-in-error')).toContainText(LINK_BY_ADMIN_MESSAGE);
      expect(await bindingsOf()).toEqual([]);
    });

    await test.step('linked by hand: listed as linked by an administrator, and the member signs in', async () => {
      await linkInPanel(page, region, person);
      await expectListed(region, person, LINKED_BY_ADMIN);
      expect(await bindingsOf()).toEqual([
        { authenticator: demo.authenticator, uuid: person.member.userid, userId: person.user?.id },
      ]);
      const member = await (await contexts.weCom(person.member)).newPage();
      await member.goto(homepageLink(demo, shell.adminPath));
      expect((await signedInUser(member, demo)).id).toBe(person.user?.id);
      await expect(member).toHaveURL((url) => url.pathname.replace(/\/$/, '') === shell.adminPath);
    });
  });
});
