import type { Context } from '@nocobase/actions';
import { NAMESPACE } from '../shared/constants';

/** A message of the plugin's namespace in the request's language. */
export function translate(ctx: Context, key: string, params: Record<string, string> = {}): string {
  const t = ctx.t as ((key: string, options: Record<string, string>) => string) | undefined;
  return t ? t(key, { ns: NAMESPACE, ...params }) : key;
}
