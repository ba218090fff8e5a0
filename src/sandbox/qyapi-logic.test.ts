import { ERRCODE } from './errcodes.ts';
import { authenticate, getToken, getUserDetail, getUserInfo } from './qyapi-logic.ts';
import { CODE_LIFETIME_MS, SandboxState } from './sandbox-state.ts';
import { DEFAULT_SANDBOX_SETTINGS } from './settings.ts';
import type { SandboxApp } from './types.ts';

/** A state on a hand-driven clock with predictable tokens. */
function makeState(): { state: SandboxState; advance: (ms: number) => void } {
  let now = 1_700_000_000_000;
  let counter = 0;
  const state = new SandboxState({
    settings: DEFAULT_SANDBOX_SETTINGS,
    members: [{ userid: 'zhangsan', name: '张三', mobile: '13800138000' }],
    realNowMs: () => now,
    random: () => `r${++counter}`,
  });
  return { state, advance: (ms) => (now += ms) };
}

const app = DEFAULT_SANDBOX_SETTINGS.apps[0] as SandboxApp;
const { corpId } = DEFAULT_SANDBOX_SETTINGS;

describe('getToken', () => {
  it('returns the same token while it is valid, with the remaining lifetime', () => {
    const { state, advance } = makeState();
    const first = getToken(state, corpId, app.secret);
    advance(100_000);
    const second = getToken(state, corpId, app.secret);
    expect(first).toEqual({ ok: true, body: { access_token: 'r1', expires_in: 7200 } });
    expect(second).toEqual({ ok: true, body: { access_token: 'r1', expires_in: 7100 } });
  });

  it('issues a new token once the old one expired', () => {
    const { state, advance } = makeState();
    getToken(state, corpId, app.secret);
    advance(7200 * 1000);
    expect(authenticate(state, 'r1', '127.0.0.1')).toEqual({ ok: false, errcode: ERRCODE.ACCESS_TOKEN_EXPIRED });
    expect(getToken(state, corpId, app.secret)).toMatchObject({ ok: true, body: { access_token: 'r2' } });
  });

  it('reports missing parameters before wrong ones', () => {
    const { state } = makeState();
    expect(getToken(state, undefined, undefined)).toEqual({ ok: false, errcode: ERRCODE.CORPID_MISSING });
    expect(getToken(state, corpId, undefined)).toEqual({ ok: false, errcode: ERRCODE.SECRET_MISSING });
  });
});

describe('getUserInfo', () => {
  const grant = {
    agentId: app.agentId,
    flow: 'oauth2' as const,
    privateInfoConsented: false,
    identity: { kind: 'member' as const, userid: 'zhangsan' },
  };

  it('accepts a code until just before 5 minutes, once', () => {
    const { state, advance } = makeState();
    const code = state.issueCode(grant);
    advance(CODE_LIFETIME_MS - 1);
    expect(getUserInfo(state, app, code)).toEqual({ ok: true, body: { userid: 'zhangsan' } });
    expect(getUserInfo(state, app, code)).toEqual({ ok: false, errcode: ERRCODE.INVALID_CODE });
  });

  it('refuses a code at 5 minutes', () => {
    const { state, advance } = makeState();
    const code = state.issueCode(grant);
    advance(CODE_LIFETIME_MS);
    expect(getUserInfo(state, app, code)).toEqual({ ok: false, errcode: ERRCODE.INVALID_CODE });
  });

  it('refuses a code issued for another app', () => {
    const { state } = makeState();
    const code = state.issueCode({ ...grant, agentId: 42 });
    expect(getUserInfo(state, app, code)).toEqual({ ok: false, errcode: ERRCODE.INVALID_CODE });
  });
});

describe('getUserDetail', () => {
  it('tells an expired user_ticket from an unknown one', () => {
    const { state, advance } = makeState();
    const code = state.issueCode({
      agentId: app.agentId,
      flow: 'oauth2',
      privateInfoConsented: true,
      identity: { kind: 'member', userid: 'zhangsan' },
    });
    const info = getUserInfo(state, app, code);
    const ticket = info.ok && 'user_ticket' in info.body ? info.body.user_ticket : undefined;
    expect(ticket).toBeDefined();
    expect(getUserDetail(state, app, { user_ticket: ticket })).toMatchObject({
      ok: true,
      body: { userid: 'zhangsan' },
    });
    advance(1800 * 1000);
    expect(getUserDetail(state, app, { user_ticket: ticket })).toEqual({
      ok: false,
      errcode: ERRCODE.USER_TICKET_EXPIRED,
    });
    expect(getUserDetail(state, app, { user_ticket: 'nope' })).toEqual({
      ok: false,
      errcode: ERRCODE.USER_TICKET_INVALID,
    });
    expect(getUserDetail(state, app, undefined)).toEqual({ ok: false, errcode: ERRCODE.INVALID_PARAMETER });
  });
});
