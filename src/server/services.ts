import type { Cache } from '@nocobase/cache';
import type Application from '@nocobase/server';
import type { WeComOptions } from './options';
import { SignInStates } from './sign-in-states';
import { WeComCorpApp } from './wecom/corp-app';
import type { CredentialSource, RunExclusive, SharedCache } from './wecom/credential-cache';
import type { WeComHttp } from './wecom/request';

/** What the auth type and the actions share for the life of the app: one cache, the states, one client per WeCom app. */
export class WeComServices {
  readonly states: SignInStates;
  private readonly corpApps = new Map<string, WeComCorpApp>();
  private readonly source: CredentialSource;

  constructor(
    cache: SharedCache,
    readonly runExclusive: RunExclusive,
    readonly now: () => number = Date.now,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {
    this.source = { cache, runExclusive, now };
    this.states = new SignInStates(cache, runExclusive, now);
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
  return new WeComServices(
    appCache(app),
    (key, fn) => app.lockManager.runExclusive(`wecom-auth:${key}`, fn, 30_000),
    now,
  );
}
