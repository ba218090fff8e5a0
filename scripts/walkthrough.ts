import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { NocoBaseAdmin, whoIs } from '../e2e/support/admin-api.ts';
import { AUTHENTICATORS_PATH, authenticatorDrawer, formInput, signInWithPassword } from '../e2e/support/admin-ui.ts';
import { openDesktopContext, openWeComContext } from '../e2e/support/contexts.ts';
import type { DemoInfo } from '../e2e/support/demo-info.ts';
import { addMembers, removeMembers, uniquePhone, uniqueSuffix, weComMobile } from '../e2e/support/people.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/settings.ts';
import { createSandboxControl, type SandboxMember } from '../src/sandbox/index.ts';
import { DEMO_ROOT, resolveAppDir } from './demo/app-dir.ts';
import { DEMO_AUTHENTICATOR, DEMO_CORP_ID, DEMO_WECOM_APP, type StartedDemo, startDemo } from './demo/index.ts';

/**
 * `npm run demo:walkthrough`: drives both WeCom sign-ins and the admin form in headless Chromium against a demo
 * app of its own, and saves a screenshot of each step, with a README listing them, under docs/walkthrough/.
 * Each run signs in new members (the app is kept between runs, and a member consents only once), and leaves
 * no authenticator or member behind.
 */

const USAGE = `npm run demo:walkthrough -- [--dir .demo/walkthrough] [--port 13200] [--sandbox-port 8807] [--out docs/walkthrough] [--attach]

--attach uses a demo already running on those ports (npm run demo -- --dir … --port … --sandbox-port …) instead
of starting one.`;

interface Options {
  appDir: string;
  appPort: number;
  sandboxPort: number;
  out: string;
  attach: boolean;
}

function parseOptions(): Options | 'help' {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: '.demo/walkthrough' },
      port: { type: 'string', default: '13200' },
      'sandbox-port': { type: 'string', default: '8807' },
      out: { type: 'string', default: 'docs/walkthrough' },
      attach: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  return {
    appDir: values.dir,
    appPort: Number(values.port),
    sandboxPort: Number(values['sandbox-port']),
    out: resolve(values.out),
    attach: values.attach,
  };
}

/** A phone's screen in the WeCom app, at a phone's pixel density, so the shots stay sharp. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 } as const;
const DESKTOP = { viewport: { width: 1280, height: 800 } } as const;

interface Shot {
  file: string;
  caption: string;
}

/** Takes the numbered screenshots, and remembers their captions for the README. */
class Camera {
  readonly shots: Shot[] = [];

  constructor(private readonly dir: string) {}

  /**
   * A screenshot with a note along the bottom: the address bar, which a headless screenshot lacks, and what
   * to look for. Drawn over the page by this script, and said so, so nobody takes it for part of the product.
   */
  async shoot(page: Page, name: string, caption: string, note?: string): Promise<void> {
    const file = `${String(this.shots.length + 1).padStart(2, '0')}-${name}.png`;
    await page.evaluate(
      ({ url, note }) => {
        const bar = document.createElement('div');
        bar.id = 'walkthrough-note';
        bar.style.cssText = [
          'position:fixed',
          'left:0',
          'right:0',
          'bottom:0',
          'z-index:2147483647',
          'padding:6px 10px',
          'background:rgba(20,20,20,.88)',
          'color:#fff',
          'font:12px/1.4 ui-monospace,Menlo,Consolas,monospace',
          'word-break:break-all',
          'pointer-events:none',
        ].join(';');
        bar.textContent = `[walkthrough] ${url}${note ? `  ·  ${note}` : ''}`;
        document.body.append(bar);
      },
      { url: page.url(), note },
    );
    await page.screenshot({ path: join(this.dir, file) });
    await page.evaluate(() => document.getElementById('walkthrough-note')?.remove());
    this.shots.push({ file, caption });
    console.log(`  ${file}: ${caption}`);
  }
}

/**
 * NocoBase greets every signed-out visit with "Unauthenticated. Please sign in to continue." (its own 401 toast,
 * gone after 4.5 s); the shots show the page as it stays, without it.
 */
async function untilToastsFade(page: Page): Promise<void> {
  await page.locator('.ant-notification-notice').first().waitFor({ state: 'detached', timeout: 15_000 });
}

/** NocoBase's user menu, which names who is signed in. */
async function openUserMenu(page: Page, nickname: string): Promise<void> {
  await page.getByLabel('user', { exact: true }).first().hover();
  await page.getByText(nickname, { exact: true }).first().waitFor();
}

