import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';

/**
 * Titles that are no choice of the admin's: the auth type's own title ("WeCom", what NocoBase's "Add new" offers
 * and the demo sets) in each of our languages. Compared without case or surrounding spaces.
 */
const DEFAULT_TITLES: ReadonlySet<string> = new Set(
  ['WeCom', enUS.WeCom, zhCN.WeCom, ruRU.WeCom].map((title) => title.trim().toLowerCase()),
);

/**
 * The sign-in button's text: the authenticator's title when the admin wrote one of their own (as NocoBase's own
 * sign-in buttons read, and an admin with two WeCom corps tells them apart by it), else `defaultLabel`, the
 * translated "Sign in with WeCom". A title is shown as written, not put into "Sign in with …": titles such as
 * "企业微信登录" already say it.
 */
export function signInButtonText(title: string | null | undefined, defaultLabel: string): string {
  const written = title?.trim() ?? '';
  return written && !DEFAULT_TITLES.has(written.toLowerCase()) ? written : defaultLabel;
}
