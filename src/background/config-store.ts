import {
  type ConfigError,
  type ConfigLayers,
  decideSave,
  type EffectiveConfig,
  EMPTY_STORED_CONFIG,
  mergeConfig,
  NO_POLICY,
  parsePolicy,
  parseStoredConfig,
  type StoredConfig,
} from '../extension/config';
import { readVersioned, toStored, type VersionedItem } from '../extension/versioned-storage';
import type { StorageAreaLike } from './deps';

/** The key in `chrome.storage.sync`; the managed area has no key of ours, its top-level keys are the policy. */
export const CONFIG_KEY = 'config';

/** Version 1 is the first; a migration goes here as `2: (v1) => v2` when the stored shape changes. */
export const CONFIG_MIGRATIONS: VersionedItem<StoredConfig>['migrations'] = {};

export function configItem(migrations = CONFIG_MIGRATIONS, version = 1): VersionedItem<StoredConfig> {
  return { key: CONFIG_KEY, version, migrations, parse: parseStoredConfig, initial: EMPTY_STORED_CONFIG };
}

export interface ConfigStoreDeps {
  storage: { sync: StorageAreaLike; managed: StorageAreaLike };
  pinnedOrigins: readonly string[];
  /** For tests of the machinery with a made-up older version; the real item otherwise. */
  item?: VersionedItem<StoredConfig>;
}

export interface LoadedConfig {
  layers: ConfigLayers;
  effective: EffectiveConfig;
}

/**
 * Reading the managed area can fail where a browser has no policy support, and takes seconds on a fresh
 * profile's first read (extension-tooling.md §6): either way it is "no policy", never a broken extension.
 */
async function readPolicy(managed: StorageAreaLike): Promise<ConfigLayers['policy']> {
  try {
    return parsePolicy(await managed.get(null));
  } catch {
    return NO_POLICY;
  }
}

async function readStored(deps: ConfigStoreDeps): Promise<StoredConfig> {
  const item = deps.item ?? configItem();
  const raw = (await deps.storage.sync.get(item.key))[item.key];
  const read = readVersioned(item, raw);
  if (read.status === 'migrated') {
    // Written back so that the migration runs once, not on every read.
    await deps.storage.sync.set({ [item.key]: read.stored });
  } else if (read.status === 'unreadable') {
    console.warn(`wecom-sign-in: stored configuration not read (${read.reason}); starting from none`);
  }
  return read.value;
}

export async function loadConfig(deps: ConfigStoreDeps): Promise<LoadedConfig> {
  const [policy, stored] = await Promise.all([readPolicy(deps.storage.managed), readStored(deps)]);
  const layers: ConfigLayers = { policy, pinned: deps.pinnedOrigins, stored };
  return { layers, effective: mergeConfig(layers) };
}

export type SaveOutcome = { ok: true; loaded: LoadedConfig; removed: string[] } | { ok: false; error: ConfigError };

/** Validates against the layers in force right now (policy may have changed since the page loaded), then stores. */
export async function saveConfig(deps: ConfigStoreDeps, wishes: unknown): Promise<SaveOutcome> {
  const { layers } = await loadConfig(deps);
  const decision = decideSave(layers, wishes);
  if (!decision.ok) return decision;
  const item = deps.item ?? configItem();
  await deps.storage.sync.set({ [item.key]: toStored(item, decision.stored) });
  const next: ConfigLayers = { ...layers, stored: decision.stored };
  return { ok: true, loaded: { layers: next, effective: mergeConfig(next) }, removed: decision.removed };
}

/** `chrome.storage.onChanged`, as far as it is listened to. */
export interface StorageChangeEvents {
  addListener(listener: (changes: Record<string, unknown>, area: string) => void): void;
}

/**
 * Calls `onChange` whenever the configuration in force may have changed: IT's policy (area `managed`, which
 * Chrome updates live when the policy changes) or the person's settings (area `sync`, also from their other
 * browsers). Other keys and areas are not ours.
 */
export function watchConfigChanges(events: StorageChangeEvents, onChange: () => void): void {
  events.addListener((changes, area) => {
    if (area === 'managed' || (area === 'sync' && CONFIG_KEY in changes)) onChange();
  });
}
