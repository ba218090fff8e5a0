import { type SummarisedParts, summariseResults } from './summary.ts';

const server: NonNullable<SummarisedParts['server']> = {
  callsPerSignIn: [
    { id: 'first-login-cold', scenario: 'cold', expected: '', api: {}, apiTotal: 4, browserHops: 3 },
    { id: 'first-login-warm', scenario: 'warm', expected: '', api: {}, apiTotal: 3, browserHops: 3 },
    { id: 'returning-in-client', scenario: 'in client', expected: '', api: {}, apiTotal: 1, browserHops: 1 },
    { id: 'returning-qr', scenario: 'QR', expected: '', api: {}, apiTotal: 2, browserHops: 2 },
  ],
  ratios: {
    wecomToFloorThroughput: 0.889,
    wecomToFloorRedirectThroughput: 0.986,
    wecomToPasswordThroughput: 3.22,
    wecomToFloorByCpu: 0.888,
    aimWecomToFloor: 0.8,
    aimMet: true,
  },
};

describe('summariseResults', () => {
  it('takes each figure from the part that measures it', () => {
    expect(summariseResults({ server, browser: { silentToWithSession: 1.04 } })).toEqual({
      calls: { returning: 1, firstLogin: 3 },
      callback: { vsFloor: 0.889 },
      cluster: { vsFloor: null, twoNodesVsOneNode: null },
      silent: { vsSession: 1.04 },
    });
  });

  it('is null where a part has not run, or ran before its scenarios had ids', () => {
    const withoutIds = { ...server, callsPerSignIn: server.callsPerSignIn.map(({ id: _id, ...count }) => count) };
    expect(summariseResults({ server: withoutIds, browser: null })).toEqual({
      calls: { returning: null, firstLogin: null },
      callback: { vsFloor: 0.889 },
      cluster: { vsFloor: null, twoNodesVsOneNode: null },
      silent: { vsSession: null },
    });
    expect(summariseResults({ server: null, browser: { silentToWithSession: 1.2 } }).callback.vsFloor).toBeNull();
  });
});
