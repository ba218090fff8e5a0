import type { SandboxApp, SandboxAppPatch, SandboxSettings, SandboxSettingsPatch } from './types.ts';

/**
 * What a caller on this machine is seen as: the sandbox compares the socket peer after dropping `::ffff:`,
 * so an IPv4 caller is `127.0.0.1` whether the socket is IPv4 or dual-stack, and an IPv6 one `::1`.
 */
export const LOOPBACK_IPS: readonly string[] = Object.freeze(['127.0.0.1', '::1']);

export const DEFAULT_SANDBOX_SETTINGS: SandboxSettings = deepFreeze({
  corpId: 'wwsandbox0000001',
  apps: [
    {
      agentId: 1000002,
      name: 'NocoBase',
      secret: 'sandbox-secret-0001',
      trustedDomain: '127.0.0.1:13000',
      // An app created after 2022-06-20 trusts no IP until the admin adds one; users of the sandbox trust theirs.
      trustedIps: [],
      createdBefore20220620: false,
      disabled: false,
    },
  ],
  tokenLifetimeSeconds: 7200,
  clockOffsetSeconds: 0,
  // Generous on purpose: benchmarks call gettoken a lot; tests that want 45009 lower it.
  gettokenRateLimit: { max: 1000, windowSeconds: 60 },
  defaultClientUser: null,
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) {
      deepFreeze(inner);
    }
    Object.freeze(value);
  }
  return value;
}

/** Deep copy, so callers can never mutate the sandbox's state or the frozen defaults. */
export function cloneSettings(settings: SandboxSettings): SandboxSettings {
  return structuredClone(settings);
}

export type MergeResult = { ok: true; settings: SandboxSettings } | { ok: false; message: string };

function mergeApp(current: SandboxApp | undefined, patch: SandboxAppPatch): SandboxApp | string {
  if (current) {
    return { ...current, ...definedOnly(patch) };
  }
  const { agentId, name, secret, trustedDomain } = patch;
  if (name === undefined || secret === undefined || trustedDomain === undefined) {
    return `apps: new app ${agentId} needs name, secret and trustedDomain`;
  }
  const createdBefore20220620 = patch.createdBefore20220620 ?? false;
  return {
    agentId,
    name,
    secret,
    trustedDomain,
    ...(patch.homeUrl === undefined ? {} : { homeUrl: patch.homeUrl }),
    trustedIps: patch.trustedIps === undefined ? defaultTrustedIps(createdBefore20220620) : patch.trustedIps,
    createdBefore20220620,
    disabled: patch.disabled ?? false,
  };
}

/**
 * Since 2022-06-20 WeCom calls a new self-built app's API only from its trusted IPs (企业可信IP), and a new app
 * has none; older apps were never checked. An explicit `null` still turns the check off.
 */
function defaultTrustedIps(createdBefore20220620: boolean): string[] | null {
  return createdBefore20220620 ? null : [];
}

/** `{ ...a, ...b }` would let an explicit `undefined` in a patch wipe a required field. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Applies a patch: scalars replace, gettokenRateLimit merges, apps merge one by one by agentId
 * (apps not named in the patch stay as they are).
 */
export function mergeSettings(current: SandboxSettings, patch: SandboxSettingsPatch): MergeResult {
  const apps = current.apps.map((app) => ({ ...app }));
  for (const appPatch of patch.apps ?? []) {
    const index = apps.findIndex((app) => app.agentId === appPatch.agentId);
    const merged = mergeApp(apps[index], appPatch);
    if (typeof merged === 'string') {
      return { ok: false, message: merged };
    }
    if (index === -1) {
      apps.push(merged);
    } else {
      apps[index] = merged;
    }
  }
  const secrets = new Set(apps.map((app) => app.secret));
  if (secrets.size !== apps.length) {
    // gettoken finds the app by its secret, so two apps may not share one.
    return { ok: false, message: 'apps: two apps have the same secret' };
  }
  const { apps: _apps, gettokenRateLimit, ...scalars } = patch;
  return {
    ok: true,
    settings: cloneSettings({
      ...current,
      ...definedOnly(scalars),
      apps,
      gettokenRateLimit: { ...current.gettokenRateLimit, ...definedOnly(gettokenRateLimit ?? {}) },
    }),
  };
}
