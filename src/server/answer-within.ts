/**
 * Rejects once `ms` have passed without an answer. A store that lost its server (a `redis` client queues commands
 * while it reconnects) would otherwise keep a sign-in waiting for as long as the server is away. A bare timer: this
 * runs for several commands of every sign-in.
 */
export function answerWithin<T>(ms: number, answer: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    answer.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
