import { AGENT_ID, UA } from '../harness';
import { type FaultBench, MEMBER_CALL } from './fault-bench';
import { describeFlows, RETURNING_CALLS, ZHANG_SAN } from './sign-in-cells';

/** WeCom still gives the directory's mobile to apps created before 2022-06-20, and web login needs it. */
const setCreatedBefore20220620 = (bench: FaultBench, createdBefore20220620: boolean) =>
  bench.harness.sandbox.control.configure({ apps: [{ agentId: AGENT_ID, createdBefore20220620 }] });

/** The WeCom calls of a desktop sign-in by QR code (web login), each answered by every fault in turn. */
describeFlows('faults in a desktop sign-in by QR code', [
  {
    flow: {
      name: 'desktop QR, returning member',
      userAgent: UA.desktopChrome,
      weComUser: null,
      choice: { scanAs: ZHANG_SAN.userid },
      member: ZHANG_SAN,
      firstSignIn: false,
      authorizeTrips: 1,
    },
    calls: RETURNING_CALLS,
  },
  {
    flow: {
      name: 'desktop QR, first sign-in, linked by the directory’s mobile',
      userAgent: UA.desktopChrome,
      weComUser: null,
      choice: { scanAs: ZHANG_SAN.userid },
      member: ZHANG_SAN,
      firstSignIn: true,
      authorizeTrips: 1,
    },
    calls: [{ call: '/cgi-bin/user/get', outcomes: MEMBER_CALL }],
    settings: {
      apply: (bench) => setCreatedBefore20220620(bench, true),
      undo: (bench) => setCreatedBefore20220620(bench, false),
    },
  },
]);
