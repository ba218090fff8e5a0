import { stopDemo } from './global-setup.ts';

/** Stops NocoBase and the sandbox that the global setup started; the app directory stays for the next run. */
export default async function globalTeardown(): Promise<void> {
  await stopDemo();
}
