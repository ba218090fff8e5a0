import { DEFAULT_SANDBOX_SETTINGS, LOOPBACK_IPS, mergeSettings } from './settings.ts';
import type { SandboxAppPatch, SandboxSettings } from './types.ts';

describe('DEFAULT_SANDBOX_SETTINGS', () => {
  it('matches the documented defaults', () => {
    expect(DEFAULT_SANDBOX_SETTINGS).toMatchObject({
      corpId: 'wwsandbox0000001',
      tokenLifetimeSeconds: 7200,
      clockOffsetSeconds: 0,
      defaultClientUser: null,
      apps: [
        {
          agentId: 1000002,
          name: 'NocoBase',
          secret: 'sandbox-secret-0001',
          trustedDomain: '127.0.0.1:13000',
          trustedIps: [],
          createdBefore20220620: false,
          disabled: false,
        },
      ],
    });
  });

  it('cannot be mutated by a careless caller', () => {
    expect(Object.isFrozen(DEFAULT_SANDBOX_SETTINGS.apps[0])).toBe(true);
  });
});

describe('mergeSettings', () => {
  it('merges an app by agentId and keeps the others', () => {
    const result = mergeSettings(DEFAULT_SANDBOX_SETTINGS, {
      apps: [{ agentId: 1000002, trustedIps: ['10.0.0.1'] }],
    });
    expect(result.ok && result.settings.apps).toEqual([
      { ...DEFAULT_SANDBOX_SETTINGS.apps[0], trustedIps: ['10.0.0.1'] },
    ]);
  });

  it('adds an unknown agentId as a new app with defaults', () => {
    const result = mergeSettings(DEFAULT_SANDBOX_SETTINGS, {
      apps: [{ agentId: 1000003, name: 'Other', secret: 'other', trustedDomain: 'other.example.com' }],
    });
    expect(result.ok && result.settings.apps[1]).toEqual({
      agentId: 1000003,
      name: 'Other',
      secret: 'other',
      trustedDomain: 'other.example.com',
      trustedIps: [],
      createdBefore20220620: false,
      disabled: false,
    });
  });

  const other = { agentId: 1000003, name: 'Other', secret: 'other', trustedDomain: 'other.example.com' };

  function addedApp(patch: SandboxAppPatch): SandboxSettings['apps'][number] | undefined {
    const result = mergeSettings(DEFAULT_SANDBOX_SETTINGS, { apps: [patch] });
    if (!result.ok) throw new Error(result.message);
    return result.settings.apps.find((app) => app.agentId === patch.agentId);
  }

  it('gives a new app created before 2022-06-20 no IP check, and keeps an explicit null or list', () => {
    expect(addedApp({ ...other, createdBefore20220620: true })?.trustedIps).toBeNull();
    expect(addedApp({ ...other, trustedIps: null })?.trustedIps).toBeNull();
    expect(addedApp({ ...other, trustedIps: [...LOOPBACK_IPS] })?.trustedIps).toEqual(['127.0.0.1', '::1']);
    expect(addedApp({ ...other, createdBefore20220620: true, trustedIps: [] })?.trustedIps).toEqual([]);
  });

  it('leaves the trusted IPs of an existing app alone when only its creation date changes', () => {
    expect(addedApp({ agentId: 1000002, createdBefore20220620: true })?.trustedIps).toEqual([]);
  });

  it('disables and enables an app', () => {
    const disabled = mergeSettings(DEFAULT_SANDBOX_SETTINGS, { apps: [{ agentId: 1000002, disabled: true }] });
    if (!disabled.ok) throw new Error(disabled.message);
    expect(disabled.settings.apps[0]?.disabled).toBe(true);
    const enabled = mergeSettings(disabled.settings, { apps: [{ agentId: 1000002, disabled: false }] });
    expect(enabled.ok && enabled.settings.apps[0]?.disabled).toBe(false);
  });

  it('refuses a new app without its required fields', () => {
    const result = mergeSettings(DEFAULT_SANDBOX_SETTINGS, { apps: [{ agentId: 5 }] });
    expect(result).toEqual({ ok: false, message: 'apps: new app 5 needs name, secret and trustedDomain' });
  });

  it('refuses two apps sharing a secret', () => {
    const result = mergeSettings(DEFAULT_SANDBOX_SETTINGS, {
      apps: [{ agentId: 5, name: 'Dup', secret: 'sandbox-secret-0001', trustedDomain: 'x.example.com' }],
    });
    expect(result.ok).toBe(false);
  });

  it('merges the rate limit field by field and lets defaultClientUser go back to null', () => {
    const first = mergeSettings(DEFAULT_SANDBOX_SETTINGS, { gettokenRateLimit: { max: 3 }, defaultClientUser: 'lisi' });
    if (!first.ok) throw new Error(first.message);
    expect(first.settings.gettokenRateLimit).toEqual({ max: 3, windowSeconds: 60 });
    const second = mergeSettings(first.settings, { defaultClientUser: null });
    expect(second.ok && second.settings.defaultClientUser).toBeNull();
  });

  it('never shares objects with its input', () => {
    const result = mergeSettings(DEFAULT_SANDBOX_SETTINGS, {});
    expect(result.ok && result.settings.apps[0]).not.toBe(DEFAULT_SANDBOX_SETTINGS.apps[0]);
  });
});
