import { encodeLandingSession } from '../src/shared/session-fragment.ts';
import { AUTHORIZE_PATH, expect, recordRequests, signedInUser, storedSession, test } from './fixtures.ts';

/** What an attacker would make a signed-in browser call, in the spellings the landing rule must see through. */
const DESTROY = '/api/users:destroy?filterByTk=1';

test.describe('links an attacker sends', () => {
  test('in the WeCom client, a sign-in page told to return to an API action lands on /admin and calls nothing', async ({
    demo,
    people,
    weComPage,
  }) => {
    const person = await people.create({ bound: true });
    const page = await weComPage({ member: person.member });
    const trail = recordRequests(page);

    await page.goto(`${demo.appUrl}/signin?redirect=${encodeURIComponent(`/admin/../${DESTROY.slice(1)}`)}`);

    expect((await signedInUser(page, demo)).id).toBe(person.user?.id);
    await expect(page).toHaveURL(`${demo.appUrl}/admin`);
    expect(trail.urls.filter((url) => url.includes('users:destroy'))).toEqual([]);
  });

  test('on a desktop, the button on a sign-in page told to return to the API lands on /admin', async ({
    demo,
    people,
    desktopPage: page,
  }) => {
    const person = await people.create({ bound: true });
    const trail = recordRequests(page);
    await page.goto(`${demo.appUrl}/signin?redirect=${encodeURIComponent(`/admin/%2e%2e/${DESTROY.slice(1)}`)}`);

    await page.getByTestId('wecom-sign-in').click();
    await page.locator(`#wecom-scan-${person.member.userid}`).click();

    expect((await signedInUser(page, demo)).id).toBe(person.user?.id);
    await expect(page).toHaveURL(`${demo.appUrl}/admin`);
    expect(trail.urls.filter((url) => url.includes('users:destroy'))).toEqual([]);
  });

  test('a homepage link that loops through authorize ends on the sign-in page, once', async ({
    demo,
    people,
    weComPage,
    sandboxCalls,
  }) => {
    const person = await people.create({ bound: true });
    const page = await weComPage({ member: person.member });
    const loop = `/api/wecom:authorize?authenticator=${demo.authenticator}&redirect=/admin`;

    await page.goto(
      `${demo.appUrl}/api/wecom:authorize?${new URLSearchParams({ authenticator: demo.authenticator, redirect: loop })}`,
    );

    await expect(page).toHaveURL(/\/signin\?error=REDIRECT_INVALID/);
    await expect(page.getByTestId('wecom-sign-in-error')).toContainText('The page to return to must be on this site.');
    expect(await sandboxCalls.count(AUTHORIZE_PATH)).toBe(0);
  });

  test('a link carrying someone else’s session in its fragment signs nobody in', async ({
    demo,
    admin,
    desktopPage: page,
  }) => {
    // The fragment is well formed and its token is valid (root's), but no callback set the cookie that vouches for it.
    const forged = encodeLandingSession({
      token: admin.token,
      authenticator: 'basic',
      nonce: '0123456789abcdef0123456789abcdef',
      hash: '#x',
    });

    await page.goto(`${demo.appUrl}/admin/settings/system-settings${forged}`);

    await expect(page).toHaveURL(/\/signin/);
    expect((await storedSession(page)).token || null).toBeNull();
    expect(page.url()).not.toContain(admin.token);
  });
});

test.describe('a member whose phone is an administrator’s', () => {
  test('is not signed in as the administrator until they type the account’s password, once', async ({
    demo,
    admin,
    people,
    weComPage,
  }) => {
    const person = await people.create({ roles: ['admin'], password: 'Admin-pass-1' });
    const page = await weComPage({ member: person.member });

    await page.goto(`${demo.appUrl}/admin/settings/system-settings?tab=1`);
    await page.locator('#wecom-consent-allow').click();

    // The plugin's own page, in the webview: it names no account and starts no sign-in.
    await expect(page).toHaveURL(`${demo.appUrl}/api/wecom:confirmLink`);
    await expect(page.getByRole('heading', { name: 'Link your WeCom account' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText(person.user?.nickname ?? 'E2E');
    expect((await storedSession(page)).token || null).toBeNull();
    expect(await admin.bindings({ authenticator: demo.authenticator, uuid: person.member.userid })).toEqual([]);

    await page.locator('#password').fill('not-the-password');
    await page.getByRole('button', { name: 'Link and sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Attempts left: 4');
    expect(await admin.bindings({ authenticator: demo.authenticator, uuid: person.member.userid })).toEqual([]);

    await page.locator('#password').fill('Admin-pass-1');
    await page.getByRole('button', { name: 'Link and sign in' }).click();

    expect((await signedInUser(page, demo)).id).toBe(person.user?.id);
    await expect(page).toHaveURL(`${demo.appUrl}/admin/settings/system-settings?tab=1`);
    expect(await admin.bindings({ authenticator: demo.authenticator, uuid: person.member.userid })).toEqual([
      { authenticator: demo.authenticator, uuid: person.member.userid, userId: person.user?.id },
    ]);
  });
});
