import { SIGN_IN_ERRORS } from '../shared/sign-in-errors';
import { describeSignInFailure, ownSignInError, readSignInError, WeComSignInError } from './errors';

describe('readSignInError', () => {
  it('reads what a failed callback puts on the sign-in page', () => {
    expect(readSignInError('?error=USER_NOT_FOUND&authenticator=wecom&redirect=%2Fadmin%2Fx%3Ftab%3D2')).toEqual({
      code: 'USER_NOT_FOUND',
      authenticator: 'wecom',
    });
  });

  it('reads the bare error of an unknown state', () => {
    expect(readSignInError('?error=STATE_INVALID')).toEqual({ code: 'STATE_INVALID' });
  });

  it('keeps an unknown code as sent', () => {
    expect(readSignInError('error=SOMETHING_NEW&redirect=https%3A%2F%2Fevil.example')).toEqual({
      code: 'SOMETHING_NEW',
    });
  });

  it('is null without an error', () => {
    expect(readSignInError('')).toBeNull();
    expect(readSignInError('?redirect=/admin')).toBeNull();
    expect(readSignInError('?error=')).toBeNull();
  });
});

describe('ownSignInError', () => {
  const ours = ['wecom', 'wecom-branch'];

  it("is a WeCom authenticator's failure, with its code", () => {
    expect(ownSignInError('?error=USER_NOT_FOUND&authenticator=wecom&redirect=%2Fv%2Fadmin', ours)).toEqual({
      code: 'USER_NOT_FOUND',
      authenticator: 'wecom',
    });
    expect(ownSignInError('?authenticator=wecom-branch&error=ACCESS_DENIED', ours)).toEqual({
      code: 'ACCESS_DENIED',
      authenticator: 'wecom-branch',
    });
  });

  it('reads a code of ours this version does not know as SIGN_IN_FAILED', () => {
    expect(ownSignInError('?error=SOMETHING_NEW&authenticator=wecom', ours)).toEqual({
      code: 'SIGN_IN_FAILED',
      authenticator: 'wecom',
    });
    expect(ownSignInError('?error=constructor&authenticator=wecom', ours)?.code).toBe('SIGN_IN_FAILED');
  });

  it('is the failure of a sign-in the server could not tell, which names no authenticator', () => {
    expect(ownSignInError('?error=STATE_INVALID', ours)).toEqual({ code: 'STATE_INVALID' });
    expect(ownSignInError('?error=STATE_INVALID&authenticator=', [])).toEqual({ code: 'STATE_INVALID' });
  });

  it("leaves another sign-in's failure alone", () => {
    // Another authenticator: a password sign-in, another plugin's SSO, or a WeCom one this page does not use.
    expect(ownSignInError('?error=USER_NOT_FOUND&authenticator=basic', ours)).toBeNull();
    expect(ownSignInError('?error=USER_NOT_FOUND&authenticator=wecom', ['wecom-branch'])).toBeNull();
    expect(ownSignInError('?error=USER_NOT_FOUND&authenticator=wecom', [])).toBeNull();
    // No authenticator, and a code that is not ours: the plugin never sends that.
    expect(ownSignInError('?error=access_denied', ours)).toBeNull();
    expect(ownSignInError('?error=__proto__', ours)).toBeNull();
  });

  it('is null without an error', () => {
    expect(ownSignInError('', ours)).toBeNull();
    expect(ownSignInError('?redirect=%2Fadmin&authenticator=wecom', ours)).toBeNull();
  });
});

describe('WeComSignInError', () => {
  it("carries the code, the status, and the English message unless the server's is given", () => {
    const plain = new WeComSignInError('STATE_INVALID');
    expect(plain).toBeInstanceOf(Error);
    expect(plain.name).toBe('WeComSignInError');
    expect(plain.code).toBe('STATE_INVALID');
    expect(plain.status).toBeNull();
    expect(plain.message).toBe(SIGN_IN_ERRORS.STATE_INVALID);
    const answered = new WeComSignInError('REDIRECT_INVALID', {
      message: '登录后返回的页面必须属于本站点。',
      status: 400,
    });
    expect(answered.message).toBe('登录后返回的页面必须属于本站点。');
    expect(answered.status).toBe(400);
  });
});

describe('describeSignInFailure', () => {
  it("keeps the server's translated message when the server answered", () => {
    const refused = new WeComSignInError('IP_NOT_TRUSTED', {
      message: 'Add 203.0.113.7 to the trusted IPs',
      status: 400,
    });
    expect(describeSignInFailure(refused)).toEqual({
      code: 'IP_NOT_TRUSTED',
      message: 'Add 203.0.113.7 to the trusted IPs',
    });
  });

  it('has only the code without an answer, or for anything else thrown', () => {
    expect(describeSignInFailure(new WeComSignInError('SIGN_IN_FAILED', { cause: new TypeError('x') }))).toEqual({
      code: 'SIGN_IN_FAILED',
    });
    expect(describeSignInFailure(new WeComSignInError('AUTHENTICATOR_UNAVAILABLE'))).toEqual({
      code: 'AUTHENTICATOR_UNAVAILABLE',
    });
    expect(describeSignInFailure(new Error('boom'))).toEqual({ code: 'SIGN_IN_FAILED' });
  });
});
