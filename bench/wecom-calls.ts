import { BenchBrowser, isSignedIn, UA } from './browser.ts';
import type { BenchSandbox } from './sandbox.ts';
import { MEMBERS } from './sandbox.ts';

export interface CallCount {
  scenario: string;
  /** What the plugin should cost, to compare at a glance. */
  expected: string;
  /** Server-to-server calls (`/cgi-bin/…`), by path without the prefix. */
  api: Record<string, number>;
  apiTotal: number;
  /** Pages the browser opened on WeCom (authorize, consent, QR); not our server's cost, shown for context. */
  browserHops: number;
}

type Scenario = { name: string; expected: string; userAgent: string; member: string };

/**
 * In this order on purpose: the first sign-in of the app finds no cached access token (cold); it also binds
 * the member that every later returning sign-in uses.
 */
const SCENARIOS: Scenario[] = [
  {
    name: 'First login by phone, token cold',
    expected: 'gettoken 1 + getuserinfo 2 + getuserdetail 1',
    userAgent: UA.weComIos,
    member: MEMBERS.returning.userid,
  },
  {
    name: 'First login by phone, token warm',
    expected: 'getuserinfo 2 + getuserdetail 1',
    userAgent: UA.weComIos,
    member: MEMBERS.firstLogin.userid,
  },
  {
    name: 'Returning member, inside WeCom',
    expected: 'getuserinfo 1',
    userAgent: UA.weComIos,
    member: MEMBERS.returning.userid,
  },
  {
    name: 'Returning member, QR (web login)',
    expected: 'getuserinfo 1',
    userAgent: UA.desktopChrome,
    member: MEMBERS.returning.userid,
  },
];

export function splitCalls(calls: Record<string, number>): Pick<CallCount, 'api' | 'apiTotal' | 'browserHops'> {
  const api: Record<string, number> = {};
  let browserHops = 0;
  for (const [path, count] of Object.entries(calls)) {
    if (path.startsWith('/cgi-bin/')) api[path.slice('/cgi-bin/'.length)] = count;
    else browserHops += count;
  }
  return { api, apiTotal: Object.values(api).reduce((sum, count) => sum + count, 0), browserHops };
}

/** One full sign-in per scenario, each with the sandbox's counters reset before it. */
export async function countWeComCalls(origin: string, sandbox: BenchSandbox): Promise<CallCount[]> {
  const counts: CallCount[] = [];
  for (const scenario of SCENARIOS) {
    await sandbox.control.resetCalls();
    const answer = await new BenchBrowser(origin, scenario.userAgent, scenario.member).signIn();
    if (!isSignedIn(answer)) {
      throw new Error(`${scenario.name}: not signed in (${answer.status} → ${answer.location})`);
    }
    counts.push({ scenario: scenario.name, expected: scenario.expected, ...splitCalls(await sandbox.control.calls()) });
  }
  return counts;
}

export function describeApiCalls(api: Record<string, number>): string {
  const parts = Object.entries(api).map(([path, count]) => `${path} ${count}`);
  return parts.length ? parts.join(' + ') : 'none';
}
