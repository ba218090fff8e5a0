import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, test as base, expect, type Page } from '@playwright/test';
import { DEMO_WECOM_APP } from '../scripts/demo/index.ts';
import { createSandboxControl, type SandboxControl, type SandboxMember } from '../src/sandbox/index.ts';
import { LAST_ATTEMPT_KEY } from '../src/sdk-shim/silent.ts';
import { WECOM_LOGIN_ORIGIN } from '../src/sdk-shim/web-login.ts';
import { openDesktopContext, openWeComContext } from '../src/testing/browser-contexts.ts';
import { NocoBaseAdmin } from '../src/testing/nocobase-admin.ts';
import { type NocoBaseUser, whoIs } from '../src/testing/nocobase-api.ts';
import { addMembers, bareMobile, newMember, removeMembers, uniqueSuffix } from '../src/testing/sandbox-members.ts';
import { type DemoInfo, readDemoInfo } from './support/demo-info.ts';
import { type ResponseRecorder, recordResponseBodies } from './support/responses.ts';
import { E2E_DEMO } from './support/settings.ts';

export { expect };

/** The sandbox path that in-client sign-ins start at; its count is how often the browser went to WeCom. */
export const AUTHORIZE_PATH = '/connect/oauth2/authorize';

/** One of NocoBase's two client shells (nocobase-integration.md): each has its own sign-in and admin pages. */
export interface Shell {
  signInPath: string;
  adminPath: string;
}

export const CLASSIC_SHELL: Shell = { signInPath: '/signin', adminPath: '/admin' };
export const MODERN_SHELL: Shell = { signInPath: '/v/signin', adminPath: '/v/admin' };

/** The messages the sign-in page must show, in English (the contexts' locale), as README's error table names them. */
export const SIGN_IN_MESSAGES = {
  USER_NOT_FOUND: 'No NocoBase account has your phone number. Please ask your administrator to create one.',
  OUTSIDE_VISIBLE_RANGE:
    "Your WeCom account may not use this app. Please ask your administrator to add you to the app's visible range.",
  ACCESS_DENIED: 'WeCom sign-in was cancelled.',
} as const;

/** How long a page must stay put to count as "does not loop": longer than a WeCom trip and NocoBase's reload. */
const NO_LOOP_WATCH_MS = 4_000;

export interface Person {
  member: SandboxMember;
  /** The phone as NocoBase stores it, the digits of the WeCom mobile without +86. */
  phone: string;
  /** The NocoBase user with that phone, when the test asked for one. */
  user?: NocoBaseUser;
}

export interface PersonOptions {
  /** A NocoBase user with the member's phone. @default true */
  user?: boolean;
  /** Linked to the member already, as after an earlier sign-in. @default false */
  bound?: boolean;
  /** Roles of the user, by name; NocoBase's default (`member`) otherwise. */
  roles?: string[];
  /** A password for the user, who otherwise has none. */
  password?: string;
  /** The user's nickname; `E2E <member's name>` otherwise. */
  nickname?: string;
  /** Member fields, e.g. `visible: false`. */
  member?: Partial<SandboxMember>;
}

export interface People {
  /** A member of the sandbox corp, and its NocoBase user, that no other test or earlier run uses. */
  create(options?: PersonOptions): Promise<Person>;
}

export interface AuthSettings {
  /** Merges into the demo authenticator's options; the original options come back after the test. */
  update(patch: Record<string, unknown>): Promise<void>;
}

export interface WeComClientOptions {
  /** Who is signed in to the simulated WeCom client; nobody when null. */
  member: SandboxMember | null;
}

/** Counts of sandbox calls since the counter was made. */
export interface CallCounter {
  count(path: string): Promise<number>;
}

/** Makes the browser contexts of a test, and checks each one when the test is over. */
export interface Contexts {
  /**
   * The WeCom iOS app (its user agent, a phone's viewport), with `member` signed in to the WeCom client;
   * `options` go on top (a pixel density for screenshots, say).
   */
  weCom(member: Pick<SandboxMember, 'userid'> | null, options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A desktop Chrome. */
  desktop(options?: BrowserContextOptions): Promise<BrowserContext>;
}

interface TestFixtures {
  sandbox: SandboxControl;
  people: People;
  authSettings: AuthSettings;
  contexts: Contexts;
  /** A page in a new WeCom-app context (see `contexts.weCom`). */
  weComPage: (options: WeComClientOptions) => Promise<Page>;
  /** A page in a new desktop context. */
  desktopPage: Page;
  sandboxCalls: CallCounter;
}

interface WorkerFixtures {
  demo: DemoInfo;
  admin: NocoBaseAdmin;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  demo: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern for the fixtures argument
    async ({}, use) => {
      await use(readDemoInfo());
    },
    { scope: 'worker' },
  ],

  admin: [
    async ({ demo }, use) => {
      await use(await NocoBaseAdmin.signIn(demo));
    },
    { scope: 'worker' },
  ],

