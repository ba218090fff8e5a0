import {
  buildCallbackUrl,
  parseClientIdentity,
  redirectHost,
  validateOAuthRequest,
  validateWebLoginRequest,
} from './authorize-request.ts';
import { DEFAULT_SANDBOX_SETTINGS, mergeSettings } from './settings.ts';
import type { SandboxSettings } from './types.ts';

function withSecondApp(): SandboxSettings {
  const result = mergeSettings(DEFAULT_SANDBOX_SETTINGS, {
    apps: [{ agentId: 1000003, name: 'Other', secret: 'other', trustedDomain: 'other.example.com' }],
  });
  if (!result.ok) throw new Error(result.message);
  return result.settings;
}

const settings = withSecondApp();
const base = {
  appid: 'wwsandbox0000001',
  redirect_uri: 'http://127.0.0.1:13000/cb',
  response_type: 'code',
  scope: 'snsapi_base',
  state: 'abc123',
  agentid: '1000002',
};

describe('redirectHost', () => {
  it('keeps the port, which WeCom compares too', () => {
    expect(redirectHost('http://127.0.0.1:13000/x')).toBe('127.0.0.1:13000');
    expect(redirectHost('https://a.example.com/x')).toBe('a.example.com');
  });

  it('keeps an explicit default port that URL would drop (the proxy-appended :443 case)', () => {
    expect(redirectHost('https://a.example.com:443/x')).toBe('a.example.com:443');
  });

  it('rejects relative and non-http URLs', () => {
    expect(redirectHost('/cb')).toBeUndefined();
    expect(redirectHost('myapp://cb')).toBeUndefined();
  });
});

describe('validateOAuthRequest', () => {
  it('accepts a well-formed request and resolves the app', () => {
    const result = validateOAuthRequest(base, settings);
    expect(result.ok && result.app.agentId).toBe(1000002);
  });

  it.each([
    [{ appid: 'wwother' }, '参数错误'],
    [{ redirect_uri: 'not a url' }, '参数错误'],
    [{ response_type: 'token' }, '参数错误'],
    [{ scope: 'snsapi_userinfo' }, '参数错误'],
    [{ state: 'has-dash' }, '参数错误'],
    [{ state: 'a'.repeat(129) }, '参数错误'],
    [{ agentid: '42' }, '参数错误'],
    [{ redirect_uri: 'http://127.0.0.1:13001/cb' }, 'redirect_uri需使用应用可信域名'],
    [{ redirect_uri: 'http://other.example.com/cb' }, 'redirect_uri需使用应用可信域名'],
  ])('refuses %o', (override, title) => {
    const result = validateOAuthRequest({ ...base, ...override }, settings);
    expect(result.ok ? undefined : result.title).toBe(title);
  });

  it('refuses snsapi_privateinfo without agentid', () => {
    const result = validateOAuthRequest({ ...base, scope: 'snsapi_privateinfo', agentid: undefined }, settings);
    expect(result.ok ? undefined : result.message).toContain('agentid');
  });

  it('without agentid, accepts the domain of any app of the corp', () => {
    const result = validateOAuthRequest(
      { ...base, agentid: undefined, redirect_uri: 'http://other.example.com/cb' },
      settings,
    );
    expect(result.ok && [result.app.agentId, result.agentIdGiven]).toEqual([1000003, false]);
  });
});

describe('validateWebLoginRequest', () => {
  const login = {
    login_type: 'CorpApp',
    appid: 'wwsandbox0000001',
    agentid: '1000002',
    redirect_uri: 'http://127.0.0.1:13000/cb',
    state: 'any-state_ok',
  };

  it('accepts a well-formed request, defaulting redirect_type to self', () => {
    const result = validateWebLoginRequest(login, settings);
    expect(result.ok && result.redirectType).toBe('self');
  });

  it.each([
    [{ login_type: 'ServiceApp' }, '参数错误'],
    [{ appid: 'wwother' }, '参数错误'],
    [{ agentid: undefined }, '参数错误'],
    [{ agentid: '999' }, '参数错误'],
    [{ redirect_type: 'popup' }, '参数错误'],
    [{ redirect_uri: 'http://other.example.com/cb' }, 'redirect_uri 与配置的授权完成回调域名不一致'],
  ])('refuses %o', (override, title) => {
    const result = validateWebLoginRequest({ ...login, ...override }, settings);
    expect(result.ok ? undefined : result.title).toBe(title);
  });
});

describe('parseClientIdentity', () => {
  it('reads members and non-members', () => {
    expect(parseClientIdentity('zhangsan')).toEqual({ kind: 'member', userid: 'zhangsan' });
    expect(parseClientIdentity('openid:o123')).toEqual({ kind: 'external', openid: 'o123' });
    expect(parseClientIdentity('openid:')).toBeUndefined();
    expect(parseClientIdentity(null)).toBeUndefined();
  });
});

describe('buildCallbackUrl', () => {
  it('keeps the redirect_uri query and fragment', () => {
    expect(buildCallbackUrl('http://h/cb?next=%2Fadmin#f', { code: 'C', state: 'S' })).toBe(
      'http://h/cb?next=%2Fadmin&code=C&state=S#f',
    );
  });

  it('sends state alone on a denial', () => {
    expect(buildCallbackUrl('http://h/cb', { state: 'S' })).toBe('http://h/cb?state=S');
  });
});
