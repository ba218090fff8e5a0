import type { StartedSandbox } from '../../src/sandbox/index.ts';
import { AUTH_TYPE } from '../../src/shared/constants.ts';
import { DEMO_AUTHENTICATOR, DEMO_CORP_ID, DEMO_PEOPLE, DEMO_WECOM_APP } from './directory.ts';
import { bindIdentity, type NocoBaseApi, upsertAuthenticator, upsertUserByPhone } from './nocobase-api.ts';
import type { DemoLog } from './types.ts';

/** The authenticator's options (README "Configuration"), pointing all three WeCom hosts at the sandbox. */
export function demoAuthenticatorOptions(appUrl: string, sandboxUrl: string): Record<string, unknown> {
  return {
    corpId: DEMO_CORP_ID,
    agentId: String(DEMO_WECOM_APP.agentId),
    secret: DEMO_WECOM_APP.secret,
    origin: appUrl,
    redirectPath: '/admin',
    autoLogin: true,
    autoSignup: false,
    apiBaseUrl: sandboxUrl,
    oauthBaseUrl: sandboxUrl,
    loginBaseUrl: sandboxUrl,
  };
}

/**
 * Everything an admin would click together, done through NocoBase's own HTTP API as root, so the demo
 * also exercises the plugin's settings checks. Idempotent: a second run updates instead of adding.
 */
export async function configureApp(api: NocoBaseApi, sandbox: StartedSandbox, log: DemoLog): Promise<void> {
  const outcome = await upsertAuthenticator(api, {
    name: DEMO_AUTHENTICATOR,
    authType: AUTH_TYPE,
    title: 'WeCom',
    enabled: true,
    options: demoAuthenticatorOptions(api.appUrl, sandbox.url),
  });
  log(`authenticator "${DEMO_AUTHENTICATOR}" ${outcome}`);
  for (const person of DEMO_PEOPLE) {
    if (!person.user) continue;
    const userId = await upsertUserByPhone(api, person.user);
    if (person.preBound) {
      await bindIdentity(api, { authenticator: DEMO_AUTHENTICATOR, uuid: person.member.userid, userId });
    }
  }
  const seeded = DEMO_PEOPLE.filter((person) => person.user).map((person) => person.user?.nickname);
  log(`users ${seeded.join(', ')} in place`);
}
