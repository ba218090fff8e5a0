import { createHmac } from 'node:crypto';
import type { CollectionOptions, Model, Transaction } from '@nocobase/database';
import type Application from '@nocobase/server';
import { asOptions, isEnvReference, typedSecret, variableOf } from './secret-rules';
import { SignInError } from './sign-in-error';

/** The plugin's own collection of WeCom app secrets, one row per `wecom` authenticator, never served over HTTP. */
export const SECRETS_COLLECTION = 'wecomSecrets';

export const secretsCollection: CollectionOptions = {
  name: SECRETS_COLLECTION,
  // Backed up and migrated with the authenticators they belong to, as their secrets were while in `options`.
  dumpRules: { group: 'third-party' },
  migrationRules: ['overwrite', 'schema-only'],
  shared: true,
  fields: [
    // By id, not name: a renamed authenticator keeps its secret without a second write.
    { type: 'bigInt', name: 'authenticatorId', allowNull: false, unique: true },
    // Encrypted with NocoBase's AES key (as its secret variables are), so a dump or a query elsewhere reads no secret.
    { type: 'text', name: 'secret', allowNull: false },
    { type: 'string', name: 'version', allowNull: false },
  ],
};

/** Where a sign-in's secret comes from, without reading it: `tag` changes whenever the secret does. */
export interface SecretSource {
  readonly tag: string;
  /** Where it is read from, so that two authenticators with the same secret each read their own. */
  readonly from: string;
  read(): Promise<string>;
}

/**
 * The secrets of `wecom` authenticators. Reads are cached per authenticator under the version the options name, so a
 * new secret saved on any node is read on the next use, and an unchanged one costs no query. The app is looked up on
 * every use: a restart replaces its database, while the plugin's services live on.
 */
export class SecretStore {
  private readonly cache = new Map<number, { version: string; secret: string }>();

  constructor(
    private readonly app: Application,
    private readonly tagKey: () => Buffer,
  ) {}

  /** The version a secret is stored under: the same on every node for the same secret, and no hint of it. */
  tag(secret: string): string {
    return createHmac('sha256', this.tagKey()).update(secret).digest('hex').slice(0, 24);
  }

  /** Whether a `{{$env.NAME}}` reference names a secret variable, whose value NocoBase shows nobody; unknown ones are. */
  isSecretVariable(reference: string): boolean {
    return !Object.hasOwn(this.app.environment.getNonSecretVariables(), variableOf(reference));
  }

  /** The stored secret of an authenticator, or null; `version` is what its options say it is. */
  async read(authenticatorId: number, version: string): Promise<string | null> {
    const cached = this.cache.get(authenticatorId);
    if (cached?.version === version) return cached.secret;
    const row: Model | null = await this.repository().findOne({ filter: { authenticatorId } });
    if (!row) return null;
    const secret = await this.app.aesEncryptor.decrypt(String(row.get('secret')));
    this.cache.set(authenticatorId, { version: String(row.get('version')), secret });
    return secret;
  }

  /**
   * The source a sign-in reads the stored secret from. A missing row, or one NocoBase's AES key no longer opens (the
   * key file was lost), is a configuration error: an admin types the secret again.
   */
  source(authenticatorId: number, version: string): SecretSource {
    return {
      tag: version,
      from: `store:${authenticatorId}`,
      read: async () => {
        let secret: string | null;
        try {
          secret = await this.read(authenticatorId, version);
        } catch (cause) {
          throw new SignInError('CONFIG_INVALID', { status: 400, cause });
        }
        if (secret === null) throw new SignInError('CONFIG_INVALID', { status: 400 });
        return secret;
      },
    };
  }

  /**
   * The source of an authenticator's secret, from its options as saved: a `{{$env.NAME}}` reference rendered here
   * (NocoBase renders no option of ours), the store under `secretVersion`, or null when it has none.
   */
  sourceFor(options: unknown, authenticatorId: number): SecretSource | null {
    const saved = asOptions(options);
    const secret = typedSecret(saved.secret);
    if (isEnvReference(secret)) {
      const value = typedSecret(asOptions(this.app.environment.renderJsonTemplate({ secret })).secret);
      return value ? this.value(value) : null;
    }
    // A secret saved before secrets had a store, until the plugin's start moves it.
    if (secret) return this.value(secret);
    const version = saved.secretVersion;
    return typeof version === 'string' && version !== '' ? this.source(authenticatorId, version) : null;
  }

  private value(secret: string): SecretSource {
    const tag = this.tag(secret);
    return { tag, from: `value:${tag}`, read: async () => secret };
  }

  async write(authenticatorId: number, secret: string, transaction?: Transaction): Promise<void> {
    const values = { authenticatorId, secret: await this.app.aesEncryptor.encrypt(secret), version: this.tag(secret) };
    const repository = this.repository();
    const existing: Model | null = await repository.findOne({ filter: { authenticatorId }, transaction });
    if (existing) await repository.update({ filterByTk: existing.get('id') as number, values, transaction });
    else await repository.create({ values, transaction });
    this.cache.delete(authenticatorId);
  }

  async drop(authenticatorId: number, transaction?: Transaction): Promise<void> {
    await this.repository().destroy({ filter: { authenticatorId }, transaction });
    this.cache.delete(authenticatorId);
  }

  private repository() {
    return this.app.db.getRepository(SECRETS_COLLECTION);
  }
}
