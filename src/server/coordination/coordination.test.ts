import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { deleteRedisKeys, REDIS_URL, uniqueRedisPrefix } from '../../testing/redis';
import { type Coordination, CoordinationError, coordinationOn } from './coordination';
import { createMemoryStore } from './memory-store';
import { clientOptions } from './redis-settings';
import { createRedisStore } from './redis-store';

interface Subject {
  coordination: Coordination;
  /** Another node's view of the same store. */
  otherNode: Coordination;
  close(): Promise<void>;
}

async function memorySubject(): Promise<Subject> {
  const store = createMemoryStore();
  return { coordination: coordinationOn(store), otherNode: coordinationOn(store), close: async () => {} };
}

/** Two connections, as two nodes have, to the real Redis, under a prefix of this test's own. */
async function redisSubject(): Promise<Subject> {
  const prefix = `${uniqueRedisPrefix('wecom-coordination')}:`;
  const clients = [0, 1].map(() => createClient(clientOptions({ url: REDIS_URL }, 'wecom-coordination-test')));
  await Promise.all(clients.map((client) => client.connect()));
  const [one, two] = clients.map((client) => coordinationOn(createRedisStore(async () => client, prefix)));
  if (!one || !two) throw new Error('two clients');
  return {
    coordination: one,
    otherNode: two,
    close: async () => {
      await deleteRedisKeys(prefix);
      for (const client of clients) client.destroy();
    },
  };
}

const LONG = { ttlMs: 10_000, waitMs: 10_000 };

/** One contract, two stores: whatever a single node does in memory, a cluster does through Redis, and the reverse. */
describe.each([
  ['in memory', memorySubject],
  ['on Redis', redisSubject],
])('coordination %s', (_store, start) => {
  let subject: Subject;

  beforeEach(async () => {
    subject = await start();
  });

  afterEach(async () => {
    await subject.close();
  });

  it('claims a key once among many concurrent callers of both nodes', async () => {
    const { coordination, otherNode } = subject;
    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, index) => (index % 2 ? otherNode : coordination).claimOnce('state:a', 60_000)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await coordination.claimOnce('state:a', 60_000)).toBe(false);
    expect(await otherNode.claimOnce('state:b', 60_000)).toBe(true);
  });

  it('lets a claim go when its ttl is over, not before', async () => {
    const { coordination } = subject;
    expect(await coordination.claimOnce('state:short', 150)).toBe(true);
    expect(await coordination.claimOnce('state:short', 150)).toBe(false);
    await sleep(250);
    expect(await coordination.claimOnce('state:short', 150)).toBe(true);
  });

  it('counts concurrent increments of both nodes without losing one, and forgets the count after its ttl', async () => {
    const { coordination, otherNode } = subject;
    expect(await coordination.count('attempts')).toBe(0);
    const counts = await Promise.all(
      Array.from({ length: 30 }, (_, index) => (index % 2 ? otherNode : coordination).increment('attempts', 300)),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    expect(await otherNode.count('attempts')).toBe(30);
    // The lifetime starts with the first increment; later ones do not extend it.
    await sleep(400);
    expect(await coordination.count('attempts')).toBe(0);
    expect(await coordination.increment('attempts', 300)).toBe(1);
  });

  it('keeps claims, counts and locks of the same name apart', async () => {
    const { coordination } = subject;
    expect(await coordination.claimOnce('x', 60_000)).toBe(true);
    expect(await coordination.increment('x', 60_000)).toBe(1);
    expect(await coordination.withLock('x', LONG, async () => 'held')).toBe('held');
  });

  it('lets one holder of a lock at a time run, across both nodes', async () => {
    const { coordination, otherNode } = subject;
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 ? otherNode : coordination).withLock('token:corp', LONG, async () => {
          inside++;
          most = Math.max(most, inside);
          await sleep(15);
          order.push(index);
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('does not hold one key against another', async () => {
    const { coordination, otherNode } = subject;
    let release: () => void = () => undefined;
    const holding = coordination.withLock('member:a', LONG, () => new Promise<void>((resolve) => (release = resolve)));
    expect(await otherNode.withLock('member:b', LONG, async () => 'ran')).toBe('ran');
    release();
    await holding;
  });

  it('releases the lock when the work throws, and passes the error on', async () => {
    const { coordination, otherNode } = subject;
    await expect(
      coordination.withLock('failing', LONG, async () => {
        throw new Error('WeCom said no');
      }),
    ).rejects.toThrow('WeCom said no');
    // Nobody holds it: a caller that may not wait at all gets it.
    expect(await otherNode.withLock('failing', { ttlMs: 1000, waitMs: 0 }, async () => 'next')).toBe('next');
  });

  it('hands the lock on once a holder that never lets go passes its ttl, and the lapsed holder cannot free it', async () => {
    const { coordination, otherNode } = subject;
    const events: string[] = [];
    let stuckDone: () => void = () => undefined;
    const stuck = coordination.withLock('token:stuck', { ttlMs: 200, waitMs: 5000 }, async () => {
      events.push('stuck holder in');
      await new Promise<void>((resolve) => (stuckDone = resolve));
      events.push('stuck holder out');
    });
    await vi.waitFor(() => expect(events).toEqual(['stuck holder in']));
    let nextDone: () => void = () => undefined;
    const next = otherNode.withLock('token:stuck', { ttlMs: 10_000, waitMs: 5000 }, async () => {
      events.push('next holder in');
      await new Promise<void>((resolve) => (nextDone = resolve));
    });
    await vi.waitFor(() => expect(events).toContain('next holder in'), { timeout: 5000 });
    // The lapsed holder finishes and "releases": the lock is the next holder's, so it stays taken.
    stuckDone();
    await stuck;
    await expect(coordination.withLock('token:stuck', { ttlMs: 1000, waitMs: 0 }, async () => 'taken')).rejects.toThrow(
      CoordinationError,
    );
    nextDone();
    await next;
    expect(events).toEqual(['stuck holder in', 'next holder in', 'stuck holder out']);
  });

  it('gives up waiting after waitMs with lock-timeout, and never runs the work', async () => {
    const { coordination, otherNode } = subject;
    let release: () => void = () => undefined;
    const holding = coordination.withLock('busy', LONG, () => new Promise<void>((resolve) => (release = resolve)));
    const work = vi.fn(async () => 'ran');
    const waited = await otherNode.withLock('busy', { ttlMs: 10_000, waitMs: 150 }, work).catch((error) => error);
    expect(waited).toBeInstanceOf(CoordinationError);
    expect(waited).toMatchObject({ reason: 'lock-timeout' });
    expect(work).not.toHaveBeenCalled();
    release();
    await holding;
  });
});
