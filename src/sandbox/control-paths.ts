/** Paths of the control API; shared by the routes, the typed client, the home page and the CLI. */
export const CONTROL_PATHS = {
  reset: '/__sandbox/reset',
  members: '/__sandbox/members',
  settings: '/__sandbox/settings',
  faults: '/__sandbox/faults',
  calls: '/__sandbox/calls',
  revokeTokens: '/__sandbox/revoke-tokens',
  consents: '/__sandbox/consents',
  jsapiVerify: '/__sandbox/jsapi/verify',
  session: '/__sandbox/session',
} as const;

export const CONTROL_PREFIX = '/__sandbox/';

export interface ControlEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  description: string;
}

export const CONTROL_ENDPOINTS: readonly ControlEndpoint[] = [
  {
    method: 'POST',
    path: CONTROL_PATHS.reset,
    description: 'back to start-up settings and members; clears everything, consents included',
  },
  { method: 'GET', path: CONTROL_PATHS.members, description: 'the directory' },
  { method: 'PUT', path: CONTROL_PATHS.members, description: 'replace the directory: {"members":[…]}' },
  { method: 'GET', path: CONTROL_PATHS.settings, description: 'current settings' },
  { method: 'PATCH', path: CONTROL_PATHS.settings, description: 'merge settings (apps merged by agentId)' },
  { method: 'GET', path: CONTROL_PATHS.faults, description: 'pending faults' },
  { method: 'POST', path: CONTROL_PATHS.faults, description: 'add a fault for the next N calls of a path' },
  { method: 'DELETE', path: CONTROL_PATHS.faults, description: 'drop pending faults' },
  { method: 'GET', path: CONTROL_PATHS.calls, description: 'calls per WeCom path' },
  { method: 'DELETE', path: CONTROL_PATHS.calls, description: 'reset call counts' },
  { method: 'POST', path: CONTROL_PATHS.revokeTokens, description: 'invalidate every access_token (→ 40014)' },
  {
    method: 'DELETE',
    path: `${CONTROL_PATHS.consents}?userid=X`,
    description: 'forget snsapi_privateinfo consents (all, or one member’s), so the consent page shows again',
  },
  {
    method: 'POST',
    path: CONTROL_PATHS.jsapiVerify,
    description: 'check a JS-SDK signature as the client would (→ 0, 40093 or 42012)',
  },
  {
    method: 'GET',
    path: `${CONTROL_PATHS.session}?userid=X&next=URL`,
    description: 'sign in to the simulated WeCom client',
  },
];
