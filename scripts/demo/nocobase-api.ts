import type { RootAccount } from './types.ts';

type Json = Record<string, unknown>;

/** A NocoBase action answered with an error: `{ errors: [{ message, code }] }` or a bare status. */
export class NocoBaseApiError extends Error {
  constructor(
    readonly action: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${action} answered ${status}: ${body.slice(0, 500)}`);
  }
}

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function asRecords(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(asRecord) : [];
}

/** NocoBase's HTTP API (`/api/<resource>:<action>`), as one user. */
export class NocoBaseApi {
  constructor(
    readonly appUrl: string,
    readonly token?: string,
    readonly authenticator = 'basic',
  ) {}

  /** The `data` of the answer. */
  async call(action: string, init: { query?: Json; body?: Json; method?: 'GET' | 'POST' } = {}): Promise<unknown> {
    const url = new URL(`/api/${action}`, this.appUrl);
    for (const [key, value] of Object.entries(init.query ?? {})) {
      url.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    const headers: Record<string, string> = { 'X-Authenticator': this.authenticator, 'X-Locale': 'en-US' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (init.body) headers['Content-Type'] = 'application/json';
    const answer = await fetch(url, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers,
      body: init.body ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await answer.text();
    if (!answer.ok) throw new NocoBaseApiError(action, answer.status, text);
    return text ? asRecord(JSON.parse(text)).data : undefined;
  }
}

/** A token of the root user, from NocoBase's password sign-in (`auth:signIn`, authenticator `basic`). */
export async function rootToken(appUrl: string, root: RootAccount): Promise<string> {
  const data = asRecord(
    await new NocoBaseApi(appUrl).call('auth:signIn', { body: { account: root.account, password: root.password } }),
  );
  if (typeof data.token !== 'string') throw new Error(`auth:signIn returned no token for ${root.account}`);
  return data.token;
}

export async function signInAsRoot(appUrl: string, root: RootAccount): Promise<NocoBaseApi> {
  return new NocoBaseApi(appUrl, await rootToken(appUrl, root));
}

async function findOne(api: NocoBaseApi, resource: string, filter: Json): Promise<Json | undefined> {
  return asRecords(await api.call(`${resource}:list`, { query: { filter, pageSize: '2' } }))[0];
}

/** Creates the authenticator, or updates the one of that name, so that every run leaves the same settings. */
export async function upsertAuthenticator(
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
export async function upsertUserByPhone(
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
export async function bindIdentity(
  api: NocoBaseApi,
  binding: { authenticator: string; uuid: string; userId: number },
): Promise<void> {
  const existing = await findOne(api, 'usersAuthenticators', {
    authenticator: binding.authenticator,
    uuid: binding.uuid,
  });
  if (!existing) await api.call('usersAuthenticators:create', { body: binding });
}

export async function enabledPluginPackages(appUrl: string): Promise<string[]> {
  const plugins = asRecords(await new NocoBaseApi(appUrl).call('pm:listEnabled'));
  return plugins.map((plugin) => String(plugin.packageName));
}

/**
 * A plugin can be listed as enabled while its server failed to load (NocoBase logs the error and starts
 * anyway). Our action then answers 404; loaded, it refuses an unknown authenticator with 400.
 */
export async function isWeComActionServed(appUrl: string): Promise<boolean> {
  const answer = await fetch(new URL('/api/wecom:getAuthUrl', appUrl), {
    method: 'POST',
    headers: { 'X-Authenticator': 'demo-probe-no-such-authenticator', 'Content-Type': 'application/json' },
    body: '{}',
  });
  return answer.status !== 404;
}

export async function publicAuthenticators(appUrl: string): Promise<Json[]> {
  return asRecords(await new NocoBaseApi(appUrl).call('authenticators:publicList'));
}
