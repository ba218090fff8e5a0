const PROBE_ORIGIN = 'http://same-origin.invalid';

/**
 * `redirect` as a path on our own origin, or null. Anything a browser could read as another host
 * (`//evil`, `/\evil`, `https://evil`, control characters) is refused rather than repaired.
 */
export function sameOriginPath(redirect: unknown): string | null {
  if (typeof redirect !== 'string' || redirect.length === 0 || redirect.length > 2048) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
  if (!redirect.startsWith('/') || /^\/[/\\]/.test(redirect) || /[\u0000-\u001f\u007f]/.test(redirect)) return null;
  let url: URL;
  try {
    url = new URL(redirect, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Adds NocoBase's `authenticator` and `token` to a landing path, before its `#fragment`. */
export function withQuery(path: string, params: Record<string, string>): string {
  const url = new URL(path, PROBE_ORIGIN);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return `${url.pathname}${url.search}${url.hash}`;
}
