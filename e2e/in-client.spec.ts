import { decodeLandingSession } from '../src/shared/session-fragment.ts';
import {
  AUTHORIZE_PATH,
  expect,
  expectFailureShownWithoutLoop,
  homepageLink,
  nocobaseLogText,
  recordNavigations,
  recordRequests,
  SIGN_IN_MESSAGES,
  signedInUser,
  storedSession,
  test,
} from './fixtures.ts';

test.describe('in the WeCom client', () => {
  test('a linked member opening a deep link lands on it signed in, after one silent trip to WeCom', async ({
    demo,
    people,
    weComPage,
    sandboxCalls,
  }) => {
    // Admin, so that NocoBase's ACL lets the user stay on a settings page rather than sending them to /admin.
    const person = await people.create({ bound: true, roles: ['admin'] });
    const page = await weComPage({ member: person.member });
    const navigations = recordNavigations(page);
    const trail = recordRequests(page);

    await page.goto(`${demo.appUrl}/admin/settings/system-settings?x=1#frag`);

    const user = await signedInUser(page, demo);
    expect(user.id).toBe(person.user?.id);
    // Path, query and hash of the deep link: the plugin takes the token out of the URL itself, keeping the hash.
    await expect(page).toHaveURL(`${demo.appUrl}/admin/settings/system-settings?x=1#frag`);
    await expect(page.getByText('System settings').first()).toBeVisible();
    expect(await sandboxCalls.count(AUTHORIZE_PATH)).toBe(1);
    // Silent: straight through snsapi_base, never the consent scope.
    expect(navigations.requests.filter((url) => url.includes(AUTHORIZE_PATH))).toEqual([
      expect.stringContaining('scope=snsapi_base'),
    ]);
    // The callback's landing URL carries the session in its fragment, with the deep link's own fragment inside.
    const landing = navigations.committed.find((url) => url.includes('#wecom-session:'));
    expect(landing, 'the landing URL the callback redirected to').toBeDefined();
    const landed = new URL(landing ?? '');
    expect(`${landed.pathname}${landed.search}`).toBe('/admin/settings/system-settings?x=1');
    const session = decodeLandingSession(landed.hash);
    expect(session).toMatchObject({ authenticator: demo.authenticator, hash: '#frag' });
    expect(session?.token).toBe((await storedSession(page)).token);
    // Never in a query, a Referer or NocoBase's request log.
    const token = session?.token ?? 'no token';
    expect(trail.urls.filter((url) => url.includes(token))).toEqual([]);
    expect(trail.referers.filter((referer) => referer.includes(token))).toEqual([]);
    expect(nocobaseLogText()).toContain('wecom:redirect');
    expect(nocobaseLogText()).not.toContain(token);
  });

  test('a linked member opening a mobile page (/m) lands on it signed in', async ({
    demo,
    people,
    weComPage,
    sandboxCalls,
  }) => {
    const person = await people.create({ bound: true });
    const page = await weComPage({ member: person.member });

    await page.goto(`${demo.appUrl}/m?tab=2`);

    const user = await signedInUser(page, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(page).toHaveURL(`${demo.appUrl}/m?tab=2`);
    expect(await sandboxCalls.count(AUTHORIZE_PATH)).toBe(1);
  });

  test('the first sign-in asks for consent and links the member by phone; the next one is silent', async ({
    demo,
    admin,
    people,
    weComPage,
    sandboxCalls,
  }) => {
    const person = await people.create();
    const first = await weComPage({ member: person.member });

    // From the workbench: the homepage link.
    await first.goto(homepageLink(demo, '/admin?first=1'));
    // WeCom's consent page, for the phone number (snsapi_privateinfo).
    await expect(first.locator('#wecom-consent-allow')).toBeVisible();
    expect(new URL(first.url()).searchParams.get('scope')).toBe('snsapi_privateinfo');
    await first.locator('#wecom-consent-allow').click();

    const user = await signedInUser(first, demo);
    expect(user.id).toBe(person.user?.id);
    await expect(first).toHaveURL(`${demo.appUrl}/admin?first=1`);
    expect(await admin.bindings({ authenticator: demo.authenticator, uuid: person.member.userid })).toEqual([
      { authenticator: demo.authenticator, uuid: person.member.userid, userId: person.user?.id },
    ]);
    // snsapi_base found no link, so the member went round once more with snsapi_privateinfo.
    expect(await sandboxCalls.count(AUTHORIZE_PATH)).toBe(2);

    // Later, in a fresh webview, a page opened directly: the client signs in on its own, silently, as linked now.
    const later = await weComPage({ member: person.member });
    const navigations = recordNavigations(later);
    await later.goto(`${demo.appUrl}/admin?later=1`);
    expect((await signedInUser(later, demo)).id).toBe(person.user?.id);
    await expect(later).toHaveURL(`${demo.appUrl}/admin?later=1`);
    expect(navigations.requests.some((url) => url.includes('snsapi_privateinfo'))).toBe(false);
    expect(await sandboxCalls.count(AUTHORIZE_PATH)).toBe(3);
  });

  test('with sign-up on, a member whose phone matches nobody gets a new user, once', async ({
    demo,
    admin,
    people,
    authSettings,
    weComPage,
  }) => {
    await authSettings.update({ autoSignup: true });
    const person = await people.create({ user: false });
    expect(await admin.usersWithPhone(person.phone)).toEqual([]);

    const first = await weComPage({ member: person.member });
    await first.goto(homepageLink(demo, '/admin'));
    await first.locator('#wecom-consent-allow').click();
    const created = await signedInUser(first, demo);
    expect(created.phone).toBe(person.phone);
    expect((await admin.usersWithPhone(person.phone)).map((user) => user.id)).toEqual([created.id]);

    const again = await weComPage({ member: person.member });
    await again.goto(homepageLink(demo, '/admin'));
    expect((await signedInUser(again, demo)).id).toBe(created.id);
    expect((await admin.usersWithPhone(person.phone)).map((user) => user.id)).toEqual([created.id]);
  });

  test('with sign-up off, a member whose phone matches nobody sees why on the sign-in page, with no loop', async ({
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

    // Opened directly, so the client starts the sign-in itself: the failure must stop both it and the server.
    await page.goto(`${demo.appUrl}/admin`);
    await page.locator('#wecom-consent-allow').click();

    // Two trips: snsapi_base, then the consent that gave the phone number. None after the failure.
    await expectFailureShownWithoutLoop(page, sandboxCalls, {
      code: 'USER_NOT_FOUND',
      message: SIGN_IN_MESSAGES.USER_NOT_FOUND,
      authorizeCalls: 2,
    });
    expect(await admin.usersWithPhone(person.phone)).toEqual([]);
  });

  test('a member outside the visible range sees why on the sign-in page, with no loop', async ({
    demo,
    people,
    weComPage,
    sandboxCalls,
  }) => {
    // A user with the phone exists, so the refusal can only be WeCom's visible range.
    const person = await people.create({ member: { visible: false } });
    const page = await weComPage({ member: person.member });

    await page.goto(homepageLink(demo, '/admin'));
    await page.locator('#wecom-consent-allow').click();

    await expectFailureShownWithoutLoop(page, sandboxCalls, {
      code: 'OUTSIDE_VISIBLE_RANGE',
      message: SIGN_IN_MESSAGES.OUTSIDE_VISIBLE_RANGE,
      authorizeCalls: 2,
    });
  });

  test('a member who denies consent sees that it was cancelled, with no loop', async ({
    demo,
    people,
    weComPage,
    sandboxCalls,
  }) => {
    const person = await people.create();
    const page = await weComPage({ member: person.member });

    await page.goto(homepageLink(demo, '/admin'));
    await page.locator('#wecom-consent-deny').click();

    await expectFailureShownWithoutLoop(page, sandboxCalls, {
      code: 'ACCESS_DENIED',
      message: SIGN_IN_MESSAGES.ACCESS_DENIED,
      authorizeCalls: 2,
    });
  });
});
