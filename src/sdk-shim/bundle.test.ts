// The script bundle as built, run in jsdom: what a WeCom client really downloads and executes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { createBuilder } from 'vite';
import { encodeLandingSession } from '../shared/session-fragment';
import type { SilentSignInDecision } from './silent';
import { OTHER_USER_AGENTS, WECOM_USER_AGENTS } from './user-agents.fixture';

const root = fileURLToPath(new URL('../..', import.meta.url));
let outDir = '';
let main = '';
let panel = '';

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'wecom-login-bundle-'));
  const builder = await createBuilder({
    root,
    configFile: join(root, 'vite.script.config.mts'),
    logLevel: 'silent',
    environments: { main: { build: { outDir } }, panel: { build: { outDir } } },
  });
  await builder.buildApp();
  main = readFileSync(join(outDir, 'wecom-login.js'), 'utf8');
  panel = readFileSync(join(outDir, 'wecom-login-panel.js'), 'utf8');
}, 60_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface Run {
  dom: JSDOM;
  navigations: string[];
}

/**
 * The main file inline in a page, as a `<script data-…>` tag, after `body`; navigation attempts are recorded, not
 * made. Nothing else loads: the panel file is there only when `body` has it.
 */
function run(url: string, userAgent: string, data: Record<string, string>, body = '', cookie = ''): Run {
  const navigations: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (error) => {
    if (/navigation/i.test(error.message)) navigations.push(error.message);
    else throw error;
  });
  const attributes = Object.entries(data)
    .map(([name, value]) => ` data-${name}="${value}"`)
    .join('');
  const dom = new JSDOM(`<!doctype html><body>${body}<script${attributes}>${main}</script></body>`, {
    url,
    runScripts: 'dangerously',
    // Before the inline script runs; jsdom 26 takes a user agent only through a resource loader.
    beforeParse(window) {
      Object.defineProperty(window.navigator, 'userAgent', { value: userAgent });
      if (cookie) window.document.cookie = cookie;
    },
    virtualConsole,
  });
  return { dom, navigations };
}

describe('the script bundle', () => {
  it('keeps wecom-login.js, all a WeCom client loads to sign in, within 5 kB gzip', () => {
    expect(gzipSync(main).length).toBeLessThanOrEqual(5000);
  });

  it('keeps @wecom/jssdk, the error texts and the admin texts out of wecom-login.js', () => {
    for (const jsSdk of ['WeixinJSBridge', 'ww-iframe-handle']) {
      expect(main).not.toContain(jsSdk);
      expect(panel).toContain(jsSdk);
    }
    expect(main).not.toContain('Please ask your administrator');
    expect(main).not.toContain('Check configuration');
    expect(panel).toContain('请联系管理员');
    expect(panel).not.toContain('Check configuration');
  });

  it('uses no syntax or built-in that older WeCom webviews lack (Chrome 66, Safari 12)', () => {
    for (const code of [main, panel]) {
      expect(code).not.toMatch(/\?\?|\?\.[\w(]|Object\.hasOwn|replaceChildren|Object\.fromEntries/);
    }
  });

  it('signs in silently in the WeCom client, adding no script', async () => {
    const { dom, navigations } = run('https://nocobase.example.com/admin/x9a8b7c?tab=2', WECOM_USER_AGENTS.android, {
      authenticator: 'wecom',
      target: '#login',
    });
    const api = (dom.window as unknown as { WeComLogin: { silentSignIn: Promise<SilentSignInDecision> } }).WeComLogin;
    expect(await api.silentSignIn).toEqual({
      action: 'redirect',
      url: 'https://nocobase.example.com/api/wecom:authorize?authenticator=wecom&redirect=%2Fadmin%2Fx9a8b7c%3Ftab%3D2',
      target: '/admin/x9a8b7c?tab=2',
    });
    expect(navigations).toHaveLength(1);
    expect(dom.window.sessionStorage.getItem('wecom-login:last-attempt')).toContain('/admin/x9a8b7c');
    expect(dom.window.document.scripts).toHaveLength(1);
    dom.window.close();
  });

  it("takes a landing's session in the WeCom client without the panel file", async () => {
    const nonce = '0123456789abcdef0123456789abcdef';
    const landing = encodeLandingSession({ token: 'eyJ.a.b', authenticator: 'wecom', nonce, hash: '#row-7' });
    const { dom, navigations } = run(
      `https://nocobase.example.com/admin/orders${landing}`,
      WECOM_USER_AGENTS.ios,
      { authenticator: 'wecom', target: '#login' },
      `<div id="login"></div><script>
        window.signedIn = [];
        document.addEventListener('wecom-login:signed-in', (event) => window.signedIn.push(event.detail));
      </script>`,
      `nb_wecom_landing_${nonce}=1; Path=/`,
    );
    const page = dom.window as unknown as {
      WeComLogin: { session: unknown; silentSignIn: Promise<SilentSignInDecision> };
      signedIn: unknown[];
    };
    const session = { token: 'eyJ.a.b', authenticator: 'wecom' };
    expect(page.signedIn).toEqual([session]);
    expect(page.WeComLogin.session).toEqual(session);
    expect(dom.window.location.href).toBe('https://nocobase.example.com/admin/orders#row-7');
    expect(await page.WeComLogin.silentSignIn).toEqual({ action: 'stay', reason: 'session' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(navigations).toHaveLength(0);
    expect(dom.window.document.scripts).toHaveLength(2);
    expect(dom.window.document.querySelector('#login')?.childElementCount).toBe(0);
    dom.window.close();
  });

  it('renders the translated button on a desktop browser, with the panel file', async () => {
    const { dom, navigations } = run(
      'https://nocobase.example.com/portal',
      OTHER_USER_AGENTS.chromeWindows,
      { authenticator: 'wecom', target: '#login', locale: 'zh-CN' },
      `<div id="login"></div><script>${panel}</script>`,
    );
    await vi.waitFor(() =>
      expect(dom.window.document.querySelector('#login .wecom-login__button')?.textContent).toBe('使用企业微信登录'),
    );
    expect(navigations).toHaveLength(0);
    dom.window.close();
  });

  it('defines WeComLoginPanel when the panel file runs', () => {
    const dom = new JSDOM(`<!doctype html><script>${panel}</script>`, {
      url: 'https://nocobase.example.com/portal',
      runScripts: 'dangerously',
    });
    const loaded = (dom.window as unknown as { WeComLoginPanel: Record<string, unknown> }).WeComLoginPanel;
    expect(Object.keys(loaded).sort()).toEqual(['mountLoginPanel', 'registerJsSdk', 'signInErrorMessage', 'start']);
    expect((loaded.signInErrorMessage as (code: string, locale: string) => string)('ACCESS_DENIED', 'zh-CN')).toBe(
      '已取消企业微信登录。',
    );
    dom.window.close();
  });
});
