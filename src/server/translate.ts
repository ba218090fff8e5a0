import type { Context } from '@nocobase/actions';
import { NAMESPACE } from '../shared/constants';

/**
 * A message of the plugin's namespace in the request's language. Its values are not HTML-escaped: every message goes
 * out as text (JSON that the client renders as text, or a page that escapes what it puts in), where i18next's escaping
 * would show a URL in WeCom's errmsg as `https:&#x2F;&#x2F;…`.
 */
export function translate(ctx: Context, key: string, params: Record<string, string> = {}): string {
  const t = ctx.t as ((key: string, options: Record<string, unknown>) => string) | undefined;
  return t ? t(key, { ns: NAMESPACE, ...params, interpolation: { escapeValue: false } }) : key;
}
