import { type AuthenticatorRow, AuthenticatorRows } from './authenticator-rows';
import type { SharedCache } from './wecom/credential-cache';

/** One cache for every node, as Redis is in a cluster. */
function sharedCache(): SharedCache {
  const entries = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => entries.get(key) as T | undefined,
    set: async (key, value) => void entries.set(key, value),
    del: async (key) => void entries.delete(key),
  };
}

function database(initial: AuthenticatorRow) {
  let row: AuthenticatorRow | null = initial;
  const read = vi.fn(async () => row);
  return {
    read,
    write(next: AuthenticatorRow | null) {
      row = next;
    },
  };
}

const ROW: AuthenticatorRow = { authType: 'wecom', enabled: true, options: { corpId: 'ww1' } };

describe('AuthenticatorRows', () => {
  it('reads a row once, then answers from the node’s copy while no node changed it', async () => {
    const db = database(ROW);
    const rows = new AuthenticatorRows(sharedCache(), db.read);
    expect(await rows.current(1)).toEqual(ROW);
    const again = await rows.current(1);
    expect(again).toEqual(ROW);
    // The same object, so that what is parsed from its options is parsed once.
    expect(again).toBe(await rows.current(1));
    expect(db.read).toHaveBeenCalledTimes(1);
  });

  it('gives every node the row as saved on one of them, and a removed row as gone', async () => {
    const cache = sharedCache();
    const db = database(ROW);
    const first = new AuthenticatorRows(cache, db.read);
    const second = new AuthenticatorRows(cache, db.read);
    expect(await second.current(1)).toEqual(ROW);

    const disabled = { ...ROW, enabled: false, options: { corpId: 'ww2' } };
    db.write(disabled);
    // Until the change is shared, the other node keeps its copy: this is what the hook's bump is for.
    expect(await second.current(1)).toEqual(ROW);
    await first.changed(1);
    expect(await second.current(1)).toEqual(disabled);
    expect(await first.current(1)).toEqual(disabled);

    db.write(null);
    await first.changed(1);
    expect(await second.current(1)).toBeNull();
  });

  it('keeps rows of different authenticators apart', async () => {
    const cache = sharedCache();
    const read = vi.fn(async (id: number) => ({ ...ROW, options: { corpId: `ww${id}` } }));
    const rows = new AuthenticatorRows(cache, read);
    expect((await rows.current(1))?.options).toEqual({ corpId: 'ww1' });
    expect((await rows.current(2))?.options).toEqual({ corpId: 'ww2' });
    await rows.changed(2);
    await rows.current(1);
    await rows.current(2);
    expect(read.mock.calls.map(([id]) => id)).toEqual([1, 2, 2]);
  });
});
