import { UA } from '../harness';
import { type FaultBench, MEMBER_CALL, NAME_CALL } from './fault-bench';
import { describeFlows, RETURNING_CALLS, ZHANG_SAN } from './sign-in-cells';

const setAutoSignup = (bench: FaultBench, autoSignup: boolean) =>
  bench.harness.app.db
    .getRepository('authenticators')
    .update({ filter: { name: 'wecom' }, values: { options: bench.harness.options({ autoSignup }) } });

/** The WeCom calls of a sign-in inside the WeCom client (in-client OAuth), each answered by every fault in turn. */
describeFlows('faults in the WeCom client', [
  {
    flow: {
      name: 'in the client, returning member',
      userAgent: UA.weComIos,
      weComUser: ZHANG_SAN.userid,
      member: ZHANG_SAN,
      firstSignIn: false,
      authorizeTrips: 1,
    },
    calls: RETURNING_CALLS,
  },
  {
    flow: {
      name: 'in the client, first sign-in, linked by phone',
      userAgent: UA.weComIos,
      weComUser: ZHANG_SAN.userid,
      member: ZHANG_SAN,
      firstSignIn: true,
      authorizeTrips: 2,
    },
    calls: [
      // The first exchange is the silent round's, the same call a returning member's sign-in makes.
      {
        call: '/cgi-bin/auth/getuserinfo',
        outcomes: MEMBER_CALL,
        skip: 1,
        label: '/cgi-bin/auth/getuserinfo (after consent)',
      },
      { call: '/cgi-bin/auth/getuserdetail', outcomes: MEMBER_CALL },
    ],
  },
  {
    flow: {
      name: 'in the client, first sign-in, automatic sign-up',
      userAgent: UA.weComIos,
      weComUser: 'lisi',
      member: { userid: 'lisi', nickname: '李四' },
      firstSignIn: true,
      authorizeTrips: 2,
    },
    calls: [{ call: '/cgi-bin/user/get', outcomes: NAME_CALL, label: "/cgi-bin/user/get (the new user's name)" }],
    settings: { apply: (bench) => setAutoSignup(bench, true), undo: (bench) => setAutoSignup(bench, false) },
  },
]);
