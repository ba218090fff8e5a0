import type { StartedSandbox } from '../../src/sandbox/index.ts';
import { AUTH_TYPE } from '../../src/shared/constants.ts';
import { asRecord, asRecords, type Json, type NocoBaseApi } from '../../src/testing/nocobase-api.ts';
import { DEMO_AUTHENTICATOR, DEMO_CORP_ID, DEMO_PEOPLE, DEMO_WECOM_APP } from './directory.ts';
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

async function findOne(api: NocoBaseApi, resource: string, filter: Json): Promise<Json | undefined> {
  return asRecords(await api.call(`${resource}:list`, { query: { filter, pageSize: '2' } }))[0];
}

/** Creates the authenticator, or updates the one of that name, so that every run leaves the same settings. */
async function upsertAuthenticator(
  api: NocoBaseApi,
  values: { name: string; authType: string; title: string; enabled: boolean; options: Json },
): Promise<'created' | 'updated'> {
  const existing = await findOne(api, 'authenticators', { name: values.name });
  if (!existing) {
    await api.call('authenticators:create', { body: values });
    return 'created';
  }
  await api.call('authenticators:update', { query: { filterByTk: String(existing.id) }, body: values });
  return 'updated';
}

/** A user found by phone (what WeCom sign-in links by), created when missing; returns its id. */
async function upsertUserByPhone(
  api: NocoBaseApi,
  user: { nickname: string; username: string; phone: string },
): Promise<number> {
  const existing = await findOne(api, 'users', { phone: user.phone });
  if (existing) {
    await api.call('users:update', { query: { filterByTk: String(existing.id) }, body: { nickname: user.nickname } });
    return Number(existing.id);
  }
  const created = asRecord(await api.call('users:create', { body: user }));
  return Number(created.id);
}

/** Links a WeCom userid to a user, as an earlier sign-in would have (`usersAuthenticators.uuid` = userid). */
async function bindIdentity(
  api: NocoBaseApi,
  binding: { authenticator: string; uuid: string; userId: number },
): Promise<void> {
  const existing = await findOne(api, 'usersAuthenticators', {
    authenticator: binding.authenticator,
    uuid: binding.uuid,
  });
  if (!existing) await api.call('usersAuthenticators:create', { body: binding });
}

/**
 * Everything an admin would click together, done through NocoBase's own HTTP API as root, so the demo
 * also exercises the plugin's settings checks. Idempotent: a second run updates instead of adding.
 * `origin` is where people open NocoBase: the app itself, or the proxy in front of a cluster's nodes.
 */
export async function configureApp(
  api: NocoBaseApi,
  sandbox: StartedSandbox,
  log: DemoLog,
  origin: string = api.appUrl,
): Promise<void> {
  const outcome = await upsertAuthenticator(api, {
    name: DEMO_AUTHENTICATOR,
    authType: AUTH_TYPE,
    title: 'WeCom',
    enabled: true,
    options: demoAuthenticatorOptions(origin, sandbox.url),
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
