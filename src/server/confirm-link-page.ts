/** A message of the plugin's locales in the page's language. */
export type PageTranslate = (key: string, params?: Record<string, string>) => string;

export interface ConfirmLinkPage {
  lang: string;
  /** Where the form posts: `<API base>wecom:confirmLink`, a path on this host. */
  action: string;
  /** The pending link's nonce, which must come back with the password. */
  nonce: string;
  /** The sign-in page, for someone who does not know the password. */
  cancelUrl: string;
  /** Shown above the form, translated already. */
  error?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** No script, no external resource, nothing framed: the page only posts its form to our own action. */
export function confirmLinkPageHeaders(origin: string): Record<string, string> {
  return {
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${origin}; frame-ancestors 'none'; base-uri 'none'`,
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
}

const STYLE = [
  'body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5}',
  'main{max-width:360px;margin:12vh auto;padding:24px;background:#fff;border-radius:8px}',
  'h1{font-size:20px;margin:0 0 12px}',
  'label{display:block;margin:16px 0 4px}',
  'input{box-sizing:border-box;width:100%;padding:8px;font:inherit;border:1px solid #d9d9d9;border-radius:6px}',
  'button{margin-top:16px;width:100%;padding:8px;font:inherit;color:#fff;background:#1677ff;border:0;border-radius:6px}',
  '.error{color:#cf1322}',
  '.secondary{color:#666;font-size:14px}',
].join('');

/**
 * The page that asks a WeCom member for the password of the NocoBase account their phone number matched. It names
 * no account: the member only claims it, so its nickname, username or email would tell them whose it is.
 */
export function renderConfirmLinkPage(page: ConfirmLinkPage, t: PageTranslate): string {
  const text = (key: string): string => escapeHtml(t(key));
  const error = page.error ? `<p class="error" role="alert">${escapeHtml(page.error)}</p>` : '';
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(page.lang)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${text('Link your WeCom account')}</title><style>${STYLE}</style></head>`,
    '<body><main>',
    `<h1>${text('Link your WeCom account')}</h1>`,
    `<p>${text('A NocoBase account has the phone number of your WeCom account. If it is yours, enter its password to link the two. After that WeCom signs you in to it.')}</p>`,
    error,
    `<form method="post" action="${escapeHtml(page.action)}">`,
    `<input type="hidden" name="nonce" value="${escapeHtml(page.nonce)}">`,
    `<label for="password">${text('Password of the NocoBase account')}</label>`,
    '<input id="password" name="password" type="password" autocomplete="current-password" required autofocus>',
    `<button type="submit">${text('Link and sign in')}</button>`,
    '</form>',
    `<p class="secondary">${text('Not your account, or you do not know its password?')} <a href="${escapeHtml(page.cancelUrl)}">${text('Ask your administrator to link it')}</a></p>`,
    '</main></body></html>',
  ].join('\n');
}
