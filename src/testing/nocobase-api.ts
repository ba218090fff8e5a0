/** A JSON object as NocoBase's API answers it. */
export type Json = Record<string, unknown>;

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

export function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

export function asRecords(value: unknown): Json[] {
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

/** NocoBase's root user, as its password sign-in takes it. */
export interface RootAccount {
  /** What `auth:signIn` takes as `account`: the username (the e-mail works too). */
  account: string;
  email: string;
  password: string;
}

/** A running NocoBase app and its root account: what signing in as root needs. */
export interface AppAsRoot {
  appUrl: string;
  root: RootAccount;
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

export interface NocoBaseUser {
  id: number;
  username: string;
  nickname: string;
  phone: string | null;
}

export function toUser(record: Json): NocoBaseUser {
  return {
    id: Number(record.id),
    username: String(record.username ?? ''),
    nickname: String(record.nickname ?? ''),
    phone: typeof record.phone === 'string' ? record.phone : null,
  };
}

/** The user behind a token, asked as NocoBase's client asks on every page (`auth:check`). */
export async function whoIs(
  appUrl: string,
  token: string,
  authenticator: string,
): Promise<{ status: number; user: NocoBaseUser | null }> {
  const answer = await fetch(new URL('/api/auth:check', appUrl), {
    headers: { Authorization: `Bearer ${token}`, 'X-Authenticator': authenticator },
  });
  const body = asRecord(await answer.json().catch(() => ({})));
  const data = asRecord(body.data);
  return { status: answer.status, user: data.id === undefined ? null : toUser(data) };
}
