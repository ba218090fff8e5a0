import { ERRCODE } from './errcodes.ts';
import { authenticate, getAgent, getToken, getUserDetail, getUserInfo } from './qyapi-logic.ts';
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

/** The app as the state holds it now, after `configure`. */
function currentApp(state: SandboxState): SandboxApp {
  const found = state.findApp(app.agentId);
  if (!found) throw new Error('the default app is gone');
  return found;
}

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

  it('answers 50003 for a disabled app, before its rate limit, and issues again once it is enabled', () => {
    const { state } = makeState();
    state.configure({ apps: [{ agentId: app.agentId, disabled: true }], gettokenRateLimit: { max: 1 } });
    expect(getToken(state, corpId, app.secret)).toEqual({ ok: false, errcode: ERRCODE.APP_DISABLED });
    expect(getToken(state, corpId, app.secret)).toEqual({ ok: false, errcode: ERRCODE.APP_DISABLED });
    state.configure({ apps: [{ agentId: app.agentId, disabled: false }] });
    expect(getToken(state, corpId, app.secret)).toMatchObject({ ok: true });
  });
});

describe('authenticate', () => {
  function trustedState() {
    const made = makeState();
    made.state.configure({ apps: [{ agentId: app.agentId, trustedIps: ['127.0.0.1'] }] });
    return made;
  }

  it('answers 60020 for the default app, which trusts no IP', () => {
    const { state } = makeState();
    getToken(state, corpId, app.secret);
    expect(authenticate(state, 'r1', '127.0.0.1')).toEqual({ ok: false, errcode: ERRCODE.IP_NOT_ALLOWED });
  });

  it('answers 50003 for a token issued before the app was disabled, and accepts it again once enabled', () => {
    const { state } = trustedState();
    getToken(state, corpId, app.secret);
    state.configure({ apps: [{ agentId: app.agentId, disabled: true }] });
    expect(authenticate(state, 'r1', '127.0.0.1')).toEqual({ ok: false, errcode: ERRCODE.APP_DISABLED });
    expect(authenticate(state, 'r1', '127.0.0.1', { allowDisabledApp: true })).toMatchObject({ ok: true });
    state.configure({ apps: [{ agentId: app.agentId, disabled: false }] });
    expect(authenticate(state, 'r1', '127.0.0.1')).toMatchObject({ ok: true });
  });

  it('checks the caller IP before the disabled app', () => {
    const { state } = trustedState();
    getToken(state, corpId, app.secret);
    state.configure({ apps: [{ agentId: app.agentId, disabled: true, trustedIps: ['10.0.0.1'] }] });
    expect(authenticate(state, 'r1', '127.0.0.1')).toEqual({ ok: false, errcode: ERRCODE.IP_NOT_ALLOWED });
  });
});

describe('getAgent', () => {
  it('reports close: 1 for a disabled app and close: 0 otherwise', () => {
    const { state } = makeState();
    expect(getAgent(state, currentApp(state), String(app.agentId))).toMatchObject({ ok: true, body: { close: 0 } });
    state.configure({ apps: [{ agentId: app.agentId, disabled: true }] });
    expect(getAgent(state, currentApp(state), String(app.agentId))).toMatchObject({ ok: true, body: { close: 1 } });
  });
});

describe('getUserInfo', () => {
  const grant = {
    agentId: app.agentId,
    flow: 'oauth2' as const,
    privateInfoConsented: false,
    identity: { kind: 'member' as const, userid: 'zhangsan' },
    redirectHost: app.trustedDomain,
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

  it('answers 50001 when the app no longer trusts the host the code was issued for, and uses the code up', () => {
    const { state } = makeState();
    const code = state.issueCode(grant);
    state.configure({ apps: [{ agentId: app.agentId, trustedDomain: 'nocobase.example.com' }] });
    expect(getUserInfo(state, currentApp(state), code)).toEqual({
      ok: false,
      errcode: ERRCODE.REDIRECT_DOMAIN_NOT_TRUSTED,
    });
    state.configure({ apps: [{ agentId: app.agentId, trustedDomain: app.trustedDomain }] });
    expect(getUserInfo(state, currentApp(state), code)).toEqual({ ok: false, errcode: ERRCODE.INVALID_CODE });
  });

  it('compares the port too, and checks the exchanging app for a code issued without agentid', () => {
    const { state } = makeState();
    const otherPort = state.issueCode({ ...grant, redirectHost: '127.0.0.1:13001' });
    expect(getUserInfo(state, app, otherPort)).toEqual({ ok: false, errcode: ERRCODE.REDIRECT_DOMAIN_NOT_TRUSTED });
    const anyApp = state.issueCode({ ...grant, agentId: null, redirectHost: 'other.example.com' });
    expect(getUserInfo(state, app, anyApp)).toEqual({ ok: false, errcode: ERRCODE.REDIRECT_DOMAIN_NOT_TRUSTED });
  });

  it('answers 50001 for a web-login code and a non-member code as well', () => {
    const { state } = makeState();
    const webLogin = state.issueCode({ ...grant, flow: 'web-login', redirectHost: 'old.example.com' });
    expect(getUserInfo(state, app, webLogin)).toEqual({ ok: false, errcode: ERRCODE.REDIRECT_DOMAIN_NOT_TRUSTED });
    const external = state.issueCode({
      ...grant,
      identity: { kind: 'external', openid: 'oGuest' },
      redirectHost: 'old.example.com',
    });
    expect(getUserInfo(state, app, external)).toEqual({ ok: false, errcode: ERRCODE.REDIRECT_DOMAIN_NOT_TRUSTED });
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
      redirectHost: app.trustedDomain,
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
