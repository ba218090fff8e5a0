import { fakeBrowser } from '@webext-core/fake-browser';
import type { StoredConfig } from '../extension/config';
import { CONFIG_KEY, configItem, loadConfig, saveConfig, watchConfigChanges } from './config-store';

const A = 'https://a.example';
const B = 'https://b.example';

const storage = { sync: fakeBrowser.storage.sync, managed: fakeBrowser.storage.managed };

beforeEach(() => fakeBrowser.reset());

describe('loadConfig', () => {
  it('is empty on a fresh install', async () => {
    const { effective } = await loadConfig({ storage, pinnedOrigins: [] });
    expect(effective.origins).toEqual([]);
    expect(effective.policy.applied).toBe(false);
  });

  it("puts IT's managed values over the person's synced ones", async () => {
    await fakeBrowser.storage.sync.set({
      [CONFIG_KEY]: { version: 1, origins: [{ origin: A, authenticator: 'mine', autoStart: true }, { origin: B }] },
    });
    await fakeBrowser.storage.managed.set({ origins: [{ origin: A, authenticator: 'it' }] });
    const { effective } = await loadConfig({ storage, pinnedOrigins: [] });
    expect(
      effective.origins.map(({ origin, authenticator, autoStart, source }) => [
        origin,
        authenticator,
        autoStart,
        source,
      ]),
    ).toEqual([
      [A, 'it', true, 'policy'],
      [B, '', false, 'user'],
    ]);
    expect(effective.policy.applied).toBe(true);
  });

  it('reads a managed area that fails as no policy', async () => {
    const failing = {
      ...storage,
      managed: { get: () => Promise.reject(new Error('no policy here')), set: async () => {} },
    };
    const { effective } = await loadConfig({ storage: failing, pinnedOrigins: [A] });
    expect(effective.origins.map((entry) => entry.source)).toEqual(['build']);
  });

  it('migrates an older stored shape once and writes it back', async () => {
    // A made-up version 0 ({ sites: string[] }) before today's version 1.
    const item = configItem({ 1: (v0) => ({ origins: (v0.sites as string[]).map((origin) => ({ origin })) }) }, 1);
    await fakeBrowser.storage.sync.set({ [CONFIG_KEY]: { sites: [A, 'http://not-allowed.example'] } });
    const writes: unknown[] = [];
    fakeBrowser.storage.onChanged.addListener((changes, area) => {
      if (area === 'sync') writes.push(changes[CONFIG_KEY]?.newValue);
    });
    const { effective } = await loadConfig({ storage, pinnedOrigins: [], item });
    expect(effective.origins.map((entry) => entry.origin)).toEqual([A]);
    expect(writes).toEqual([{ version: 1, origins: [{ origin: A }, { origin: 'http://not-allowed.example' }] }]);
    await loadConfig({ storage, pinnedOrigins: [], item });
    expect(writes).toHaveLength(1);
  });

  it('leaves a value it cannot migrate untouched and starts from none', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({ [CONFIG_KEY]: { sites: [A] } });
    const { effective } = await loadConfig({ storage, pinnedOrigins: [] });
    expect(effective.origins).toEqual([]);
    expect((await fakeBrowser.storage.sync.get(CONFIG_KEY))[CONFIG_KEY]).toEqual({ sites: [A] });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no migration to version 1'));
    warn.mockRestore();
  });
});

describe('saveConfig', () => {
  it('stores the entries with the current version in chrome.storage.sync', async () => {
    const outcome = await saveConfig(
      { storage, pinnedOrigins: [] },
      { origins: [{ origin: `${A}/`, autoStart: true }] },
    );
    expect(outcome.ok).toBe(true);
    const stored = (await fakeBrowser.storage.sync.get(CONFIG_KEY))[CONFIG_KEY] as StoredConfig;
    expect(stored).toEqual({ version: 1, origins: [{ origin: A, authenticator: '', autoStart: true }] });
  });

  it('checks locks against the policy in force when saving, and stores nothing when refused', async () => {
    await fakeBrowser.storage.managed.set({ origins: [{ origin: A, autoStart: false }] });
    const outcome = await saveConfig({ storage, pinnedOrigins: [] }, { origins: [{ origin: A, autoStart: true }] });
    expect(outcome).toEqual({ ok: false, error: { code: 'LOCKED_FIELD', origin: A, field: 'autoStart' } });
    expect(await fakeBrowser.storage.sync.get(CONFIG_KEY)).toEqual({ [CONFIG_KEY]: undefined });
  });
});

describe('watchConfigChanges', () => {
  it("reacts to IT changing the policy and to the person's settings, not to other keys", async () => {
    const onChange = vi.fn();
    watchConfigChanges(fakeBrowser.storage.onChanged, onChange);
    await fakeBrowser.storage.managed.set({ origins: [{ origin: A }] });
    expect(onChange).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.sync.set({ [CONFIG_KEY]: { version: 1, origins: [] } });
    expect(onChange).toHaveBeenCalledTimes(2);
    await fakeBrowser.storage.sync.set({ somethingElse: 1 });
    await fakeBrowser.storage.local.set({ [CONFIG_KEY]: 1 });
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});
