import { recordFaultOutcome, startFaultCell } from '../../../testing/fault-case';
import type { MemberChoice } from '../../../testing/wecom-member';
import { bindZhangSan, expectSignInPage, type SignInResult, tokenOf, whoAmI } from '../harness';
import {
  authorizeTrips,
  callsText,
  expectLogged,
  FAULT_NAMES,
  FAULTS,
  type FaultBench,
  type FaultName,
  GETTOKEN,
  halfDoneText,
  injectFault,
  logText,
  MEMBER_CALL,
  type Outcome,
  shownMessage,
  startFaultBench,
  TimedBrowser,
  TOKEN_CALL,
} from './fault-bench';

/** A sign-in through WeCom's callback, in one of the ways a member comes, and what it must end in when it succeeds. */
export interface SignInFlow {
  name: string;
  userAgent: string;
  /** Who is signed in to the WeCom client; null on a desktop browser. */
  weComUser: string | null;
  choice?: MemberChoice;
  /** The member's WeCom userid and the NocoBase user they must end up as (`name` when WeCom gave it). */
  member: { userid: string; nickname: string };
  /** A first sign-in links (or creates) the user; a returning member (Zhang San) is bound before each cell. */
  firstSignIn: boolean;
  /** WeCom authorize pages a whole sign-in visits: 2 with the consent round, else 1. */
  authorizeTrips: number;
}

/** 张三, whose phone number the seeded NocoBase user Zhang San has. */
export const ZHANG_SAN = { userid: 'zhangsan', nickname: 'Zhang San' } as const;

/** The calls of a returning member's sign-in: the access token (cold in every cell) and the code exchange. */
export const RETURNING_CALLS: readonly CallOfFlow[] = [
  { call: GETTOKEN, outcomes: TOKEN_CALL },
  { call: '/cgi-bin/auth/getuserinfo', outcomes: MEMBER_CALL },
];

/** A flow, the calls it makes that get the faults, and settings it needs for all its cells (undone after them). */
export interface FlowCells {
  flow: SignInFlow;
  calls: readonly CallOfFlow[];
  settings?: { apply(bench: FaultBench): Promise<unknown>; undo(bench: FaultBench): Promise<unknown> };
}

/** A file of flows on one NocoBase app: a describe per flow, a test per cell. */
export function describeFlows(title: string, flows: readonly FlowCells[]): void {
  describe(title, () => {
    let bench: FaultBench;

    beforeAll(async () => {
      bench = await startFaultBench();
    });

    afterAll(async () => {
      await bench.close();
    });

    for (const { flow, calls, settings } of flows) {
      describe(flow.name, () => {
        if (settings) {
          beforeAll(() => settings.apply(bench));
          afterAll(() => settings.undo(bench));
        }
        it.for(cellsFor(calls))('%s', ([, cell], { task }) => runSignInCell(bench, flow, cell, task));
      });
    }
  });
}

/** One cell per fault for each of the flow's WeCom calls, with where it must end. */
export interface SignInCell {
  call: string;
  fault: FaultName;
  expected: Outcome;
  /** Earlier calls of the same path answered normally first (the code exchange after consent is the second). */
  skip: number;
  label: string;
}

export interface CallOfFlow {
  call: string;
  outcomes: Record<FaultName, Outcome>;
  skip?: number;
  /** How the table names the call, when the path alone does not say which of its calls it is. */
  label?: string;
}

/** `[test name, cell]` for `it.for`: every fault on each call. */
export function cellsFor(calls: readonly CallOfFlow[]): Array<[string, SignInCell]> {
  return calls.flatMap(({ call, outcomes, skip = 0, label = call }) =>
    FAULT_NAMES.map((fault): [string, SignInCell] => [
      `${label} × ${FAULTS[fault].label}`,
      { call, fault, expected: outcomes[fault], skip, label },
    ]),
  );
}

/**
 * Runs one cell: the flow with the call's next answer faulty, then asserts that it ended signed in as the right user
 * or on the sign-in page with the expected code, with no request hanging past its deadline, no 5xx, no loop through
 * WeCom, nothing half-created and no binding to another user, and that the log says it once, without secrets.
 */
export async function runSignInCell(
  bench: FaultBench,
  flow: SignInFlow,
  cell: SignInCell,
  task: Parameters<typeof startFaultCell>[0],
): Promise<void> {
  const { harness } = bench;
  startFaultCell(task, { call: cell.label, fault: FAULTS[cell.fault].label, flow: flow.name });
  await bench.reset();
  if (!flow.firstSignIn) await bindZhangSan(harness);
  await injectFault(harness, cell.call, cell.fault, cell.skip);
  const before = await bench.snapshot();
  const browser = new TimedBrowser(harness, flow.userAgent, flow.weComUser);

  let result: SignInResult | null = null;
  let failure: string | null = null;
  try {
    result = await browser.signIn({}, flow.choice);
  } catch (error) {
    // A request past its deadline, a 5xx from the callback or a loop through WeCom: the cell fails on it below.
    failure = error instanceof Error ? error.message : String(error);
  }
  const after = await bench.snapshot();
  const calls = await harness.sandbox.control.calls();

  expect(failure).toBeNull();
  expect(browser.requests.filter((request) => request.status >= 500)).toEqual([]);
  expect(authorizeTrips(calls)).toBeLessThanOrEqual(flow.authorizeTrips);
  if (!result) throw new Error('unreachable: no result without a failure');

  let userSaw: string;
  const token = tokenOf(result);
  if (cell.expected === 'signed in' || cell.expected === 'signed in, named by the userid') {
    const nickname = cell.expected === 'signed in' ? flow.member.nickname : flow.member.userid;
    const me = await whoAmI(harness, token);
    expect(me).toMatchObject({ status: 200, nickname });
    expect(`${result.location.origin}${result.location.pathname}`).toMatch(/\/admin$/);
    const created = after.users.filter((user) => !before.users.some((old) => old.id === user.id));
    const binding = { authenticator: 'wecom', uuid: flow.member.userid, userId: me.id };
    if (flow.firstSignIn) {
      // Exactly one binding more, this member's to the user signed in; a new user only where none had the number.
      expect(after.bindings).toEqual(expect.arrayContaining([...before.bindings, binding]));
      expect(after.bindings).toHaveLength(before.bindings.length + 1);
      expect(created.map((user) => user.id)).toEqual(before.users.some((user) => user.id === me.id) ? [] : [me.id]);
    } else {
      expect(after).toEqual(before);
    }
    userSaw = `signed in as ${nickname}, on ${result.location.pathname}`;
  } else {
    expectSignInPage(result, cell.expected);
    expect(token).toBe('');
    expect(after).toEqual(before);
    const message = shownMessage(cell.expected);
    expect(message).not.toMatch(/\{\{|^$/);
    userSaw = `302 → sign-in page, ${cell.expected}: "${message}"`;
  }

  const failed = cell.expected !== 'signed in';
  const entries = bench.logs.of(browser.reqIds);
  const secrets = await bench.secrets();
  // A signed-in member's sign-in cached the access token, which the logs are searched for.
  if (token) expect(secrets.length).toBeGreaterThan(1);
  const lines = expectLogged(entries, cell.call, failed, cell.fault, [...secrets, token]);
  recordFaultOutcome(task, {
    userSaw,
    time: browser.timeText,
    calls: callsText(calls),
    log: logText(lines),
    halfDone: halfDoneText(before, after),
  });
}
