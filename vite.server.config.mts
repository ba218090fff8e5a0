import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// NocoBase provides its own packages at run time; `pm add` runs no npm install, so everything else is bundled.
const isExternal = (id: string): boolean =>
  id.startsWith('node:') || builtinModules.includes(id) || id.startsWith('@nocobase/');

// NocoBase runs each file of <package>/dist/server/migrations as a migration of its own: one entry per migration.
const migrations = Object.fromEntries(
  readdirSync(new URL('./src/server/migrations', import.meta.url))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => [`migrations/${file.slice(0, -'.ts'.length)}`, `src/server/migrations/${file}`]),
);

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      external: isExternal,
      input: { index: 'src/server/index.ts', ...migrations },
      // Shared code in chunks/, so that migrations/ holds migrations only.
      output: {
        format: 'cjs',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        exports: 'named',
      },
    },
  },
  ssr: { noExternal: true },
});
