import { unreachableReason } from './unreachable';

/** An error as Node's networking gives it: a message and a system code. */
const systemError = (code: string, message = `connect ${code}`): Error => Object.assign(new Error(message), { code });

/** undici's "fetch failed", with the reason behind it. */
const fetchFailed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });

describe('why WeCom could not be reached', () => {
  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['EHOSTUNREACH', 'no-route'],
    ['ENETUNREACH', 'no-route'],
    ['ETIMEDOUT', 'connect-timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connect-timeout'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['EPROTO', 'tls'],
  ])('reads %s behind "fetch failed" as %s', (code, reason) => {
    expect(unreachableReason(fetchFailed(systemError(code)))).toEqual({ reason, code });
  });

  it('reads a port the fetch standard blocks', () => {
    expect(unreachableReason(fetchFailed(new Error('bad port')))).toEqual({ reason: 'blocked-port', code: 'bad port' });
  });

  it('looks into each address tried', () => {
    const both = new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')], 'connect failed');
    expect(unreachableReason(fetchFailed(both))).toEqual({ reason: 'refused', code: 'ECONNREFUSED' });
  });

  it.each([
    [
      'a connection dropped mid-answer',
      fetchFailed(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })),
    ],
    ['a reset', fetchFailed(systemError('ECONNRESET'))],
    ['no cause', fetchFailed(undefined)],
    ['not an error', 'fetch failed'],
  ])('does not call %s unreachable', (_, failure) => {
    expect(unreachableReason(failure)).toBeNull();
  });
});