  sandbox: async ({ demo }, use) => {
    await use(createSandboxControl(demo.sandboxUrl));
  },

  people: async ({ demo, admin, sandbox }, use) => {
    const members: string[] = [];
    const phones: string[] = [];
    await use({
      async create(options: PersonOptions = {}): Promise<Person> {
        const member = newMember(options.member);
        const phone = bareMobile(member);
        members.push(member.userid);
        phones.push(phone);
        await addMembers(sandbox, demo.sandboxUrl, [member]);
        if (options.user === false) return { member, phone };
        const suffix = uniqueSuffix();
        const user = await admin.createUser({
          username: `e2e_${suffix}`,
          nickname: options.nickname ?? `E2E ${member.name}`,
          phone,
          ...(options.roles ? { roles: options.roles } : {}),
          ...(options.password ? { password: options.password } : {}),
        });
        if (options.bound)
          await admin.bind({ authenticator: demo.authenticator, uuid: member.userid, userId: user.id });
        return { member, phone, user };
      },
    });
    await removeMembers(sandbox, demo.sandboxUrl, members);
    // The app is kept between runs: the users made here, and any that sign-up made for these phones, go.
    for (const phone of phones) {
      for (const user of await admin.usersWithPhone(phone)) {
        await admin.call('users:destroy', { query: { filterByTk: String(user.id) } });
      }
    }
  },

  authSettings: async ({ demo, admin }, use) => {
    let original: Record<string, unknown> | undefined;
    await use({
      async update(patch: Record<string, unknown>): Promise<void> {
        const current = await admin.authenticator(demo.authenticator);
        if (!current) throw new Error(`no authenticator ${demo.authenticator}`);
        original ??= current.options;
        await admin.setAuthenticatorOptions(demo.authenticator, { ...current.options, ...patch });
      },
    });
    if (original) await admin.setAuthenticatorOptions(demo.authenticator, original);
  },

  contexts: async ({ browser, demo }, use) => {
    const opened: Array<{ context: BrowserContext; responses: ResponseRecorder }> = [];
    const prepare = (context: BrowserContext): BrowserContext => {
      opened.push({ context, responses: recordResponseBodies(context) });
      return context;
    };
    await use({
      weCom: async (member, options) => prepare(await openWeComContext(browser, demo.sandboxUrl, member, options)),
      desktop: async (options) => prepare(await openDesktopContext(browser, options)),
    });
    // Every test that drives a browser also checks that the demo authenticator's secret never reached it:
    // not in a sign-in, not in NocoBase's pages, not in the sandbox's.
    for (const { context, responses } of opened) {
      const leaks = await responses.containing(DEMO_WECOM_APP.secret);
      await context.close();
      expect(leaks, 'responses that carried the secret').toEqual([]);
    }
  },

  weComPage: async ({ contexts }, use) => {
    await use(async ({ member }) => (await contexts.weCom(member)).newPage());
  },

  desktopPage: async ({ contexts }, use) => {
    await use(await (await contexts.desktop()).newPage());
  },

  sandboxCalls: async ({ sandbox }, use) => {
    const before = await sandbox.calls();
    await use({
      async count(path: string): Promise<number> {
        return ((await sandbox.calls())[path] ?? 0) - (before[path] ?? 0);
      },
    });
  },
});

/** NocoBase's session in the page, as its client stores it. */
export async function storedSession(page: Page): Promise<{ token: string | null; authenticator: string | null }> {
  return page.evaluate(() => ({
    token: window.localStorage.getItem('NOCOBASE_TOKEN'),
    authenticator: window.localStorage.getItem('NOCOBASE_AUTH'),
  }));
}

/** `storedSession`, or nothing while the page is between documents (a sign-in navigates several times). */
async function settledSession(page: Page): Promise<{ token: string | null; authenticator: string | null } | null> {
  try {
    return await storedSession(page);
  } catch {
    return null;
  }
}

/**
 * Waits until the page holds a NocoBase session, and answers whose it is, by asking NocoBase with that token
 * (`auth:check`), so a token that is stored but refused does not pass.
 */
export async function signedInUser(page: Page, demo: DemoInfo): Promise<NocoBaseUser> {
  let session: { token: string | null; authenticator: string | null } | null = null;
  await expect
    .poll(
      async () => {
        session = await settledSession(page);
        return Boolean(session?.token);
      },
      { timeout: 45_000, message: 'NocoBase stores a token in localStorage' },
    )
    .toBe(true);
  const { token, authenticator } = session ?? { token: null, authenticator: null };
  const answer = await whoIs(demo.appUrl, token ?? '', authenticator ?? '');
  expect(answer.status, 'auth:check with the stored token').toBe(200);
  if (!answer.user) throw new Error('auth:check answered no user');
  return answer.user;
}

export interface Navigations {
  /** Navigation requests of the main frame, redirects included (a WeCom sign-in is mostly 302s). */
  requests: string[];
  /** URLs the main frame committed to, fragment included (requests never carry one). */
  committed: string[];
}

