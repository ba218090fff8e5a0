import { createAdaptorServer } from '@hono/node-server';
import { createSandboxApp } from './app.ts';
import { createSandboxControl } from './control-client.ts';
import { describeZodError, memberSchema, settingsPatchSchema } from './control-schemas.ts';
import { SandboxState } from './sandbox-state.ts';
import { DEFAULT_SANDBOX_SETTINGS, mergeSettings } from './settings.ts';
import type { SandboxMember, SandboxSettings, StartedSandbox, StartSandboxOptions } from './types.ts';

/** Start-up options get the same checks as the control API, but fail by throwing. */
function initialSettings(options: StartSandboxOptions): SandboxSettings {
  const patch = settingsPatchSchema.safeParse(options.settings ?? {});
  if (!patch.success) {
    throw new Error(`Invalid sandbox settings: ${describeZodError(patch.error)}`);
  }
  const merged = mergeSettings(DEFAULT_SANDBOX_SETTINGS, patch.data);
  if (!merged.ok) {
    throw new Error(`Invalid sandbox settings: ${merged.message}`);
  }
  return merged.settings;
}

function initialMembers(options: StartSandboxOptions): SandboxMember[] {
  const members = memberSchema.array().safeParse(options.members ?? []);
  if (!members.success) {
    throw new Error(`Invalid sandbox members: ${describeZodError(members.error)}`);
  }
  return members.data;
}

/** Starts the sandbox on a socket; `reset` later returns to exactly these settings and members. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<StartedSandbox> {
  const host = options.host ?? '127.0.0.1';
  const state = new SandboxState({ settings: initialSettings(options), members: initialMembers(options) });
  const app = createSandboxApp(state);
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error(`WeCom sandbox is not listening on TCP: ${String(address)}`);
  }
  const { port } = address;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    control: createSandboxControl(url),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections from fetch would otherwise hold close() open for seconds.
        if ('closeAllConnections' in server) {
          server.closeAllConnections();
        }
      }),
  };
}
