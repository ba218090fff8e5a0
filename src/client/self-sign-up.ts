/** NocoBase's password authenticator, the one whose sign-up page lets anyone in with whatever they type. */
const PASSWORD_AUTH_TYPE = 'Email/Password';

/**
 * The enabled authenticators that let people sign themselves up, from `authenticators:publicList`: the password
 * one with `public.allowSignUp` on, judged truthy as its `signUp` action judges it. Their users' phone numbers are
 * whatever they typed.
 */
export function selfSignUpAuthenticators(publicList: unknown): string[] {
  if (!Array.isArray(publicList)) return [];
  return publicList.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { name, title, authType, options } = entry as Record<string, unknown>;
    if (authType !== PASSWORD_AUTH_TYPE || typeof options !== 'object' || options === null) return [];
    if (!(options as { allowSignUp?: unknown }).allowSignUp) return [];
    const label = typeof title === 'string' && title ? title : name;
    return typeof label === 'string' && label ? [label] : [];
  });
}
