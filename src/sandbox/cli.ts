import { parseArgs } from 'node:util';
import { CONTROL_ENDPOINTS } from './control-paths.ts';
import { DEMO_MEMBERS } from './demo-members.ts';
import { startSandbox } from './server.ts';
import { DEFAULT_SANDBOX_SETTINGS, LOOPBACK_IPS } from './settings.ts';

/** `tsx src/sandbox/cli.ts --port 8787 [--host 127.0.0.1] [--seed demo]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  }
  if (values.seed !== undefined && values.seed !== 'demo') {
    throw new Error(`--seed only knows "demo", got ${values.seed}`);
  }
  // The default app is a new one, which trusts no IP; whoever runs the CLI calls it from this machine.
  const apps = DEFAULT_SANDBOX_SETTINGS.apps.map((app) => ({ agentId: app.agentId, trustedIps: [...LOOPBACK_IPS] }));
  const sandbox = await startSandbox({
    port,
    host: values.host,
    settings: { apps },
    members: values.seed === 'demo' ? [...DEMO_MEMBERS] : [],
  });

  const lines = [
    `WeCom sandbox listening on ${sandbox.url}`,
    `  home page      ${sandbox.url}/`,
    `  trusted IPs    ${LOOPBACK_IPS.join(', ')} (PATCH ${sandbox.url}/__sandbox/settings to change)`,
    ...CONTROL_ENDPOINTS.map((endpoint) => `  ${endpoint.method.padEnd(6)} ${sandbox.url}${endpoint.path}`),
  ];
  console.log(lines.join('\n'));

  const stop = (signal: NodeJS.Signals): void => {
    console.log(`\n${signal}: stopping the WeCom sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
