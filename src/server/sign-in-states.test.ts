import { isWellFormedState, newState, SignInStates, STATE_TTL_MS } from './sign-in-states';
import type { SharedCache } from './wecom/credential-cache';

function memoryCache(): SharedCache {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => map.get(key) as T | undefined,
    set: async (key: string, value: unknown) => void map.set(key, value),
    del: async (key: string) => void map.delete(key),
  };
}

const serial = () => {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(_key: string, fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
};

const attempt = {
  authenticator: 'wecom',
  redirect: '/admin',
  flow: 'oauth',
  scope: 'snsapi_base',
  browser: 'b',
} as const;

describe('newState', () => {
  it("fits WeCom's rule and does not repeat", () => {
    const states = new Set(Array.from({ length: 2000 }, newState));
    expect(states.size).toBe(2000);
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});

describe('isWellFormedState', () => {
  it.each([['short'], ['a'.repeat(129)], ['abc def ghi jklmnop'], [undefined], [42]])('refuses %j', (state) => {
    expect(isWellFormedState(state)).toBe(false);
  });
});

describe('SignInStates', () => {
  it('gives an attempt back once', async () => {
    const states = new SignInStates(memoryCache(), serial(), () => 1000);
    const state = await states.create(attempt);
    const [first, second] = await Promise.all([states.consume(state), states.consume(state)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(first ?? second).toMatchObject({ ...attempt, createdAt: 1000 });
  });

  it('refuses an unknown, forged or expired state', async () => {
    let now = 0;
    const states = new SignInStates(memoryCache(), serial(), () => now);
    const state = await states.create(attempt);
    expect(await states.consume(newState())).toBeNull();
    expect(await states.consume('../../etc')).toBeNull();
    now = STATE_TTL_MS;
    expect(await states.consume(state)).toBeNull();
  });
});