/** Records where the page's main frame goes, in order, for asserting where a sign-in went. */
export function recordNavigations(page: Page): Navigations {
  const navigations: Navigations = { requests: [], committed: [] };
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations.requests.push(request.url());
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.committed.push(frame.url());
  });
  return navigations;
}

/** Every request the page made, frames and subresources included, with the Referer it sent. */
export interface RequestTrail {
  urls: string[];
  referers: string[];
}

export function recordRequests(page: Page): RequestTrail {
  const trail: RequestTrail = { urls: [], referers: [] };
  page.context().on('request', (request) => {
    trail.urls.push(request.url());
    const referer = request.headers().referer;
    if (referer) trail.referers.push(referer);
  });
  return trail;
}

/** NocoBase's own log files of the e2e app (request log included), as they are on disk now. */
export function nocobaseLogText(): string {
  const root = join(E2E_DEMO.appDir, 'storage', 'logs');
  if (!existsSync(root)) return '';
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return files.map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8')).join('\n');
}

/**
 * The workbench homepage link an admin pastes into WeCom (README): the server starts the sign-in before any
 * page loads. Tests whose subject is not the client's own silent start begin here, which saves a page load.
 */
export function homepageLink(demo: DemoInfo, redirect: string): string {
  return `${demo.appUrl}/api/wecom:authorize?${new URLSearchParams({ authenticator: demo.authenticator, redirect })}`;
}

/**
 * A failed sign-in must end on the sign-in page of the shell it started in, showing why, with the sign-in form,
 * and stay there: no automatic attempt after it, so the WeCom authorize count does not move however long the page
 * is open.
 */
export async function expectFailureShownWithoutLoop(
  page: Page,
  sandboxCalls: CallCounter,
  expected: { code: string; message: string; authorizeCalls: number; shell?: Shell },
): Promise<void> {
  const { signInPath } = expected.shell ?? CLASSIC_SHELL;
  await expect(page).toHaveURL((url) => url.pathname === signInPath && url.searchParams.has('error'));
  expect(new URL(page.url()).searchParams.get('error')).toBe(expected.code);
  await expect(page.getByTestId('wecom-sign-in-error')).toContainText(expected.message);
  // The rest of the sign-in page is there too, so the user can try another way.
  await expect(page.getByPlaceholder('Username/Email')).toBeVisible();
  await expect(page.getByTestId('wecom-sign-in')).toBeVisible();
  expect(await sandboxCalls.count(AUTHORIZE_PATH)).toBe(expected.authorizeCalls);
  const settledAt = page.url();
  await page.waitForTimeout(NO_LOOP_WATCH_MS);
  expect(page.url(), 'the sign-in page stays where it is').toBe(settledAt);
  expect(await sandboxCalls.count(AUTHORIZE_PATH), 'no further trip to WeCom').toBe(expected.authorizeCalls);
  // The one-attempt-a-minute back-off alone would pass the watch above: forget the attempt, as a minute later
  // would, and open the page again. Only the `error=` on the page may keep it from going back to WeCom.
  await page.evaluate((key) => window.sessionStorage.removeItem(key), LAST_ATTEMPT_KEY);
  await page.reload();
  await expect(page.getByTestId('wecom-sign-in-error')).toContainText(expected.message);
  await page.waitForTimeout(NO_LOOP_WATCH_MS);
  expect(page.url(), 'the sign-in page stays where it is, a minute later too').toBe(settledAt);
  expect(await sandboxCalls.count(AUTHORIZE_PATH), 'no trip to WeCom a minute later').toBe(expected.authorizeCalls);
  // NocoBase's client leaves an empty token behind after its own 401, so "no session" is any falsy value.
  expect((await storedSession(page)).token || null).toBeNull();
}

/**
 * On a sign-in page whose authenticator uses WeCom's own login host (routed to the sandbox), clicks the button and
 * scans as `userid` inside WeCom's embedded panel, checking on the way that the panel, not a redirect, was shown.
 */
export async function scanInEmbeddedPanel(page: Page, demo: DemoInfo, userid: string): Promise<void> {
  const signInPath = new URL(page.url()).pathname;
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
  expect(new URL(page.url()).pathname).toBe(signInPath);

  await page.frameLocator('[data-testid="wecom-login-panel"] iframe').locator(`#wecom-scan-${userid}`).click();
}

/**
 * On the sandbox's web-login page (the stand-in for WeCom's QR code), reached by a full-page redirect: its host is
 * not WeCom's, so the plugin cannot embed WeCom's panel for it. Scans as `userid`.
 */
export async function scanOnWebLoginPage(page: Page, demo: DemoInfo, userid: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${demo.sandboxUrl}/wwlogin/sso/login\\?`));
  expect(new URL(page.url()).searchParams.get('login_type')).toBe('CorpApp');
  await page.locator(`#wecom-scan-${userid}`).click();
}
