import type { PluginApi } from '../plugin-api';

/** One call to NocoBase's API, as the linked-members panel makes it. */
export interface LinkedMembersCall {
  /** A resource action, e.g. `wecom:listLinks`. */
  url: string;
  method: 'get' | 'post';
  /** The query string of a `get`. */
  params?: Record<string, string | number | string[]>;
  /** The JSON body of a `post`; NocoBase reads it as the action's `values`. */
  data?: Record<string, string | number>;
}

/**
 * How the panel reaches the server: resolves to the response body (`unknown`, parsed by the caller) and rejects on a
 * failure, with NocoBase's `{ errors: [{ message, code }] }` as `error.response.data` when the server answered.
 */
export type LinkedMembersRequest = (call: LinkedMembersCall) => Promise<unknown>;

/** The panel's request function over a shell's API client (`useAPIClient()` in v1, the app's `apiClient` in v2). */
export function requestThrough(client: PluginApi): LinkedMembersRequest {
  return async (call) => (await client.request({ ...call, skipNotify: true })).data;
}
