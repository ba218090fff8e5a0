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
