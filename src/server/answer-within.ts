import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Rejects once `ms` have passed without an answer. A store that lost its server (a `redis` client queues commands
 * while it reconnects) would otherwise keep a sign-in waiting for as long as the server is away.
 */
export async function answerWithin<T>(ms: number, answer: Promise<T>): Promise<T> {
  const timer = new AbortController();
  try {
    return await Promise.race([
      answer,
      sleep(ms, undefined, { signal: timer.signal }).then(() => {
        throw new Error(`no answer within ${ms} ms`);
      }),
    ]);
  } finally {
    timer.abort();
  }
}
