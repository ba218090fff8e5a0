/**
 * The parts of NocoBase's newer browser shell (`/v/`) this plugin uses. `@nocobase/client-v2` is not published
 * on npm; the running app provides it to plugins, so these declarations are our boundary with it.
 */
declare module '@nocobase/client-v2' {
  export interface Application {
    pm: { get<T>(plugin: string | (abstract new (...args: never[]) => T)): T };
    i18n: { addResources(language: string, namespace: string, resources: Record<string, string>): void };
    apiClient: {
      auth: { setToken(token: string): void; setAuthenticator(name: string): void };
      /** NocoBase's axios wrapper, as in the classic shell. */
      request(config: {
        url: string;
        method?: 'get' | 'post';
        params?: Record<string, unknown>;
        data?: unknown;
        /** Leaves a failure to the caller instead of NocoBase's error notification. */
        skipNotify?: boolean;
      }): Promise<{ data: unknown }>;
    };
  }

  export class Plugin {
    app: Application;
    /** Called as the plugin manager adds the plugin, once every plugin's code is evaluated, before any load. */
    afterAdd(): Promise<void>;
    load(): Promise<void>;
  }
}