/**
 * Waits for NocoBase's session in the page and checks, with NocoBase's `auth:check`, that it is `nickname`'s:
 * the note on the screenshot then states a fact, not a hope. NocoBase folds its user menu away on a phone.
 */
async function expectSignedInAs(page: Page, demo: DemoInfo, nickname: string): Promise<void> {
  await page.waitForFunction(() => Boolean(window.localStorage.getItem('NOCOBASE_TOKEN')), undefined, {
    timeout: 60_000,
  });
  const session = await page.evaluate(() => ({
    token: window.localStorage.getItem('NOCOBASE_TOKEN') ?? '',
    authenticator: window.localStorage.getItem('NOCOBASE_AUTH') ?? '',
  }));
  const { user } = await whoIs(demo.appUrl, session.token, session.authenticator);
  if (user?.nickname !== nickname) throw new Error(`signed in as ${user?.nickname ?? 'nobody'}, not ${nickname}`);
}

interface Walk {
  demo: DemoInfo;
  browser: Browser;
  admin: NocoBaseAdmin;
  camera: Camera;
  contexts: BrowserContext[];
}

/** Keeps the context for closing, and gives it timeouts for NocoBase's first page loads (10 s and more when cold). */
function track(walk: Walk, context: BrowserContext): BrowserContext {
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  walk.contexts.push(context);
  return context;
}

async function desktopQr(walk: Walk): Promise<void> {
  const { demo, camera } = walk;
  console.log('• desktop: QR sign-in through "Sign in with WeCom"');
  const context = track(walk, await openDesktopContext(walk.browser, DESKTOP));
  const page = await context.newPage();
  await page.goto(`${demo.appUrl}/signin`);
  const button = page.getByTestId('wecom-sign-in');
  await button.waitFor();
  // NocoBase greets a signed-out visitor with a toast; it fades, and the page is shown as a visitor sees it after.
  await page
    .locator('.ant-notification-notice')
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => {});
  await camera.shoot(
    page,
    'desktop-signin',
    'Desktop browser, NocoBase\'s sign-in page: the "WeCom" button (the authenticator\'s title) under the password form.',
  );
  await button.click();
  await page.locator('#wecom-scan-zhaoliu').waitFor();
  await camera.shoot(
    page,
    'desktop-qr-page',
    "The click goes to WeCom's web login; the sandbox stands in for the QR code with one button per member.",
    'the sandbox: "scan as" 赵六 (zhaoliu)',
  );
  await page.locator('#wecom-scan-zhaoliu').click();
  await page.waitForURL(`${demo.appUrl}/admin`);
  await expectSignedInAs(page, demo, 'Zhao Liu');
  await openUserMenu(page, 'Zhao Liu');
  await camera.shoot(
    page,
    'desktop-signed-in',
    '赵六 was linked before, so the scan signs him in at once: back on /admin as Zhao Liu (user menu open).',
    'signed in as Zhao Liu',
  );
}

interface WalkPerson {
  member: SandboxMember;
  nickname: string;
  phone: string;
}

/** The app is kept between runs: the members and users of this run go, so the next run starts alike. */
async function forget(walk: Walk, people: WalkPerson[]): Promise<void> {
  const { demo, admin } = walk;
  const userids = people.map((person) => person.member.userid);
  await removeMembers(createSandboxControl(demo.sandboxUrl), demo.sandboxUrl, userids);
  for (const person of people) {
    for (const user of await admin.usersWithPhone(person.phone)) {
      await admin.call('users:destroy', { query: { filterByTk: String(user.id) } });
    }
  }
}

/** A member no earlier run used, and a NocoBase user with the same phone unless `withUser` is false. */
async function newPerson(walk: Walk, name: string, nickname: string, withUser: boolean): Promise<WalkPerson> {
  const suffix = uniqueSuffix();
  const phone = uniquePhone();
  const member: SandboxMember = {
    userid: `walk${suffix}`,
    name,
    mobile: weComMobile(phone),
    position: '运营',
  };
  await addMembers(createSandboxControl(walk.demo.sandboxUrl), walk.demo.sandboxUrl, [member]);
  if (withUser) {
    await walk.admin.createUser({ username: `walk_${suffix}`, nickname, phone, roles: ['admin'] });
  }
  return { member, nickname, phone };
}

