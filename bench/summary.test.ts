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

const cluster: NonNullable<SummarisedParts['cluster']> = {
  ratios: {
    twoNodesWecomToFloor: 0.93,
    oneNodeWecomToFloor: 0.91,
    twoNodesToOneNodeWecom: 1.21,
    twoNodesToOneNodeFloor: 1.25,
    aimWecomToFloor: 0.9,
    aimMet: true,
  },
};

describe('summariseResults', () => {
  it('takes each figure from the part that measures it', () => {
    expect(summariseResults({ server, browser: { silentToWithSession: 1.04 }, cluster })).toEqual({
      calls: { returning: 1, firstLogin: 3 },
      callback: { vsFloor: 0.889 },
      cluster: { vsFloor: 0.93, twoNodesVsOneNode: 1.21 },
      silent: { vsSession: 1.04 },
    });
  });

  it('is null where a part has not run, or ran before its scenarios had ids', () => {
    const withoutIds = { ...server, callsPerSignIn: server.callsPerSignIn.map(({ id: _id, ...count }) => count) };
    expect(summariseResults({ server: withoutIds, browser: null, cluster: null })).toEqual({
      calls: { returning: null, firstLogin: null },
      callback: { vsFloor: 0.889 },
      cluster: { vsFloor: null, twoNodesVsOneNode: null },
      silent: { vsSession: null },
    });
    expect(
      summariseResults({ server: null, browser: { silentToWithSession: 1.2 }, cluster: null }).callback.vsFloor,
    ).toBeNull();
  });
});
