import { type Coordination, CoordinationError } from './coordination/coordination';
import { SignInError } from './sign-in-error';
import { LOCK_TIMING, signInCoordination } from './single-use';

/** A store every operation of which fails with `error`. */
function failingWith(error: Error): Coordination {
  const fail = async (): Promise<never> => {
    throw error;
  };
  return { withLock: fail, claimOnce: fail, increment: fail, count: fail };
}

describe('sign-ins on the cluster’s coordination', () => {
  it('refuse with SIGN_IN_UNAVAILABLE (503) whatever the shared store cannot answer, and never claim', async () => {
    const down = signInCoordination(failingWith(new CoordinationError('unavailable', 'Redis did not answer')));
    const attempts = [
      down.claimOnce('state:a', 1000),
      down.tally.add('link-attempts:a', 1000),
      down.tally.read('link-attempts:a'),
      down.runExclusive('token', async () => 'ran'),
    ];
    for (const attempt of attempts) {
      const error = await attempt.catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(SignInError);
      expect(error).toMatchObject({ code: 'SIGN_IN_UNAVAILABLE', status: 503 });
    }
  });

  it('refuse the same way when a lock stays held past the wait', async () => {
    const held = signInCoordination(failingWith(new CoordinationError('lock-timeout', 'lock held')));
    await expect(held.runExclusive('link:wecom:lisi', async () => 'ran')).rejects.toMatchObject({
      code: 'SIGN_IN_UNAVAILABLE',
    });
  });

  it('pass on what the guarded work throws, and what the store answers', async () => {
    const seen: unknown[] = [];
    const coordination: Coordination = {
      withLock: async (key, timing, fn) => {
        seen.push(key, timing);
        return fn();
      },
      claimOnce: async () => false,
      increment: async () => 3,
      count: async () => 2,
    };
    const shared = signInCoordination(coordination);
    const refused = new SignInError('CODE_INVALID');
    await expect(shared.runExclusive('token', async () => Promise.reject(refused))).rejects.toBe(refused);
    expect(seen).toEqual(['token', LOCK_TIMING]);
    expect(await shared.claimOnce('state:a', 1000)).toBe(false);
    expect(await shared.tally.add('x', 1000)).toBe(3);
    expect(await shared.tally.read('x')).toBe(2);
  });
});
