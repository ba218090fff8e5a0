/** A WeCom authenticator as `authenticators:publicList` shows it to anyone: never the secret. */
export interface WeComAuthenticator {
  name: string;
  authType: 'wecom';
  title: string;
  options: {
    corpId: string;
    agentId: string;
    /** Sign in automatically in the WeCom client; at most one enabled WeCom authenticator has it. */
    autoLogin: boolean;
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/**
 * The WeCom authenticators of an `authenticators:publicList` answer, `{ data: [...] }` or the bare array.
 * Entries of other types and malformed ones are skipped, so a surprising answer means "none" rather than a crash.
 */
export function findWeComAuthenticators(publicList: unknown): WeComAuthenticator[] {
  const list = isRecord(publicList) && !Array.isArray(publicList) ? publicList.data : publicList;
  if (!Array.isArray(list)) return [];
  const found: WeComAuthenticator[] = [];
  for (const entry of list) {
    if (!isRecord(entry) || entry.authType !== 'wecom') continue;
    const name = text(entry.name);
    if (!name) continue;
    const options = isRecord(entry.options) ? entry.options : {};
    found.push({
      name,
      authType: 'wecom',
      title: text(entry.title) || name,
      options: { corpId: text(options.corpId), agentId: text(options.agentId), autoLogin: options.autoLogin === true },
    });
  }
  return found;
}

/** The authenticator that signs in automatically in the WeCom client, or null. */
export function autoLoginAuthenticator(list: readonly WeComAuthenticator[]): WeComAuthenticator | null {
  return list.find((authenticator) => authenticator.options.autoLogin) ?? null;
}

export interface ChooseAuthenticatorOptions {
  /** The page's choice: the authenticator NocoBase rendered the button for, a `data-authenticator`. */
  given?: string | null;
  /** The enabled WeCom authenticators; only read when the page names none. */
  list: () => readonly WeComAuthenticator[] | Promise<readonly WeComAuthenticator[]>;
  /** A sign-in the page starts on its own, rather than one the user asked for (a click, `signIn()`). */
  silent: boolean;
}

/**
 * The name of the WeCom authenticator a sign-in goes through, or null when there is none: the page's choice, else
 * the one with automatic login; a sign-in the user asked for may also take the first WeCom one, a silent one may
 * not, since only an admin's "automatic login" may send people to WeCom unasked.
 */
export async function chooseAuthenticator(options: ChooseAuthenticatorOptions): Promise<string | null> {
  if (options.given) return options.given;
  const list = await options.list();
  const chosen = autoLoginAuthenticator(list) ?? (options.silent ? null : list[0]);
  return chosen?.name ?? null;
}
