import { ExpiringStore } from './expiring-store.ts';

describe('ExpiringStore', () => {
  it('tells valid, expired and missing apart', () => {
    const store = new ExpiringStore<string>();
    store.set('k', 'v', 1000, 0);
    expect(store.get('k', 999)).toEqual({ status: 'valid', value: 'v' });
    expect(store.get('k', 1000)).toEqual({ status: 'expired', value: 'v' });
    expect(store.get('other', 0)).toEqual({ status: 'missing' });
  });

  it('reports the remaining whole seconds', () => {
    const store = new ExpiringStore<string>();
    store.set('k', 'v', 7_200_000, 0);
    expect(store.remainingSeconds('k', 1500)).toBe(7198);
  });

  it('finds a valid entry by value and skips expired ones', () => {
    const store = new ExpiringStore<number>();
    store.set('old', 1, 100, 0);
    store.set('new', 1, 1000, 0);
    expect(store.findValid((value) => value === 1, 500)?.key).toBe('new');
    expect(store.findValid((value) => value === 1, 1000)).toBeUndefined();
  });

  it('lists every entry with its status, expired ones included', () => {
    const store = new ExpiringStore<number>();
    store.set('old', 1, 100, 0);
    store.set('new', 2, 1000, 0);
    expect([...store.entries(500)]).toEqual([
      { key: 'old', value: 1, status: 'expired' },
      { key: 'new', value: 2, status: 'valid' },
    ]);
  });
});
