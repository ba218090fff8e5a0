import { getCookie } from 'hono/cookie';
import { parseClientIdentity } from './authorize-request.ts';
import type { SandboxContext } from './http-helpers.ts';
import type { ClientIdentity } from './sandbox-state.ts';
import type { SandboxSettings } from './types.ts';

/** Cookie naming who is signed in to the simulated WeCom client: a userid, or `openid:<X>` for a non-member. */
export const SANDBOX_SESSION_COOKIE = 'wecom_sandbox_user';

export function readSessionCookie(c: SandboxContext): string | undefined {
  return getCookie(c, SANDBOX_SESSION_COOKIE) || undefined;
}

/** The client user: the session cookie, else the configured default, else nobody. */
export function currentClientIdentity(c: SandboxContext, settings: SandboxSettings): ClientIdentity | undefined {
  return parseClientIdentity(readSessionCookie(c) ?? settings.defaultClientUser);
}
