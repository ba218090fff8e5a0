import {
  type AppAsRoot,
  asRecord,
  asRecords,
  type Json,
  NocoBaseApi,
  type NocoBaseUser,
  rootToken,
  toUser,
} from './nocobase-api.ts';

export interface Authenticator {
  id: number;
  name: string;
  authType: string;
  title: string;
  enabled: boolean;
  /** As NocoBase answers `authenticators:list`: `secret` is always empty (the plugin keeps it in its own store) and `secretSaved` says whether one is kept. */
  options: Json;
}

export interface Binding {
  authenticator: string;
  uuid: string;
  userId: number;
}

export interface ConfigCheck {
  key: string;
  ok: boolean;
  message: string;
  errcode: number | null;
}

/** NocoBase's HTTP API as root, for what the tests arrange and verify behind the browser's back. */
export class NocoBaseAdmin {
  private constructor(
    private readonly api: NocoBaseApi,
    readonly appUrl: string,
  ) {}

  static async signIn({ appUrl, root }: AppAsRoot): Promise<NocoBaseAdmin> {
    return new NocoBaseAdmin(new NocoBaseApi(appUrl, await rootToken(appUrl, root)), appUrl);
  }

  get token(): string {
    return this.api.token ?? '';
  }

  call(action: string, init?: Parameters<NocoBaseApi['call']>[1]): Promise<unknown> {
    return this.api.call(action, init);
  }

  /** `roles` by name; NocoBase links existing roles given by their primary key. */
  async createUser(user: {
    username: string;
    nickname: string;
    phone: string;
    roles?: string[];
    password?: string;
  }): Promise<NocoBaseUser> {
    return toUser(asRecord(await this.api.call('users:create', { body: user })));
  }

  async usersWithPhone(phone: string): Promise<NocoBaseUser[]> {
    return asRecords(await this.api.call('users:list', { query: { filter: { phone }, pageSize: '50' } })).map(toUser);
  }

  /** Links a WeCom userid to a user as a finished sign-in would (`usersAuthenticators.uuid` = userid). */
  async bind(binding: Binding): Promise<void> {
    await this.api.call('usersAuthenticators:create', { body: { ...binding } });
  }

  async bindings(filter: Partial<Binding>): Promise<Binding[]> {
    const records = asRecords(await this.api.call('usersAuthenticators:list', { query: { filter, pageSize: '50' } }));
    return records.map((record) => ({
      authenticator: String(record.authenticator),
      uuid: String(record.uuid),
      userId: Number(record.userId),
    }));
  }

  async authenticator(name: string): Promise<Authenticator | undefined> {
    const [record] = asRecords(await this.api.call('authenticators:list', { query: { filter: { name } } }));
    if (!record) return undefined;
    return {
      id: Number(record.id),
      name: String(record.name),
      authType: String(record.authType),
      title: String(record.title ?? ''),
      enabled: record.enabled === true,
      options: asRecord(record.options),
    };
  }

  /**
   * Replaces the authenticator's options. The secret is sent empty, which the plugin answers by keeping the
   * stored one, so a test never needs to know it.
   */
  async setAuthenticatorOptions(name: string, options: Json): Promise<void> {
    const current = await this.authenticator(name);
    if (!current) throw new Error(`no authenticator ${name}`);
    const { secretSaved: _ignored, ...rest } = options;
    await this.api.call('authenticators:update', {
      query: { filterByTk: String(current.id) },
      // `enabled` goes along: without it NocoBase's plugin-auth takes the update for one that disables the
      // authenticator, and refuses it ("Please keep and enable at least one authenticator").
      body: { enabled: current.enabled, options: { ...rest, secret: '' } },
    });
  }

  async deleteAuthenticator(name: string): Promise<void> {
    const current = await this.authenticator(name);
    if (current) await this.api.call('authenticators:destroy', { query: { filterByTk: String(current.id) } });
  }

  /** The plugin's "Check configuration"; an empty secret means the one saved for `name`. */
  async checkConfig(name: string, options: Json): Promise<{ ok: boolean; checks: ConfigCheck[] }> {
    const data = asRecord(await this.api.call('wecom:checkConfig', { body: { name, options } }));
    const checks = asRecords(data.checks).map((check) => ({
      key: String(check.key),
      ok: check.ok === true,
      message: String(check.message),
      errcode: typeof check.errcode === 'number' ? check.errcode : null,
    }));
    return { ok: data.ok === true, checks };
  }
}
