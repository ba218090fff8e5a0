import { type StartedSandbox, startSandbox } from '../../src/sandbox/index.ts';
import { DEMO_CORP_ID, demoSandboxSetup } from './directory.ts';

/** The sandbox in this process, with the demo directory and the app's trusted domain set to `appUrl`'s host. */
export async function startDemoSandbox(port: number, appUrl: string): Promise<StartedSandbox> {
  const { members, apps } = demoSandboxSetup(appUrl);
  try {
    return await startSandbox({ port, settings: { corpId: DEMO_CORP_ID, apps }, members });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${port} for the WeCom sandbox is in use. Choose another with --sandbox-port.`);
    }
    throw error;
  }
}
