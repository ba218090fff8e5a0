/**
 * The parts of NocoBase's browser runtime this plugin uses. `@nocobase/client` is not published for 2.2.15;
 * the running app provides it (an AMD module), so these declarations are our boundary with it.
 */
declare module '@nocobase/client' {
  import type { ComponentType } from 'react';

  export interface APIClient {
    request<T = unknown>(config: {
      url: string;
      method?: 'get' | 'post';
      /** A `get`'s query string. */
      params?: Record<string, unknown>;
      data?: unknown;
      headers?: Record<string, string>;
      /** Leaves a failure to the caller instead of NocoBase's error notification. */
      skipNotify?: boolean;
    }): Promise<{ data: T }>;
    axios: { defaults: { baseURL?: string } };
    auth: { setToken(token: string): void; setAuthenticator(name: string): void };
  }

  export interface Application {
    pm: { get<T>(plugin: string | (abstract new (...args: never[]) => T)): T };
    i18n: {
      language: string;
      addResources(language: string, namespace: string, resources: Record<string, string>): void;
    };
    apiClient: APIClient;
  }

  export class Plugin {
    app: Application;
    /** Called as the plugin manager adds the plugin, once every plugin's code is evaluated, before any load. */
    afterAdd(): Promise<void>;
    load(): Promise<void>;
  }

  export const SchemaComponent: ComponentType<{
    schema: Record<string, unknown>;
    scope?: Record<string, unknown>;
    components?: Record<string, ComponentType>;
  }>;

  export function useAPIClient(): APIClient;
}