async function inClient(walk: Walk, person: WalkPerson): Promise<void> {
  const { demo, camera } = walk;
  const deepLink = `${demo.appUrl}/admin/settings/system-settings?from=workbench`;
  console.log('• in the WeCom client: first sign-in (consent), then a returning one');
  const first = track(walk, await openWeComContext(walk.browser, demo.sandboxUrl, person.member, PHONE));
  const page = await first.newPage();
  await page.goto(deepLink);
  await page.locator('#wecom-consent-allow').waitFor({ timeout: 60_000 });
  await camera.shoot(
    page,
    'wecom-first-consent',
    `WeCom app, first time: ${person.member.name} opened a deep link; WeCom asks once to share the phone number (snsapi_privateinfo).`,
    `the sandbox's consent page for ${person.member.name}`,
  );
  await page.locator('#wecom-consent-allow').click();
  await page.waitForURL(deepLink, { timeout: 60_000 });
  await expectSignedInAs(page, demo, person.nickname);
  await page.getByText('System settings').first().waitFor();
  await camera.shoot(
    page,
    'wecom-first-landing',
    `Linked by phone to "${person.nickname}" and landed on the deep link itself (/admin/settings/system-settings?from=workbench).`,
    `signed in as ${person.nickname}`,
  );

  const returning = track(walk, await openWeComContext(walk.browser, demo.sandboxUrl, person.member, PHONE));
  const again = await returning.newPage();
  const wentToConsent: string[] = [];
  again.on('request', (request) => {
    if (request.url().includes('snsapi_privateinfo')) wentToConsent.push(request.url());
  });
  await again.goto(deepLink);
  await again.waitForURL(deepLink, { timeout: 60_000 });
  await expectSignedInAs(again, demo, person.nickname);
  await again.getByText('System settings').first().waitFor();
  if (wentToConsent.length > 0) throw new Error('the returning sign-in went to the consent page');
  await camera.shoot(
    again,
    'wecom-returning',
    `Returning, in a fresh webview: straight to the page, signed in as "${person.nickname}", no consent page.`,
    `signed in as ${person.nickname}, WeCom asked nothing`,
  );
}

async function failure(walk: Walk, person: WalkPerson): Promise<void> {
  const { demo, camera } = walk;
  console.log('• in the WeCom client: a sign-in that fails');
  const context = track(walk, await openWeComContext(walk.browser, demo.sandboxUrl, person.member, PHONE));
  const page = await context.newPage();
  await page.goto(`${demo.appUrl}/admin`);
  await page.locator('#wecom-consent-allow').click({ timeout: 60_000 });
  await page.getByTestId('wecom-sign-in-error').waitFor({ timeout: 60_000 });
  await untilToastsFade(page);
  await camera.shoot(
    page,
    'wecom-error',
    `${person.member.name}'s phone matches no NocoBase user and sign-up is off: the sign-in page says so (USER_NOT_FOUND), and stays there.`,
    'no loop back to WeCom',
  );
}

async function adminForm(walk: Walk): Promise<void> {
  const { demo, camera } = walk;
  console.log('• admin: the WeCom authenticator form');
  const context = track(walk, await openDesktopContext(walk.browser, { viewport: { width: 1280, height: 1000 } }));
  const page = await context.newPage();
  await signInWithPassword(page, demo, AUTHENTICATORS_PATH);
  await page.getByRole('button', { name: 'Add new' }).click();
  await page.getByRole('menuitem', { name: 'WeCom' }).click();
  const drawer = authenticatorDrawer(page);
  await formInput(drawer, 'Auth UID').fill('wecom_hq');
  await formInput(drawer, 'Title').fill('WeCom (HQ)');
  await formInput(drawer, 'Corp ID').fill(DEMO_CORP_ID);
  await formInput(drawer, 'AgentId').fill(String(DEMO_WECOM_APP.agentId));
  await formInput(drawer, 'Secret').fill(DEMO_WECOM_APP.secret);
  await formInput(drawer, 'Origin').fill(demo.appUrl);
  await formInput(drawer, 'API base URL').fill(demo.sandboxUrl);
  await formInput(drawer, 'OAuth base URL').fill(demo.sandboxUrl);
  await formInput(drawer, 'Web login base URL').fill(demo.sandboxUrl);
  const check = drawer.getByTestId('wecom-check');
  await check.getByRole('button', { name: 'Check configuration' }).click();
  await check.locator('.ant-alert-success').nth(2).waitFor();
  await drawer.getByTestId('wecom-homepage-link').scrollIntoViewIfNeeded();
  await camera.shoot(
    page,
    'admin-form-check-passed',
    'Admin, Settings → Authentication → Add new → WeCom: the homepage link to paste into WeCom, and "Check configuration" passing.',
  );
  await formInput(drawer, 'Corp ID').fill('wwwrongcorp0001');
  await check.getByRole('button', { name: 'Check configuration' }).click();
  await check.locator('.ant-alert-error').first().waitFor();
  await drawer.getByTestId('wecom-homepage-link').scrollIntoViewIfNeeded();
  await camera.shoot(
    page,
    'admin-form-check-failed',
    'The same form with a mistyped Corp ID: the check names the problem in plain words (40013). Nothing was saved.',
  );
  await drawer.getByRole('button', { name: 'Cancel' }).click();
}

