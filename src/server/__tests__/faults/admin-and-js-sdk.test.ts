import { signInErrorMessage } from '../../../sdk-shim/messages';
import { recordFaultOutcome, startFaultCell } from '../../../testing/fault-case';
import { AGENT_ID, asRoot, ORIGIN, UA } from '../harness';
import {
  APP_CALL,
  callsText,
  expectLogged,
  FAULT_NAMES,
  FAULTS,
  type FaultBench,
  type FaultName,
  faultErrcode,
  GETTOKEN,
  halfDoneText,
  injectFault,
  logText,
  type Outcome,
  REQUEST_DEADLINE_MS,
  startFaultBench,
  TIMEOUT_MS,
  TOKEN_CALL,
  withinDeadline,
} from './fault-bench';

/** `[test name, call, fault]` for every fault on each call. */
function cellsOf(calls: readonly string[]): Array<[string, string, FaultName]> {
  return calls.flatMap((call) =>
    FAULT_NAMES.map((fault): [string, string, FaultName] => [`${call} × ${FAULTS[fault].label}`, call, fault]),
  );
}

/** The calls an action makes outside a sign-in: the JS-SDK signatures, and the admin's Check configuration. */
describe('faults in the JS-SDK configuration and in Check configuration', () => {
  let bench: FaultBench;

  beforeAll(async () => {
    bench = await startFaultBench();
  });

  afterAll(async () => {
    await bench.close();
  });

  /** A request with its deadline, timed. */
  async function timed<T>(what: string, send: () => Promise<T>): Promise<{ answer: T; ms: number }> {
    const started = performance.now();
    const answer = await withinDeadline(send(), what);
    return { answer, ms: Math.round(performance.now() - started) };
  }

  describe('POST /api/wecom:getJsSdkConfig (tickets from a cold cache)', () => {
    const page = `${ORIGIN}/m/tasks?id=7`;
    const outcomes: Record<string, Record<FaultName, Outcome>> = {
      [GETTOKEN]: TOKEN_CALL,
      '/cgi-bin/get_jsapi_ticket': APP_CALL,
      '/cgi-bin/ticket/get': APP_CALL,
    };

    it.for(cellsOf(Object.keys(outcomes)))('%s', async ([, call, fault], { task }) => {
      const { harness } = bench;
      startFaultCell(task, { call, fault: FAULTS[fault].label, flow: 'JS-SDK config (ww.register) in the client' });
      await bench.reset();
      await injectFault(harness, call, fault);
      const before = await bench.snapshot();
      const { answer, ms } = await timed('POST /api/wecom:getJsSdkConfig', () =>
        harness.app
          .agent()
          .post('/wecom:getJsSdkConfig')
          .set('X-Authenticator', 'wecom')
          .set('User-Agent', UA.weComIos)
          .send({ url: page }),
      );
      const calls = await harness.sandbox.control.calls();
      const expected = outcomes[call]?.[fault];

      let userSaw: string;
      if (expected === 'signed in') {
        expect(answer.status).toBe(200);
        const { config, agentConfig } = answer.body.data;
        const control = harness.sandbox.control;
        expect(await control.verifyJsSdkSignature({ kind: 'corp', url: page, ...config })).toMatchObject({
          errcode: 0,
        });
        expect(
          await control.verifyJsSdkSignature({ kind: 'agent', agentId: AGENT_ID, url: page, ...agentConfig }),
        ).toMatchObject({ errcode: 0 });
        userSaw = '200: config and agentConfig signed, WeCom accepts both';
      } else {
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).not.toBe(500);
        expect(answer.body.errors).toEqual([
          { code: expected, message: signInErrorMessage(String(expected), 'en-US', { ip: '127.0.0.1' }) },
        ]);
        userSaw = `${answer.status} ${expected}: "${answer.body.errors[0].message}"`;
      }
      expect(await bench.snapshot()).toEqual(before);
      const reqId = String(answer.headers['x-request-id']);
      const secrets = await bench.secrets();
      // Signed: the token and both tickets were cached, and the logs are searched for each.
      if (expected === 'signed in') expect(secrets.length).toBe(4);
      const lines = expectLogged(bench.logs.of([reqId]), call, expected !== 'signed in', fault, secrets);
      recordFaultOutcome(task, {
        userSaw,
        time: `${ms} ms (deadline ${REQUEST_DEADLINE_MS} ms)`,
        calls: callsText(calls),
        log: logText(lines),
        halfDone: halfDoneText(before, await bench.snapshot()),
      });
    });
  });

  describe('POST /api/wecom:checkConfig with the saved secret', () => {
    /** What the admin must read for each fault: the finding's message, or every check passing. */
    const FINDINGS: Record<FaultName, RegExp | 'ok'> = {
      http5xx:
        /^WeCom's server answered HTTP 503 instead of an API answer\. Try again later; if it persists, check the API base URL\.$/,
      slow: new RegExp(
        `^Could not reach 127\\.0\\.0\\.1:\\d+: no answer within ${TIMEOUT_MS} ms\\. Check this server's network or proxy and the API base URL under WeCom addresses \\(advanced\\), or raise the timeout there\\.$`,
      ),
      malformed: /^WeCom's answer could not be read\. Check that the API base URL is WeCom's API\.$/,
      dropped:
        /^Could not reach 127\.0\.0\.1:\d+: the connection closed without an answer \(.+\)\. Check this server's network or proxy and the API base URL under WeCom addresses \(advanced\), then try again\.$/,
      busyOnce: 'ok',
      busyStays: /^WeCom answered -1: it stayed busy\. Try again in a minute\.$/,
      invalidToken: 'ok',
      expiredToken: 'ok',
      rateLimited: /^WeCom answered 45009: this app called it more often than WeCom allows\. Try again in a minute\.$/,
      ipNotTrusted:
        /^WeCom answered 60020: it takes no calls from this server's IP address 127\.0\.0\.1\. Add 127\.0\.0\.1 to the app's trusted IPs in WeCom \(Apps → the app → Trusted IP\)\.$/,
      noPrivilege:
        /^WeCom answered 60011: the app lacks a privilege for this call\. Check the app's API permissions in WeCom's admin console\.$/,
    };
    /** gettoken sends no token: a 40014 or 42001 from it cannot be cured by another token, and is shown as said. */
    const GETTOKEN_FINDINGS: Record<FaultName, RegExp | 'ok'> = {
      ...FINDINGS,
      invalidToken: /^WeCom answered 40014: invalid access_token, hint: /,
      expiredToken: /^WeCom answered 42001: access_token expired, hint: /,
    };
    const findings: Record<string, { key: string; expected: Record<FaultName, RegExp | 'ok'> }> = {
      [GETTOKEN]: { key: 'credentials', expected: GETTOKEN_FINDINGS },
      '/cgi-bin/agent/get': { key: 'agent', expected: FINDINGS },
    };

    it.for(cellsOf(Object.keys(findings)))('%s', async ([, call, fault], { task }) => {
      const { harness } = bench;
      startFaultCell(task, { call, fault: FAULTS[fault].label, flow: 'Check configuration (admin)' });
      await bench.reset();
      const root = await asRoot(harness);
      await injectFault(harness, call, fault);
      const before = await bench.snapshot();
      const { answer, ms } = await timed('POST /api/wecom:checkConfig', () =>
        root.post('/wecom:checkConfig').send({ name: 'wecom', options: harness.options({ secret: '' }) }),
      );
      const calls = await harness.sandbox.control.calls();
      const { key, expected } = findings[call] ?? { key: '', expected: FINDINGS };
      const wanted = expected[fault];

      expect(answer.status).toBe(200);
      const checks: Array<{ key: string; ok: boolean; message: string; errcode: number | null }> =
        answer.body.data.checks;
      let userSaw: string;
      if (wanted === 'ok') {
        expect(answer.body.data.ok).toBe(true);
        expect(checks.map((check) => check.key)).toEqual(['credentials', 'agent', 'trustedDomain']);
        userSaw = '200: every check passes';
      } else {
        expect(answer.body.data.ok).toBe(false);
        const failed = checks.filter((check) => !check.ok);
        expect(failed).toHaveLength(1);
        expect(failed[0]).toMatchObject({ key, errcode: faultErrcode(fault) });
        expect(failed[0]?.message).toMatch(wanted);
        userSaw = `200, finding "${key}": "${failed[0]?.message}"`;
      }
      expect(await bench.snapshot()).toEqual(before);
      const reqId = String(answer.headers['x-request-id']);
      // The admin reads the finding itself; nothing is logged as an error, and no secret is logged.
      expectLogged(bench.logs.of([reqId]), call, false, fault, await bench.secrets());
      recordFaultOutcome(task, {
        userSaw,
        time: `${ms} ms (deadline ${REQUEST_DEADLINE_MS} ms)`,
        calls: callsText(calls),
        log: 'none: the finding is the answer',
        halfDone: halfDoneText(before, await bench.snapshot()),
      });
    });
  });
});
