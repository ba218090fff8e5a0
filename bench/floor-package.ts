import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtraPlugin } from '../src/testing/nocobase-install.ts';

export const FLOOR_PACKAGE_NAME = '@open-wecom/bench-floor';

/**
 * The floor sign-in (floor-auth.ts) as a plugin package the cluster's `nocobase start` processes load: its server
 * entry has tsx load the bench's own source, so the floor the nodes run is the one the one-node bench runs.
 */
export function writeFloorPackage(): ExtraPlugin {
  const dir = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const source = fileURLToPath(new URL('./floor-auth.ts', import.meta.url));
  mkdirSync(join(dir, 'dist', 'server'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: FLOOR_PACKAGE_NAME, version: '0.0.0', private: true, main: 'dist/server/index.js' }, null, 2)}\n`,
  );
  writeFileSync(
    join(dir, 'dist', 'server', 'index.js'),
    `module.exports = require('tsx/cjs/api').require(${JSON.stringify(source)}, __filename);\n`,
  );
  // NocoBase's plugin manager reads it to check a plugin's dependencies.
  writeFileSync(join(dir, 'dist', 'externalVersion.js'), 'module.exports = {};\n');
  return { name: FLOOR_PACKAGE_NAME, dir };
}
