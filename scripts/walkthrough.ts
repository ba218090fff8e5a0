import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/testing/project-links.ts';

/**
 * `npm run demo:walkthrough`: runs the walkthrough, a Playwright spec with a config of its own
 * (e2e/walkthrough/), which takes the screenshots in docs/walkthrough/. This only turns the options into the
 * variables that config reads; `npx playwright test -c e2e/walkthrough` with them set is the same run.
 */

const USAGE = `npm run demo:walkthrough -- [--dir .demo/walkthrough] [--port 13200] [--sandbox-port 8807] [--out docs/walkthrough] [--attach]

Starts a demo app of its own (unless --attach), drives both WeCom sign-ins and the admin form in headless
Chromium, and saves a screenshot of each step, with a README listing them, in --out.

--attach uses a demo already running on those ports (npm run demo -- --dir … --port … --sandbox-port …) instead
of starting one (E2E_EXTERNAL_DEMO=1).`;

function environment(): NodeJS.ProcessEnv | 'help' {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      port: { type: 'string' },
      'sandbox-port': { type: 'string' },
      out: { type: 'string' },
      attach: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (values.dir) env.WALKTHROUGH_DIR = values.dir;
  if (values.port) env.WALKTHROUGH_APP_PORT = values.port;
  if (values['sandbox-port']) env.WALKTHROUGH_SANDBOX_PORT = values['sandbox-port'];
  if (values.out) env.WALKTHROUGH_OUT = values.out;
  if (values.attach) env.E2E_EXTERNAL_DEMO = '1';
  return env;
}

function main(): void {
  const env = environment();
  if (env === 'help') {
    console.log(USAGE);
    return;
  }
  const playwright = join(PROJECT_ROOT, 'node_modules', '.bin', 'playwright');
  const run = spawn(playwright, ['test', '-c', join(PROJECT_ROOT, 'e2e', 'walkthrough')], {
    cwd: PROJECT_ROOT,
    env,
    stdio: 'inherit',
  });
  // Ctrl-C reaches Playwright too (same process group), which stops the demo and exits; this waits for it.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => run.kill('SIGTERM'));
  run.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  run.on('error', (error) => {
    console.error(`The walkthrough could not start Playwright: ${error.message}`);
    process.exit(1);
  });
}

main();
