import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// NocoBase provides its own packages at run time; `pm add` runs no npm install, so everything else is bundled.
const isExternal = (id: string): boolean =>
  id.startsWith('node:') || builtinModules.includes(id) || id.startsWith('@nocobase/');

export default defineConfig({
  build: {
    ssr: 'src/server/index.ts',
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      external: isExternal,
      output: { format: 'cjs', entryFileNames: 'index.js', exports: 'named' },
    },
  },
  ssr: { noExternal: true },
});
