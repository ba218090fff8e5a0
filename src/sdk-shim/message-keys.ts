import { SIGN_IN_ERRORS } from '../shared/sign-in-errors';

/** The button's label, a key of the plugin's locales like every message. */
export const SIGN_IN_LABEL = 'Sign in with WeCom';

/**
 * The locale keys of the sign-in errors. The script bundle's build keeps only the keys each file shows of
 * `src/locale/*.json`, which also hold the admin pages' texts.
 */
export function signInErrorMessageKeys(): string[] {
  return Object.values(SIGN_IN_ERRORS);
}
