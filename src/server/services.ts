import { createHmac } from 'node:crypto';
import type { Context } from '@nocobase/actions';
import type { Cache } from '@nocobase/cache';
import type Application from '@nocobase/server';
import type { AppPaths } from '../shared/landing';
import { answerWithin } from './answer-within';
import { appPathsFromEnv } from './app-paths';
import { AuthenticatorRows, authenticatorRowReader } from './authenticator-rows';
import { SignInFlow } from './callback-checks';
import { clientAddress, type TrustedProxies, trustedProxies } from './client-address';
import type { Coordination } from './coordination/coordination';
import { coordinationFor } from './coordination/for-app';
import { COMMAND_TIMEOUT_MS } from './coordination/redis-store';
import { FailedCallbacks } from './failed-callbacks';
import { LinkConfirmations } from './link-confirmations';
import type { WeComOptions, WeComSettings } from './options';
import { type SecretSource, SecretStore } from './secret-store';
import { SignInError } from './sign-in-error';
import { deriveStateKey } from './sign-in-state';
import { signInCoordination } from './single-use';
import { WeComCorpApp } from './wecom/corp-app';
import type { CredentialSource, RunExclusive, SharedCache } from './wecom/credential-cache';
import type { WeComHttp } from './wecom/request';

export interface WeComServicesInit {
  /** The credentials cache: access tokens and JS-SDK tickets, nothing a visitor can add to. */
  cache: SharedCache;
  /** The authenticators' rows as the database has them, across the nodes. */
  authenticatorRows: AuthenticatorRows;
  /**
   * What every node must agree on: single use of sign-in states and pending links, their password attempts, and the
   * locks of token fetches and member links. Apart from the credentials cache, so nothing written there evicts a token.
   */
  coordination: Coordination;
  /** The secret sign-in cookies, states and pending links are signed with. */
  stateKey: () => Buffer;
  /** Where the WeCom apps' secrets are kept. */
  secrets: SecretStore;
  now?: () => number;
  fetch?: typeof fetch;
  /** Whose `X-Forwarded-For` is believed; the defaults of `client-address.ts` when not given. */
  trustedProxies?: TrustedProxies;
  paths?: AppPaths;
}

/** What the auth type and the actions share for the life of the app: the caches, sign-ins, one client per WeCom app. */
export class WeComServices {
  readonly signIns: SignInFlow;
  /** Links by phone that wait for the account's password. */
  readonly linkConfirmations: LinkConfirmations;
  /** Declined and refused callbacks per client address, so that nobody spends the company's WeCom quota. */
  readonly failedCallbacks: FailedCallbacks;
  /** A lock held across the nodes: token and ticket fetches, and the links of one member. */
  readonly runExclusive: RunExclusive;
  readonly now: () => number;
  /** Where NocoBase serves its client and its server routes: what a landing is judged against. */
  readonly paths: AppPaths;
  readonly secrets: SecretStore;
  readonly authenticatorRows: AuthenticatorRows;
  private readonly corpApps = new Map<string, WeComCorpApp>();
  private readonly source: CredentialSource;
  private readonly fetchImpl: typeof fetch;
  private readonly trustedProxies: TrustedProxies | undefined;

  constructor(init: WeComServicesInit) {
    this.now = init.now ?? Date.now;
    const shared = signInCoordination(init.coordination);
    this.runExclusive = shared.runExclusive;
    this.fetchImpl = init.fetch ?? ((input, init) => fetch(input, init));
    this.paths = init.paths ?? appPathsFromEnv();
    this.secrets = init.secrets;
    this.authenticatorRows = init.authenticatorRows;
    this.source = { cache: init.cache, runExclusive: shared.runExclusive, now: this.now };
    this.signIns = new SignInFlow(init.stateKey, shared.claimOnce, this.now);
    this.linkConfirmations = new LinkConfirmations(init.stateKey, shared.tally, this.now);
    this.failedCallbacks = new FailedCallbacks(shared.tally);
    this.trustedProxies = init.trustedProxies;
  }

  /** The client a request came from, one key per client (see `clientAddress`). */
  clientAddressOf(ctx: Context): string {
    const origin = { peer: ctx.req?.socket?.remoteAddress, forwardedFor: ctx.get('X-Forwarded-For') || undefined };
    return clientAddress(origin, this.trustedProxies);
  }

