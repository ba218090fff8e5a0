import { ERRCODE, errcodeText, formatErrmsg, normaliseIp } from './errcodes.ts';

describe('formatErrmsg', () => {
  it('has the shape of a real WeCom errmsg', () => {
    const errmsg = formatErrmsg(40029, 'invalid code', {
      nowSeconds: 1607658081,
      sequence: 80,
      randomHex: 'a1b2c3',
      callerIp: '47.93.204.58',
    });
    expect(errmsg).toBe(
      'invalid code, hint: [1607658081_80_a1b2c3], from ip: 47.93.204.58, more info at https://open.work.weixin.qq.com/devtool/query?e=40029',
    );
  });
});

describe('errcodeText', () => {
  it('uses the documented meaning', () => {
    expect(errcodeText(ERRCODE.IP_NOT_ALLOWED)).toBe('not allow to access from your ip');
    expect(errcodeText(ERRCODE.NO_PRIVILEGE)).toBe('no privilege to access/modify contact/party/agent');
  });

  it('has a fallback for codes injected by faults', () => {
    expect(errcodeText(99999)).toBe('sandbox injected error');
  });
});

describe('normaliseIp', () => {
  it('unwraps IPv4-mapped IPv6 addresses', () => {
    expect(normaliseIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('leaves other addresses alone', () => {
    expect(normaliseIp('127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseIp('::1')).toBe('::1');
  });
});
