// Completes dist/ after the vite builds: what NocoBase's plugin loader reads besides the bundles.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const versionOf = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;

// Without it the plugin manager marks the plugin "dependencies check failed".
const external = Object.fromEntries(
  ['@nocobase/server', '@nocobase/auth', '@nocobase/actions', '@nocobase/database', '@nocobase/plugin-auth'].map(
    (name) => [name, versionOf(name)],
  ),
);
mkdirSync('dist', { recursive: true });
writeFileSync('dist/externalVersion.js', `module.exports = ${JSON.stringify(external, null, 2)};\n`);
// NocoBase serves a plugin's translations from <package>/dist/locale/<lang>.json.
cpSync('src/locale', 'dist/locale', { recursive: true, filter: (path) => !path.endsWith('.test.ts') });
console.log('dist/externalVersion.js and dist/locale written');
