import { findingsOf } from './check-findings';

describe('the findings of Check configuration', () => {
  it('are read from the answer, each with its key, outcome and message', () => {
    const body = {
      data: {
        ok: false,
        checks: [
          { key: 'credentials', ok: true, message: 'WeCom accepted the Corp ID and the Secret.', errcode: null },
          { key: 'agent', ok: false, message: 'Could not reach qyapi.weixin.qq.com: …', errcode: null },
        ],
      },
    };
    expect(findingsOf(body)).toEqual([
      { key: 'credentials', ok: true, message: 'WeCom accepted the Corp ID and the Secret.' },
      { key: 'agent', ok: false, message: 'Could not reach qyapi.weixin.qq.com: …' },
    ]);
  });

  it.each([[null], [{}], [{ data: { checks: 'x' } }], [{ data: { checks: [null, { key: 1 }] } }]])(
    'are none in %j',
    (body) => {
      expect(findingsOf(body)).toEqual([]);
    },
  );
});
