import { performance } from 'node:perf_hooks';

/** One sign-in, resolving to the token it obtained; prepared beforehand so that only the sign-in is timed. */
export type SignInTask = () => Promise<string>;

export interface BatchResult {
  count: number;
  /** From the first request sent to the last answer read. */
  wallMs: number;
  latenciesMs: number[];
  /** CPU time of this process (NocoBase and the load generator, not the sandbox child) during the batch. */
  cpuMs: number;
  /** One of the tokens, to check whose it is. */
  sampleToken: string;
}

/**
 * Runs the tasks with `concurrency` requests in flight (each worker starts its next as soon as one ends).
 * Any failed sign-in fails the batch: figures from refused sign-ins would flatter the flow.
 */
export async function runBatch(tasks: readonly SignInTask[], concurrency: number): Promise<BatchResult> {
  const latenciesMs: number[] = [];
  const failures: unknown[] = [];
  let sampleToken = '';
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < tasks.length; index = next++) {
      const task = tasks[index];
      if (!task) continue;
      const started = performance.now();
      try {
        const token = await task();
        latenciesMs.push(performance.now() - started);
        if (!token) throw new Error('signed in without a token');
        sampleToken = token;
      } catch (error) {
        failures.push(error);
      }
    }
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  if (failures.length > 0) {
    const [first] = failures;
    throw new Error(`${failures.length} of ${tasks.length} sign-ins failed; the first: ${String(first)}`);
  }
  return { count: tasks.length, wallMs, latenciesMs, cpuMs: (cpu.user + cpu.system) / 1000, sampleToken };
}
