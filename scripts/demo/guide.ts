import { relative } from 'node:path';
import { CLIENT_ENTRY } from '../../src/testing/plugin-package.ts';
import { DEMO_CORP_ID, DEMO_PEOPLE, DEMO_WECOM_APP } from './directory.ts';
import type { StartedDemo } from './types.ts';

/**
 * The WeCom Windows client's user agent (wecom-protocol.md §6). Chrome sends it after DevTools →
 * Network conditions → User agent → Custom; the sandbox and the plugin then treat the tab as the client.
 */
export const WECOM_WINDOWS_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 ' +
  'Language/zh ColorScheme/Light wxwork/4.1.36 (MicroMessenger/6.2) WindowsWechat MailPlugin_Electron WeMail ' +
  'embeddisk wwmver/3.26.36.641';

/** The workbench homepage link an admin pastes into WeCom: it signs the employee in before any page loads. */
export function homepageLink(demo: Pick<StartedDemo, 'appUrl' | 'authenticator'>, redirect = '/admin'): string {
  return `${demo.appUrl}/api/wecom:authorize?authenticator=${demo.authenticator}&redirect=${redirect}`;
}

/** Signs the simulated WeCom client in as `userid`, then opens `next`: one link per case to try. */
export function sessionLink(sandboxUrl: string, userid: string, next: string): string {
  return `${sandboxUrl}/__sandbox/session?${new URLSearchParams({ userid, next })}`;
}

/** Terminal columns of a text: CJK characters take two, so that the table lines up. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(char) ? 2 : 1;
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function directoryTable(): string[] {
  return DEMO_PEOPLE.map((person) => {
    const who = pad(`${person.member.name} ${person.member.userid}`, 14);
    const mobile = pad(person.member.mobile ?? '(no mobile)', 19);
    const user = pad(person.user ? `${person.user.nickname} ${person.user.phone}` : '—', 23);
    return `    ${who} ${mobile} ${user} ${person.outcome}`;
  });
}

function clientWarning(demo: StartedDemo): string[] {
  if (demo.pluginClientBuilt) return [];
  return [
    '',
    `  ! The plugin's ${CLIENT_ENTRY} is not built yet: NocoBase's pages show "App error: Script error" and`,
    "    /signin has no WeCom button, and nothing takes the session from the landing URL's fragment, so the",
    '    links below end on /admin signed out. Run the demo again when the client build lands.',
  ];
}

function clusterLines(demo: StartedDemo): string[] {
  if (!demo.cluster) return [];
  const { nodes, database, redisUrl, accessLog } = demo.cluster;
  return [
    `  cluster         nginx at ${demo.appUrl}, round robin over ${nodes.map((url, index) => `node ${index + 1} ${url}`).join(', ')}`,
    `                  one PostgreSQL database (${database}, dropped on Ctrl-C), NocoBase's cache in ${redisUrl}`,
    `                  nginx's access log names the node of each request: tail -f ${accessLog}`,
  ];
}

/** What the demo prints once everything runs: where things are, and what to try. */
export function describeDemo(demo: StartedDemo): string {
  const home = homepageLink(demo);
  const sandbox = demo.sandbox.url;
  const logs = demo.logs.map((file) => relative(demo.appDir, file)).join(', ');
  return [
    '',
    'The demo is running. Ctrl-C stops NocoBase and the sandbox.',
    '',
    `  NocoBase        ${demo.appUrl}   (sign-in page ${demo.appUrl}/signin)`,
    ...clusterLines(demo),
    `  root account    ${demo.root.account} / ${demo.root.password}   (or ${demo.root.email})`,
    `  app directory   ${demo.appDir}   (NocoBase's output: ${logs})`,
    `  WeCom sandbox   ${sandbox}   (directory, "sign in as" links, control API)`,
    `                  (the app's trusted IPs: ${DEMO_WECOM_APP.trustedIps?.join(', ') ?? 'not checked'}, as NocoBase calls from here)`,
    `  authenticator   ${demo.authenticator}: corp ${DEMO_CORP_ID}, agent ${DEMO_WECOM_APP.agentId}, automatic login on, sign-up off`,
    `                  (${demo.appUrl}/admin/settings/auth/authenticators)`,
    '  workbench homepage link (what an admin pastes into WeCom):',
    `    ${home}`,
    ...clientWarning(demo),
    '',
    '  The sandbox directory:',
    ...directoryTable(),
    '',
    'What to try',
    '',
    '  1. Inside the WeCom client (emulated in Chrome)',
    '     Make the tab look like the WeCom client: DevTools → ⋮ → More tools → Network conditions →',
    '     User agent: untick "Use browser default", choose Custom, paste:',
    `       ${WECOM_WINDOWS_UA}`,
    '     Then pick who is signed in to "WeCom" and open the homepage link in one go:',
    `       ${sessionLink(sandbox, 'zhangsan', home)}`,
    '     张三, the first time: WeCom asks for consent (allow) and he lands on /admin as Zhang San, linked by',
    '     phone. Open the link again: silent this time. With automatic login on, opening',
    `     ${demo.appUrl}/admin in that tab signs him in too${demo.pluginClientBuilt ? '' : ' (once the client is built)'}.`,
    '     The same link with userid=zhaoliu (silent, already linked), lisi (USER_NOT_FOUND: sign-up is off),',
    '     wangwu (OUTSIDE_VISIBLE_RANGE), sunqi (MOBILE_UNAVAILABLE), openid:guest (NOT_A_MEMBER).',
    '',
    '  2. On a desktop browser (default user agent)',
    `     ${demo.appUrl}/signin → "Sign in with WeCom" (or open the homepage link above) → the sandbox's`,
    '     QR page: scan as 赵六 (linked: signed in at once), as 张三 after his first in-client sign-in, or',
    '     before it (SIGN_IN_FROM_WECOM_FIRST: WeCom gives web logins no phone), or as 王五 (WeCom refuses).',
    '',
    `  Reset the sandbox: curl -X POST ${sandbox}/__sandbox/reset   (consents are forgotten; links made in NocoBase stay)`,
    `  Ask for consent again: curl -X DELETE '${sandbox}/__sandbox/consents?userid=zhangsan'   (WeCom asks once in 30 days)`,
    '',
  ].join('\n');
}
