import type { Context } from '@nocobase/actions';
import type { OptionsIssue } from './options';
import { translate } from './translate';

/**
 * Refuses settings with a 400 that names every problem at once, translated, as the admin forms show them beside the
 * fields; `field` is the first one's. NocoBase's error handler sends only a message and a code, hence one message.
 */
export function refuseSettings(ctx: Context, issues: readonly OptionsIssue[]): never {
  const messages = [...new Set(issues.map((issue) => translate(ctx, issue.message)))];
  return ctx.throw(400, messages.join('; '), { code: 'INVALID_SETTINGS', field: issues[0]?.field ?? '' });
}
