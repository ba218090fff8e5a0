const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** A JS literal safe inside <script>: `</script>` and U+2028/2029 cannot end the script early. */
export function scriptLiteral(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Hidden inputs that carry a request's parameters through a form post. */
export function hiddenFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
}

const STYLE = `
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f7;color:#1f2329}
main{max-width:720px;margin:32px auto;background:#fff;border-radius:8px;padding:24px 32px;box-shadow:0 1px 4px #0001}
h1{font-size:20px}h2{font-size:16px;margin-top:24px}
.sub{color:#646a73;font-size:14px}
button{font-size:15px;padding:8px 18px;margin:4px 8px 4px 0;border-radius:4px;border:1px solid #c9cdd4;background:#fff;cursor:pointer}
button.primary{background:#0082ef;border-color:#0082ef;color:#fff}
table{border-collapse:collapse;font-size:14px}td,th{border-bottom:1px solid #eee;padding:4px 10px;text-align:left}
code{background:#f2f3f5;padding:1px 4px;border-radius:3px}
.badge{display:inline-block;font-size:12px;background:#fff7e8;color:#b26a00;border-radius:3px;padding:1px 6px}
`;

/** Every sandbox page says it is the sandbox, so nobody mistakes it for the real WeCom. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="badge">WeCom sandbox · 企业微信模拟环境</p>
${body}
</main>
</body>
</html>
`;
}
