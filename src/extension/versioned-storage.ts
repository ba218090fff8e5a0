/**
 * A value kept in `chrome.storage` as `{ version, ...fields }`, migrated step by step when an older version of the
 * extension wrote it (`chrome.storage.sync` follows a person to every browser they sign in to, some of them
 * still on an older release). Shaped after `@wxt-dev/storage`'s versioned items and refined-github's migrations.
 */
export interface VersionedItem<T> {
  key: string;
  version: number;
  /**
   * `migrations[n]` turns what version `n - 1` stored into version `n`'s shape; the version field is set by the
   * machinery. A value stored before versioning began counts as version 0.
   */
  migrations: Readonly<Record<number, (previous: Record<string, unknown>) => Record<string, unknown>>>;
  /** Reads the current version's shape; must accept anything and fall back rather than throw. */
  parse(value: unknown): T;
  /** Nothing stored yet. */
  initial: T;
}

export type VersionedRead<T> =
  | { status: 'missing'; value: T }
  | { status: 'current'; value: T }
  /** Older; `stored` is the migrated value to write back, so the migration runs once. */
  | { status: 'migrated'; value: T; from: number; stored: Record<string, unknown> }
  /** Written by a newer release (the person downgraded, or another browser is ahead): read as far as it parses. */
  | { status: 'newer'; value: T; version: number }
  /** A step is missing or threw: the stored value is left alone, the initial value used. */
  | { status: 'unreadable'; value: T; version: number; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function storedVersion(value: Record<string, unknown>): number {
  const { version } = value;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : 0;
}

/** What is stored under the item's key, read and migrated; pure, so each step can be tested on its own. */
export function readVersioned<T>(item: VersionedItem<T>, stored: unknown): VersionedRead<T> {
  if (stored === undefined || stored === null) return { status: 'missing', value: item.initial };
  if (!isRecord(stored)) {
    return { status: 'unreadable', value: item.initial, version: 0, reason: 'not an object' };
  }
  const version = storedVersion(stored);
  if (version === item.version) return { status: 'current', value: item.parse(stored) };
  if (version > item.version) return { status: 'newer', value: item.parse(stored), version };
  let current: Record<string, unknown> = stored;
  for (let next = version + 1; next <= item.version; next++) {
    const step = item.migrations[next];
    if (!step) {
      return { status: 'unreadable', value: item.initial, version, reason: `no migration to version ${next}` };
    }
    try {
      current = { ...step(current), version: next };
    } catch (error) {
      const reason = `migration to version ${next} failed: ${error instanceof Error ? error.message : String(error)}`;
      return { status: 'unreadable', value: item.initial, version, reason };
    }
  }
  return { status: 'migrated', value: item.parse(current), from: version, stored: current };
}

/** The value as written: always with the current version. */
export function toStored<T extends object>(item: VersionedItem<T>, value: T): Record<string, unknown> {
  return { ...value, version: item.version };
}
