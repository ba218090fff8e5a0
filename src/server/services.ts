import type { Cache } from '@nocobase/cache';
import type Application from '@nocobase/server';
import type { AppPaths } from '../shared/landing';
import { appPathsFromEnv } from './app-paths';
import { SignInFlow } from './callback-checks';
import type { WeComOptions } from './options';
import { deriveStateKey } from './sign-in-state';
import { type ClaimOnce, claimOnceWith } from './single-use';
import { WeComCorpApp } from './wecom/corp-app';
import type { CredentialSource, RunExclusive, SharedCache } from './wecom/credential-cache';
import type { WeComHttp } from './wecom/request';

export interface WeComServicesInit {
  /** The credentials cache: access tokens and JS-SDK tickets, nothing a visitor can add to. */
  cache: SharedCache;
  runExclusive: RunExclusive;
  /** Single use of sign-in states, kept apart from the credentials. */
  claimOnce: ClaimOnce;
  /** The secret sign-in cookies and states are signed with. */
  stateKey: () => Buffer;
  now?: () => number;
  fetch?: typeof fetch;
  paths?: AppPaths;
}

/** What the auth type and the actions share for the life of the app: the caches, sign-ins, one client per WeCom app. */
export class WeComServices {
  readonly signIns: SignInFlow;
  readonly runExclusive: RunExclusive;
  readonly now: () => number;
  /** Where NocoBase serves its client and its server routes: what a landing is judged against. */
  readonly paths: AppPaths;
  private readonly corpApps = new Map<string, WeComCorpApp>();
  private readonly source: CredentialSource;
  private readonly fetchImpl: typeof fetch;

  constructor(init: WeComServicesInit) {
    this.now = init.now ?? Date.now;
    this.runExclusive = init.runExclusive;
    this.fetchImpl = init.fetch ?? ((input, init) => fetch(input, init));
    this.paths = init.paths ?? appPathsFromEnv();
    this.source = { cache: init.cache, runExclusive: init.runExclusive, now: this.now };
    this.signIns = new SignInFlow(init.stateKey, init.claimOnce, this.now);
  }

  /** How to reach WeCom with these settings. */
  http(options: WeComOptions): WeComHttp {
    return {
      apiBaseUrl: options.apiBaseUrl,
      fetch: this.fetchImpl,
      timeoutMs: options.timeoutMs,
      busyRetries: 2,
      busyRetryDelayMs: 200,
    };
  }

  /** The client of the WeCom app these settings name, kept so its in-flight token fetch is shared. */
  corpApp(options: WeComOptions): WeComCorpApp {
    const key = JSON.stringify([
      options.apiBaseUrl,
      options.corpId,
      options.agentId,
      options.secret,
      options.timeoutMs,
    ]);
    let corpApp = this.corpApps.get(key);
    if (!corpApp) {
      corpApp = new WeComCorpApp(
        { corpId: options.corpId, agentId: options.agentId, secret: options.secret },
        this.http(options),
        this.source,
      );
      this.corpApps.set(key, corpApp);
    }
    return corpApp;
  }
}

const CACHE_NAME = 'wecom-auth';

/**
 * NocoBase's cache as `SharedCache`. Looked up on every use, not kept: a restart (install, `pm` commands)
 * replaces the app's cache manager and closes the old stores, while actions defined before it live on.
 */
function appCache(app: Application): SharedCache {
  const current = async (): Promise<Cache> => {
    try {
      return app.cacheManager.getCache(CACHE_NAME);
    } catch {
      return app.cacheManager.createCache({ name: CACHE_NAME, prefix: CACHE_NAME });
    }
  };
  return {
    get: async (key) => (await current()).get(key),
    set: async (key, value, ttlMs) => (await current()).set(key, value, ttlMs),
    del: async (key) => (await current()).del(key),
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
  return new WeComServices({
    cache: appCache(app),
    runExclusive: (key, fn) => app.lockManager.runExclusive(`wecom-auth:${key}`, fn, 30_000),
    claimOnce: claimOnceWith(app),
    stateKey,
    now,
  });
}
