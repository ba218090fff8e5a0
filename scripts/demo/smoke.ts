import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HttpBrowser, USER_AGENTS } from '../../src/testing/http-browser.ts';
import { seconds } from '../../src/testing/log-text.ts';
import { asRecords, type Json, NocoBaseApi, whoIs } from '../../src/testing/nocobase-api.ts';
import { pluginPackageName } from '../../src/testing/project-links.ts';
import { startDemo } from './index.ts';
import type { StartedDemo } from './types.ts';

/**
 * `npm run demo:smoke`: starts its own demo app (default `.demo/smoke` on ports 13300 and 8790, so it
 * can run beside `npm run demo`), checks it over plain HTTP as a browser and the WeCom client would, stops
 * it, and checks that no process of it is left. Exits 1 on the first failed check.
 */

interface Check {
  name: string;
  run(demo: StartedDemo): Promise<string>;
}

async function enabledPluginPackages(appUrl: string): Promise<string[]> {
  const plugins = asRecords(await new NocoBaseApi(appUrl).call('pm:listEnabled'));
  return plugins.map((plugin) => String(plugin.packageName));
}

async function publicAuthenticators(appUrl: string): Promise<Json[]> {
  return asRecords(await new NocoBaseApi(appUrl).call('authenticators:publicList'));
}

/** The nickname of the user behind a token, as NocoBase's `auth:check` answers. */
async function nicknameOf(demo: StartedDemo, token: string): Promise<string | undefined> {
  return (await whoIs(demo.appUrl, token, demo.authenticator)).user?.nickname;
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

async function signInInClient(demo: StartedDemo, userid: string): Promise<Awaited<ReturnType<HttpBrowser['signIn']>>> {
  return new HttpBrowser(demo.appUrl, USER_AGENTS.weComIos, userid).signIn(demo.authenticator, { consent: 'allow' });
}

const CHECKS: Check[] = [
  {
    name: 'the plugin is enabled (pm:listEnabled)',
    run: async (demo) => {
      const packages = await enabledPluginPackages(demo.appUrl);
      if (!packages.includes(pluginPackageName())) throw new Error(`not listed among ${packages.length} plugins`);
      return pluginPackageName();
    },
  },
  {
    name: 'authenticators:publicList shows wecom without its secret',
    run: async (demo) => {
      const wecom = (await publicAuthenticators(demo.appUrl)).find((entry) => entry.name === demo.authenticator);
      if (!wecom) throw new Error('wecom is not listed');
      const text = JSON.stringify(wecom);
      if (text.includes('secret')) throw new Error(`the secret leaks: ${text}`);
      return JSON.stringify(wecom.options);
    },
  },
  {
    name: '张三 in the WeCom client: consent (first time), linked by phone, auth:check says Zhang San',
    run: async (demo) => {
      const result = await signInInClient(demo, 'zhangsan');
      if (!result.token) throw new Error(`no token; landed on ${result.landed.href}`);
      expectEqual(result.landed.pathname, '/admin', 'landing page');
      expectEqual(await nicknameOf(demo, result.token), 'Zhang San', 'auth:check');
      return `${result.consentAsked ? 'consent asked' : 'already linked, silent'}; ${result.hops.length} hops`;
    },
  },
  {
    name: '张三 again: silent, no consent',
    run: async (demo) => {
      const result = await signInInClient(demo, 'zhangsan');
      if (!result.token || result.consentAsked)
        throw new Error(`expected a silent sign-in: ${result.hops.join(' → ')}`);
      return `${result.hops.length} hops`;
    },
  },
  {
    name: '赵六 (pre-linked) by desktop QR: signed in as Zhao Liu',
    run: async (demo) => {
      const browser = new HttpBrowser(demo.appUrl, USER_AGENTS.desktopChrome);
      const result = await browser.signIn(demo.authenticator, { scanAs: 'zhaoliu' });
      if (!result.token) throw new Error(`no token; landed on ${result.landed.href}`);
      expectEqual(await nicknameOf(demo, result.token), 'Zhao Liu', 'auth:check');
      return `${result.hops.length} hops`;
    },
  },
  ...(
    [
      ['lisi', 'USER_NOT_FOUND'],
      ['wangwu', 'OUTSIDE_VISIBLE_RANGE'],
      ['sunqi', 'MOBILE_UNAVAILABLE'],
    ] as const
  ).map(
    ([userid, code]): Check => ({
      name: `${userid} in the WeCom client: ${code} on the sign-in page`,
      run: async (demo) => {
        const result = await signInInClient(demo, userid);
        expectEqual(result.landed.pathname, '/signin', 'landing page');
        expectEqual(result.error, code, 'error');
        return result.landed.pathname + result.landed.search;
      },
    }),
  ),
];

/** Processes running in the app directory (NocoBase's CLI and server both do), from /proc: Linux only. */
function processesIn(appDir: string): string[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`) === appDir;
      } catch {
        return false;
      }
    })
    .map((pid) => `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: '.demo/smoke' },
      port: { type: 'string', default: '13300' },
      'sandbox-port': { type: 'string', default: '8790' },
      fresh: { type: 'boolean', default: false },
    },
  });
  const started = Date.now();
  const demo = await startDemo({
    appDir: values.dir,
    appPort: Number(values.port),
    sandboxPort: Number(values['sandbox-port']),
    fresh: values.fresh,
  });
  console.log(`• demo up in ${seconds(started)}; checking over HTTP`);
  let failed = false;
  for (const check of CHECKS) {
    try {
      console.log(`  ✓ ${check.name} — ${await check.run(demo)}`);
    } catch (error) {
      failed = true;
      console.log(`  ✗ ${check.name} — ${error instanceof Error ? error.message : String(error)}`);
      break;
    }
  }
  await demo.stop();
  const left = processesIn(demo.appDir);
  console.log(left.length === 0 ? '  ✓ stopped: no process left' : `  ✗ processes left:\n${left.join('\n')}`);
  process.exit(failed || left.length > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
