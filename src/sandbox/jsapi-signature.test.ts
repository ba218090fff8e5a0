import { jsSdkSignature, signedUrl, verifyJsSdkSignature } from './jsapi-signature.ts';
import { getAgentTicket, getJsapiTicket } from './qyapi-logic.ts';
import { SandboxState } from './sandbox-state.ts';
import { DEFAULT_SANDBOX_SETTINGS } from './settings.ts';
import type { SandboxApp } from './types.ts';

describe('jsSdkSignature', () => {
  it('matches the public test vector (wecom-protocol.md §4.7)', () => {
    expect(
      jsSdkSignature({
        ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
        nonceStr: 'Wm3WZYTPz0wzccnW',
        timestamp: 1414587457,
        url: 'http://mp.weixin.qq.com?params=value',
      }),
    ).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });
});

describe('signedUrl', () => {
  it('drops everything from the first #, and nothing else', () => {
    expect(signedUrl('http://a.com/p?x=1#/route#more')).toBe('http://a.com/p?x=1');
    expect(signedUrl('http://a.com/p?q=%E4%B8%AD')).toBe('http://a.com/p?q=%E4%B8%AD');
  });
});

describe('verifyJsSdkSignature', () => {
  const app = DEFAULT_SANDBOX_SETTINGS.apps[0] as SandboxApp;
  const page = { url: 'http://127.0.0.1:13000/admin', timestamp: 1_700_000_000, nonceStr: 'n0nce' };

  function makeState(): { state: SandboxState; advance: (ms: number) => void } {
    let now = 1_700_000_000_000;
    let counter = 0;
    const state = new SandboxState({
      settings: DEFAULT_SANDBOX_SETTINGS,
      members: [],
      realNowMs: () => now,
      random: () => `t${++counter}`,
    });
    return { state, advance: (ms) => (now += ms) };
  }

  it('accepts the newest and older tickets while they are valid', () => {
    const { state, advance } = makeState();
    getJsapiTicket(state);
    advance(3600_000);
    getJsapiTicket(state);
    for (const ticket of ['t1', 't2']) {
      const signature = jsSdkSignature({ ticket, ...page });
      expect(verifyJsSdkSignature(state, { kind: 'corp', ...page, signature })).toEqual({ errcode: 0, errmsg: 'ok' });
    }
    // t1 is now expired, t2 is not: a signature made with t1 is a stale ticket, not a bad signature.
    advance(3600_000);
    const stale = jsSdkSignature({ ticket: 't1', ...page });
    expect(verifyJsSdkSignature(state, { kind: 'corp', ...page, signature: stale }).errcode).toBe(42012);
    expect(verifyJsSdkSignature(state, { kind: 'corp', ...page, signature: 'f'.repeat(40) }).errcode).toBe(40093);
  });

  it('answers 42012 when no ticket of that kind was issued', () => {
    const { state } = makeState();
    getAgentTicket(state, app, 'agent_config');
    const signature = jsSdkSignature({ ticket: 't1', ...page });
    expect(verifyJsSdkSignature(state, { kind: 'corp', ...page, signature })).toEqual({
      errcode: 42012,
      errmsg: 'jsapi_ticket invalid',
    });
    expect(verifyJsSdkSignature(state, { kind: 'agent', agentId: app.agentId, ...page, signature }).errcode).toBe(0);
    expect(verifyJsSdkSignature(state, { kind: 'agent', agentId: 1000099, ...page, signature }).errcode).toBe(42012);
  });

  it('counts only tickets of the current corpId, and forgets every ticket on reset', () => {
    const { state } = makeState();
    getJsapiTicket(state);
    const signature = jsSdkSignature({ ticket: 't1', ...page });
    state.configure({ corpId: 'wwother' });
    expect(verifyJsSdkSignature(state, { kind: 'corp', ...page, signature }).errcode).toBe(42012);
    state.configure({ corpId: DEFAULT_SANDBOX_SETTINGS.corpId });
    expect(verifyJsSdkSignature(state, { kind: 'corp', ...page, signature }).errcode).toBe(0);
    state.reset();
    expect(verifyJsSdkSignature(state, { kind: 'corp', ...page, signature }).errcode).toBe(42012);
  });
});
