import { readVersioned, storedVersion, toStored, type VersionedItem } from './versioned-storage';

/**
 * A made-up history to drive the machinery: version 0 (before versioning) stored `{ sites: string[] }`, version 1
 * `{ origins: [{ origin, authenticator }] }`, version 2 added `autoStart`.
 */
interface V2 {
  origins: Array<{ origin: string; authenticator: string; autoStart: boolean }>;
}

function parseV2(value: unknown): V2 {
  const origins = (value as { origins?: unknown }).origins;
  return { origins: Array.isArray(origins) ? (origins as V2['origins']) : [] };
}

const v0ToV1 = (previous: Record<string, unknown>) => ({
  origins: (previous.sites as string[]).map((origin) => ({ origin, authenticator: '' })),
});
const v1ToV2 = (previous: Record<string, unknown>) => ({
  origins: (previous.origins as Array<Record<string, unknown>>).map((entry) => ({ ...entry, autoStart: false })),
});

const item: VersionedItem<V2> = {
  key: 'config',
  version: 2,
  migrations: { 1: v0ToV1, 2: v1ToV2 },
  parse: parseV2,
  initial: { origins: [] },
};

describe('readVersioned', () => {
  it('migrates version 0 (no version field) through every step, for writing back', () => {
    const read = readVersioned(item, { sites: ['https://a.example'] });
    expect(read).toEqual({
      status: 'migrated',
      from: 0,
      value: { origins: [{ origin: 'https://a.example', authenticator: '', autoStart: false }] },
      stored: { version: 2, origins: [{ origin: 'https://a.example', authenticator: '', autoStart: false }] },
    });
  });

  it('migrates from the version stored, not from the start', () => {
    const read = readVersioned(item, { version: 1, origins: [{ origin: 'https://a.example', authenticator: 'w' }] });
    expect(read).toMatchObject({ status: 'migrated', from: 1 });
    expect(read.value.origins[0]).toEqual({ origin: 'https://a.example', authenticator: 'w', autoStart: false });
  });

  it('reads the current version as is', () => {
    const current = { version: 2, origins: [{ origin: 'https://a.example', authenticator: '', autoStart: true }] };
    expect(readVersioned(item, current)).toEqual({ status: 'current', value: parseV2(current) });
  });

  it('starts from the initial value when nothing is stored', () => {
    expect(readVersioned(item, undefined)).toEqual({ status: 'missing', value: item.initial });
  });

  it('reads a newer version as far as it parses, without migrating it down', () => {
    const newer = { version: 3, origins: [], extra: true };
    expect(readVersioned(item, newer)).toEqual({ status: 'newer', version: 3, value: { origins: [] } });
  });

  it('leaves the stored value alone when a step is missing or throws', () => {
    const gap: VersionedItem<V2> = { ...item, migrations: { 2: v1ToV2 } };
    expect(readVersioned(gap, { sites: [] })).toMatchObject({
      status: 'unreadable',
      reason: 'no migration to version 1',
    });
    expect(readVersioned(item, { sites: 'not a list' })).toMatchObject({
      status: 'unreadable',
      value: item.initial,
      reason: expect.stringContaining('migration to version 1 failed'),
    });
    expect(readVersioned(item, ['an array'])).toMatchObject({ status: 'unreadable' });
  });
});

describe('storedVersion and toStored', () => {
  it('reads a missing or nonsensical version as 0', () => {
    expect(storedVersion({})).toBe(0);
    expect(storedVersion({ version: '2' })).toBe(0);
    expect(storedVersion({ version: -1 })).toBe(0);
    expect(storedVersion({ version: 1.5 })).toBe(0);
    expect(storedVersion({ version: 2 })).toBe(2);
  });

  it('writes the current version', () => {
    expect(toStored(item, { origins: [] })).toEqual({ origins: [], version: 2 });
  });
});
