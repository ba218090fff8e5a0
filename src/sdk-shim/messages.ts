import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';
import { isSignInErrorCode } from '../shared/sign-in-error-code';
import { SIGN_IN_ERRORS } from '../shared/sign-in-errors';
import { SIGN_IN_LABEL } from './message-keys';

export type SupportedLocale = 'en-US' | 'zh-CN' | 'ru-RU';

const TRANSLATIONS: Record<SupportedLocale, Readonly<Record<string, string>>> = {
  'en-US': enUS,
  'zh-CN': zhCN,
  'ru-RU': ruRU,
};

/** NocoBase's locales are `en-US`, `zh-CN`, …; browsers also say `zh`, `zh-Hans-CN`, `ru`. English otherwise. */
export function resolveLocale(locale: string | null | undefined): SupportedLocale {
  const language = (locale ?? '').toLowerCase();
  if (language.startsWith('zh')) return 'zh-CN';
  if (language.startsWith('ru')) return 'ru-RU';
  return 'en-US';
}

/**
 * The translated message of a sign-in error code; an unknown code gets SIGN_IN_FAILED's. `{{name}}`
 * placeholders take `params`; the sign-in page's URL carries none (IP_NOT_TRUSTED's IP is only in the log),
 * so an unfilled placeholder is dropped with the space before it.
 */
export function signInErrorMessage(
  code: string,
  locale?: string | null,
  params: Readonly<Record<string, string>> = {},
): string {
  const key = SIGN_IN_ERRORS[isSignInErrorCode(code) ? code : 'SIGN_IN_FAILED'];
  const message = TRANSLATIONS[resolveLocale(locale)][key] ?? enUS[key] ?? key;
  return message.replace(/ ?\{\{(\w+)\}\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? '' : placeholder.replace(`{{${name}}}`, value);
  });
}

/** "Sign in with WeCom" in the page's language. */
export function signInButtonLabel(locale?: string | null): string {
  return TRANSLATIONS[resolveLocale(locale)][SIGN_IN_LABEL] ?? SIGN_IN_LABEL;
}