  /** How to reach WeCom with these settings. */
  http(options: Pick<WeComOptions, 'apiBaseUrl' | 'timeoutMs'>): WeComHttp {
    return {
      apiBaseUrl: options.apiBaseUrl,
      fetch: this.fetchImpl,
      timeoutMs: options.timeoutMs,
      busyRetries: 2,
      busyRetryDelayMs: 200,
    };
  }

  /**
   * The client of the WeCom app these settings name, kept so its in-flight token fetch is shared. Keyed by the
   * secret's source and version, never the secret: building it reads nothing, the secret is read to fetch a token.
   */
  corpApp(options: CorpAppSettings): WeComCorpApp {
    const { secret } = options;
    const key = JSON.stringify([
      options.apiBaseUrl,
      options.corpId,
      options.agentId,
      secret.from,
      secret.tag,
      options.timeoutMs,
    ]);
    let corpApp = this.corpApps.get(key);
    if (!corpApp) {
      corpApp = new WeComCorpApp(
        { corpId: options.corpId, agentId: options.agentId, secretTag: secret.tag, secret: () => secret.read() },
        this.http(options),
        this.source,
      );
      this.corpApps.set(key, corpApp);
    }
    return corpApp;
  }
}

/** What a WeCom client is built from: the settings a sign-in reads, with where its secret comes from. */
export type CorpAppSettings = Pick<WeComSettings, 'apiBaseUrl' | 'corpId' | 'agentId' | 'timeoutMs'> & {
  secret: SecretSource;
};

const CACHE_NAME = 'wecom-auth';

/**
 * NocoBase's cache as `SharedCache`. Looked up on every use, not kept: a restart (install, `pm` commands)
 * replaces the app's cache manager and closes the old stores, while actions defined before it live on. In a
 * cluster it is Redis, whose client waits for as long as Redis is away: a sign-in that needs it then ends with
 * SIGN_IN_UNAVAILABLE after a while, as one that needs the coordination does, instead of hanging.
 */
function appCache(app: Application): SharedCache {
  const current = async (): Promise<Cache> => {
    try {
      return app.cacheManager.getCache(CACHE_NAME);
    } catch {
      return app.cacheManager.createCache({ name: CACHE_NAME, prefix: CACHE_NAME });
    }
  };
  const within = async <T>(operation: (cache: Cache) => Promise<T>): Promise<T> => {
    const answer = current().then(operation);
    // Memory answers or fails at once: a deadline there would only misfire while the event loop is busy.
    if (app.cacheManager.defaultStore === 'memory') return answer;
    try {
      return await answerWithin(COMMAND_TIMEOUT_MS, answer);
    } catch (error) {
      throw new SignInError('SIGN_IN_UNAVAILABLE', { status: 503, cause: error });
    }
  };
  return {
    get: (key) => within((cache) => cache.get(key)),
    set: (key, value, ttlMs) => within((cache) => cache.set(key, value, ttlMs)),
    del: (key) => within((cache) => cache.del(key)),
  };
}

/** `now` replaces the clock of sign-in states and cached credentials (tests move it forward). */
export function createWeComServices(app: Application, now: () => number = Date.now): WeComServices {
  let derived: { secret: string; key: Buffer } | null = null;
  const stateKey = (): Buffer => {
    // The JWT secret (APP_KEY): NocoBase keeps it private to its JwtService, but every node has the same one.
    const secret = String((app.authManager.jwt as unknown as { secret(): unknown }).secret());
    if (derived?.secret !== secret) derived = { secret, key: deriveStateKey(secret) };
    return derived.key;
  };
  const cache = appCache(app);
  const proxies = trustedProxies(process.env.WECOM_TRUSTED_PROXIES);
  if (!proxies) {
    app.log.warn(
      'WECOM_TRUSTED_PROXIES is not a list of addresses, CIDR ranges or loopback/linklocal/uniquelocal: ignored',
    );
  }
  return new WeComServices({
    cache,
    authenticatorRows: new AuthenticatorRows(
      cache,
      authenticatorRowReader(() => app.db),
    ),
    // Not NocoBase's lock manager: its open-source adapter locks within one process only.
    coordination: coordinationFor(app),
    stateKey,
    // Its own key, so that a secret's version tells nothing about the keys cookies are signed with.
    secrets: new SecretStore(app, () => createHmac('sha256', stateKey()).update('wecom-secret-version').digest()),
    now,
    ...(proxies ? { trustedProxies: proxies } : {}),
  });
}
