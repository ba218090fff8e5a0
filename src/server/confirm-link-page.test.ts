import { confirmLinkPageHeaders, escapeHtml, renderConfirmLinkPage } from './confirm-link-page';

const page = {
  lang: 'zh-CN',
  action: '/api/wecom:confirmLink',
  nonce: '0123456789abcdef0123456789abcdef',
  cancelUrl: 'http://nb.test/signin?error=LINK_BY_ADMIN&authenticator=wecom&redirect=%2Fadmin',
};

describe('the page that asks for the matched account’s password', () => {
  it('posts the nonce and the password to our own action, and nothing else', () => {
    const html = renderConfirmLinkPage(page, (key) => key);
    expect(html).toContain('<form method="post" action="/api/wecom:confirmLink">');
    expect(html).toContain(`<input type="hidden" name="nonce" value="${page.nonce}">`);
    expect(html).toContain('name="password" type="password"');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<script|<iframe|<link|src=|https?:\/\/(?!nb\.test\/signin)/i);
  });

  it('escapes every text it is given, translations and errors included', () => {
    const html = renderConfirmLinkPage(
      { ...page, error: '<img src=x onerror=alert(1)>', cancelUrl: '/signin?a="><script>' },
      (key) => (key === 'Link and sign in' ? '</button><script>alert(1)</script>' : key),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('href="/signin?a=&quot;&gt;&lt;script&gt;"');
  });

  it('is never cached, framed, or allowed to load or post elsewhere', () => {
    expect(confirmLinkPageHeaders('https://nb.example.com')).toEqual({
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https://nb.example.com; frame-ancestors 'none'; base-uri 'none'",
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
