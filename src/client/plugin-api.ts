/**
 * What the plugin's admin components ask of a shell's API client (`useAPIClient()` in the classic shell, the app's
 * `apiClient` in the `/v/` one): both send the admin's session with every request. The answer's body is `unknown`
 * until the caller has read it.
 */
export interface PluginApi {
  request(config: {
    url: string;
    method?: 'get' | 'post';
    /** The query string of a `get`. */
    params?: Record<string, unknown>;
    data?: unknown;
    /** The component shows the failure itself; NocoBase would show it a second time. */
    skipNotify?: boolean;
  }): Promise<{ data: unknown }>;
}

/** The `data` of NocoBase's `{ data }` answer body. */
export function answerData(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
}
