import { createJsSdkSignature, signJsSdkUrl } from './signature';

describe('signJsSdkUrl', () => {
  // The public test vector of wecom-protocol.md §4.7, checked there against sha1 and ww.getSignature.
  const ticket = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg';

  it('matches the documented test vector', () => {
    expect(signJsSdkUrl(ticket, 'Wm3WZYTPz0wzccnW', 1414587457, 'http://mp.weixin.qq.com?params=value')).toBe(
      '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
    );
  });

  it('signs the URL without its fragment', () => {
    const url = 'http://mp.weixin.qq.com?params=value';
    expect(signJsSdkUrl(ticket, 'n', 1, `${url}#/page`)).toBe(signJsSdkUrl(ticket, 'n', 1, url));
  });

  it('creates a fresh nonce and a timestamp in seconds', () => {
    const a = createJsSdkSignature(ticket, 'https://x.test/a', 1_700_000_000_123);
    const b = createJsSdkSignature(ticket, 'https://x.test/a', 1_700_000_000_123);
    expect(a.timestamp).toBe(1_700_000_000);
    expect(a.nonceStr).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(a.nonceStr).not.toBe(b.nonceStr);
    expect(a.signature).toBe(signJsSdkUrl(ticket, a.nonceStr, a.timestamp, 'https://x.test/a'));
  });
});
