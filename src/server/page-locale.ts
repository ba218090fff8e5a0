/** The languages the plugin's own pages are written in (src/locale). */
export const PAGE_LOCALES = ['en-US', 'zh-CN', 'ru-RU'] as const;
export type PageLocale = (typeof PAGE_LOCALES)[number];

function match(tag: string): PageLocale | null {
  const wanted = tag.trim().toLowerCase();
  if (!wanted) return null;
  const exact = PAGE_LOCALES.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return exact;
  const primary = wanted.split(/[-_]/, 1)[0];
  return PAGE_LOCALES.find((locale) => locale.toLowerCase().startsWith(`${primary}-`)) ?? null;
}

/** `Accept-Language`'s tags, most wanted first (RFC 9110 §12.5.4); `*` and q=0 carry no wish. */
function wishes(acceptLanguage: string): string[] {
  return acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/i.exec(param)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((wish) => wish.tag && wish.tag !== '*' && wish.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((wish) => wish.tag);
}

/**
 * The language of a page the browser navigates to: NocoBase's client names its language in `X-Locale`, which a
 * navigation does not send, so the browser's `Accept-Language` comes next (the WeCom client sends its own
 * language there), then NocoBase's default.
 */
export function pageLocale(input: { xLocale?: string; acceptLanguage?: string; fallback?: string }): PageLocale {
  const candidates = [input.xLocale ?? '', ...wishes(input.acceptLanguage ?? ''), input.fallback ?? ''];
  for (const candidate of candidates) {
    const found = match(candidate);
    if (found) return found;
  }
  return 'en-US';
}
