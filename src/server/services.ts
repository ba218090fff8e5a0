import type { Cache } from '@nocobase/cache';
import type Application from '@nocobase/server';
import type { WeComOptions } from './options';
import { SignInStates } from './sign-in-states';
import { WeComCorpApp } from './wecom/corp-app';
import type { CredentialSource, RunExclusive, SharedCache } from './wecom/credential-cache';

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
        {
          apiBaseUrl: options.apiBaseUrl,
          fetch: this.fetchImpl,
          timeoutMs: options.timeoutMs,
          busyRetries: 2,
          busyRetryDelayMs: 200,
        },
        this.source,
      );
      this.corpApps.set(key, corpApp);
    }
    return corpApp;
  }
}

/** `now` replaces the clock of sign-in states and cached credentials (tests move it forward). */
export async function createWeComServices(app: Application, now: () => number = Date.now): Promise<WeComServices> {
  const cache: Cache = await app.cacheManager.createCache({ name: 'wecom-auth', prefix: 'wecom-auth' });
  const sharedCache: SharedCache = {
    get: (key) => cache.get(key),
    set: (key, value, ttlMs) => cache.set(key, value, ttlMs),
    del: (key) => cache.del(key),
  };
  return new WeComServices(
    sharedCache,
    (key, fn) => app.lockManager.runExclusive(`wecom-auth:${key}`, fn, 30_000),
    now,
  );
}
