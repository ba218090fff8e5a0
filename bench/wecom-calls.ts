import { BenchBrowser, isSignedIn, UA } from './browser.ts';
import { type CallSplit, splitCalls } from './call-counts.ts';
import type { BenchSandbox } from './sandbox.ts';
import { MEMBERS } from './sandbox.ts';

export { describeApiCalls, splitCalls } from './call-counts.ts';

/** A scenario's name for readers of results.json (its `summary`), which the wording of `scenario` may outlive. */
export type ScenarioId = 'first-login-cold' | 'first-login-warm' | 'returning-in-client' | 'returning-qr';

export interface CallCount extends CallSplit {
  /** Absent in results of earlier runs. */
  id?: ScenarioId;
  scenario: string;
  /** What the plugin should cost, to compare at a glance. */
  expected: string;
}

type Scenario = { id: ScenarioId; name: string; expected: string; userAgent: string; member: string };

/**
 * In this order on purpose: the first sign-in of the app finds no cached access token (cold); it also binds
 * the member that every later returning sign-in uses.
 */
const SCENARIOS: Scenario[] = [
  {
    id: 'first-login-cold',
    name: 'First login by phone, token cold',
    expected: 'gettoken 1 + getuserinfo 2 + getuserdetail 1',
    userAgent: UA.weComIos,
    member: MEMBERS.returning.userid,
  },
  {
    id: 'first-login-warm',
    name: 'First login by phone, token warm',
    expected: 'getuserinfo 2 + getuserdetail 1',
    userAgent: UA.weComIos,
    member: MEMBERS.firstLogin.userid,
  },
  {
    id: 'returning-in-client',
    name: 'Returning member, inside WeCom',
    expected: 'getuserinfo 1',
    userAgent: UA.weComIos,
    member: MEMBERS.returning.userid,
  },
  {
    id: 'returning-qr',
    name: 'Returning member, QR (web login)',
    expected: 'getuserinfo 1',
    userAgent: UA.desktopChrome,
    member: MEMBERS.returning.userid,
  },
];

/** One full sign-in per scenario, each with the sandbox's counters reset before it. */
export async function countWeComCalls(origin: string, sandbox: BenchSandbox): Promise<CallCount[]> {
  const counts: CallCount[] = [];
  for (const scenario of SCENARIOS) {
    await sandbox.control.resetCalls();
    const answer = await new BenchBrowser(origin, scenario.userAgent, scenario.member).signIn();
    if (!isSignedIn(answer)) {
      throw new Error(`${scenario.name}: not signed in (${answer.status} → ${answer.location})`);
    }
    counts.push({
      id: scenario.id,
      scenario: scenario.name,
      expected: scenario.expected,
      ...splitCalls(await sandbox.control.calls()),
    });
  }
  return counts;
}
