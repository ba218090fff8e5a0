/** Why an address cannot be a NocoBase origin of the extension; each has a message in `_locales`. */
export type OriginProblem = 'ORIGIN_INVALID' | 'ORIGIN_INSECURE' | 'ORIGIN_HAS_PATH';

export type OriginCheck = { ok: true; origin: string } | { ok: false; problem: OriginProblem };

/** Plain HTTP is allowed only where no network sees it: a NocoBase on this machine, for trying things out. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * `https://nocobase.example.com` from what a person or a policy typed: a scheme, a host and maybe a port, nothing
 * else. A path is refused rather than dropped: host access and content scripts are granted per origin, so
 * `https://example.com/nocobase` would silently cover the whole site.
 */
export function checkOrigin(input: string): OriginCheck {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'ORIGIN_INVALID' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'ORIGIN_INVALID' };
  // A match pattern would read `*` as a wildcard, widening access beyond the one site asked for.
  if (url.hostname === '' || url.hostname.includes('*') || url.username || url.password) {
    return { ok: false, problem: 'ORIGIN_INVALID' };
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return { ok: false, problem: 'ORIGIN_INSECURE' };
  // `new URL` turns `https://a.example?x` into pathname `/`: look at what was typed as well.
  const afterHost = text.replace(/^[a-z]+:\/\/[^/?#]*/i, '');
  if (url.pathname !== '/' || url.search || url.hash || /^[^/]|^\/./.test(afterHost)) {
    return { ok: false, problem: 'ORIGIN_HAS_PATH' };
  }
  return { ok: true, origin: url.origin };
}

/** The match pattern of one origin, for host permissions and content scripts; a port limits it to that port. */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/** The origin of a page URL, or null for anything but http(s) (a new tab, `chrome://`, a file). */
export function originOfUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
