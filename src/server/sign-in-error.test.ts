import { SIGN_IN_ERRORS } from '../shared/sign-in-errors';
import { signInErrorFromWeCom } from './sign-in-error';
import { WeComError, type WeComErrorKind } from './wecom/errors';

const refused = (
  errcode: number | null,
  kind: WeComErrorKind = 'api',
  errmsg = 'refused',
  endpoint = '/cgi-bin/auth/getuserinfo',
): WeComError => new WeComError({ kind, endpoint, errcode, errmsg });

describe('signInErrorFromWeCom', () => {
  it.each([
    [40029, 'CODE_INVALID'],
    [60011, 'OUTSIDE_VISIBLE_RANGE'],
    [60020, 'IP_NOT_TRUSTED'],
    [40001, 'CONFIG_INVALID'],
    [40013, 'CONFIG_INVALID'],
    [40056, 'CONFIG_INVALID'],
    [301002, 'CONFIG_INVALID'],
    [50001, 'REDIRECT_DOMAIN_UNTRUSTED'],
    [40091, 'SECRET_OF_ANOTHER_CORP'],
    [50003, 'APP_DISABLED'],
  ])('tells a user what errcode %i means for them: %s', (errcode, code) => {
    const failure = signInErrorFromWeCom(refused(errcode));
    expect(failure).toMatchObject({ code, status: 401 });
    expect(failure.message).toBe(SIGN_IN_ERRORS[failure.code]);
  });

  it.each([
    ['/cgi-bin/auth/getuserinfo', 'OUTSIDE_VISIBLE_RANGE'],
    ['/cgi-bin/auth/getuserdetail', 'OUTSIDE_VISIBLE_RANGE'],
    ['/cgi-bin/user/get', 'OUTSIDE_VISIBLE_RANGE'],
    ['/cgi-bin/gettoken', 'CONFIG_INVALID'],
    ['/cgi-bin/agent/get', 'CONFIG_INVALID'],
    ['/cgi-bin/get_jsapi_ticket', 'CONFIG_INVALID'],
    ['/cgi-bin/ticket/get', 'CONFIG_INVALID'],
  ])(
    'reads 60011 ("no privilege") from %s as about the member only where the call is about one: %s',
    (endpoint, code) => {
      expect(signInErrorFromWeCom(refused(60011, 'api', 'no privilege', endpoint))).toMatchObject({
        code,
        status: 401,
      });
    },
  );

  it.each([45009, 45033])('says WeCom limits the app for %i, with 503 and not as unreachable', (errcode) => {
    const failure = signInErrorFromWeCom(refused(errcode));
    expect(failure).toMatchObject({ code: 'WECOM_RATE_LIMITED', status: 503 });
    expect(failure.message).toBe(SIGN_IN_ERRORS.WECOM_RATE_LIMITED);
  });

  it.each([
    ['another errcode', refused(48002)],
    ['busy', refused(-1)],
    ['a timeout', refused(null, 'timeout')],
    ['an unreadable answer', refused(null, 'malformed-response')],
  ])('says WeCom is unavailable for %s, with 502', (_, error) => {
    expect(signInErrorFromWeCom(error)).toMatchObject({ code: 'WECOM_UNAVAILABLE', status: 502 });
  });

  it('keeps the WeCom error as its cause, and the caller IP of a 60020 for the message', () => {
    const error = refused(60020, 'api', 'not allow to access from your ip, hint: [x], from ip: 203.0.113.7, more info');
    const failure = signInErrorFromWeCom(error);
    expect(failure.cause).toBe(error);
    expect(failure.params).toEqual({ ip: '203.0.113.7' });
  });
});

describe('the configuration errors', () => {
  it.each(['REDIRECT_DOMAIN_UNTRUSTED', 'SECRET_OF_ANOTHER_CORP', 'APP_DISABLED'] as const)(
    '%s tells the user an administrator must fix it, with nothing for the sign-in page to fill in',
    (code) => {
      expect(SIGN_IN_ERRORS[code]).toContain('An administrator must');
      expect(SIGN_IN_ERRORS[code]).not.toMatch(/\{\{/);
    },
  );
});
