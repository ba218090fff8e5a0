import { LOOPBACK_IPS, type SandboxControl } from '../../src/sandbox/index.ts';

/**
 * A self-built app of the sandbox corp for a test's own authenticator, so that its secret is the test's alone. It
 * trusts the demo's host, and this machine's IPs, from where NocoBase calls the sandbox: a new app trusts none (60020).
 */
export async function addSandboxApp(
  sandbox: Pick<SandboxControl, 'configure'>,
  appUrl: string,
  app: { agentId: number; name: string; secret: string },
): Promise<void> {
  await sandbox.configure({ apps: [{ ...app, trustedDomain: new URL(appUrl).host, trustedIps: [...LOOPBACK_IPS] }] });
}
