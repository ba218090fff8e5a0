import { resolve } from 'node:path';

// __dirname, not import.meta.url: Playwright compiles this project's TypeScript to CommonJS (see project-links.ts).
const PROJECT_ROOT = resolve(__dirname, '../..');

/**
 * The walkthrough's own demo app, apart from `npm run demo` (13000/8787) and the e2e suite (13100/8797), so all
 * three can run at once. `npm run demo:walkthrough -- --dir … --port … --sandbox-port …` sets these variables.
 */
export const WALKTHROUGH_DEMO = {
  appDir: process.env.WALKTHROUGH_DIR ?? '.demo/walkthrough',
  appPort: Number(process.env.WALKTHROUGH_APP_PORT ?? 13200),
  sandboxPort: Number(process.env.WALKTHROUGH_SANDBOX_PORT ?? 8807),
} as const;

/** Where the screenshots and their README go (`--out`). */
export const WALKTHROUGH_OUT = resolve(PROJECT_ROOT, process.env.WALKTHROUGH_OUT ?? 'docs/walkthrough');