function writeReadme(out: string, shots: Shot[], demo: DemoInfo): void {
  const lines = [
    '# Walkthrough',
    '',
    `Screenshots taken by \`npm run demo:walkthrough\` (scripts/walkthrough.ts) in headless Chromium, against the demo app (NocoBase 2.2.15 with this plugin, the WeCom sandbox standing in for WeCom). The dark strip along the bottom of each picture is drawn by the script: the page's address (${new URL(demo.appUrl).host} is NocoBase, ${new URL(demo.sandboxUrl).host} the sandbox) and what to look for.`,
    '',
    "The in-client steps use the WeCom iOS app's user agent and a phone's screen; the desktop steps a desktop Chrome.",
    '',
    '| Step | Screenshot | What it shows |',
    '|---:|---|---|',
    ...shots.map(
      (shot, index) => `| ${index + 1} | [${shot.file}](${shot.file}) | ${shot.caption.replaceAll('|', '\\|')} |`,
    ),
    '',
  ];
  writeFileSync(join(out, 'README.md'), lines.join('\n'));
}

async function demoToWalk(options: Options): Promise<{ info: DemoInfo; stop: () => Promise<void> }> {
  if (options.attach) {
    const info: DemoInfo = {
      appUrl: `http://127.0.0.1:${options.appPort}`,
      sandboxUrl: `http://127.0.0.1:${options.sandboxPort}`,
      authenticator: DEMO_AUTHENTICATOR,
      root: { account: DEMO_ROOT.account, email: DEMO_ROOT.email, password: DEMO_ROOT.password },
    };
    return { info, stop: async () => {} };
  }
  const demo: StartedDemo = await startDemo({
    appDir: options.appDir,
    appPort: options.appPort,
    sandboxPort: options.sandboxPort,
    log: (line) => console.log(`[demo] ${line}`),
  });
  return {
    info: { appUrl: demo.appUrl, sandboxUrl: demo.sandbox.url, authenticator: demo.authenticator, root: demo.root },
    stop: () => demo.stop(),
  };
}

/** The demo's people have Chinese names; without a CJK font Chromium draws them as empty boxes. */
function warnWithoutCjkFont(): void {
  const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (fonts.status === 0 && fonts.stdout.trim() === '') {
    console.warn('! No Chinese font is installed: names will show as boxes (Debian: apt-get install fonts-wqy-zenhei)');
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  warnWithoutCjkFont();
  const started = Date.now();
  const { info: demo, stop } = await demoToWalk(options);
  console.log(`• demo at ${demo.appUrl} (sandbox ${demo.sandboxUrl}), app directory ${resolveAppDir(options.appDir)}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  mkdirSync(options.out, { recursive: true });
  // Old shots go first, so the folder never mixes two runs.
  for (const file of readdirSync(options.out)) {
    if (/^(\d\d-.*|failed)\.png$/.test(file)) rmSync(join(options.out, file));
  }
  const walk: Walk = {
    demo,
    browser,
    admin: await NocoBaseAdmin.signIn(demo),
    camera: new Camera(options.out),
    contexts: [],
  };
  const people: WalkPerson[] = [];
  try {
    await desktopQr(walk);
    const newcomer = await newPerson(walk, '陈静', 'Chen Jing', true);
    people.push(newcomer);
    await inClient(walk, newcomer);
    const stranger = await newPerson(walk, '周敏', '', false);
    people.push(stranger);
    await failure(walk, stranger);
    await adminForm(walk);
    writeReadme(options.out, walk.camera.shots, demo);
    console.log(
      `• ${walk.camera.shots.length} screenshots and README.md in ${relative(process.cwd(), options.out)} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } catch (error) {
    // What the page showed when a step gave up, next to the shots, to see why.
    const page = walk.contexts.at(-1)?.pages().at(-1);
    await page?.screenshot({ path: join(options.out, 'failed.png') }).catch(() => {});
    throw error;
  } finally {
    for (const context of walk.contexts) await context.close().catch(() => {});
    await browser.close();
    await forget(walk, people).catch((error: unknown) => console.error(`! cleaning up: ${String(error)}`));
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(`\nThe walkthrough failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
