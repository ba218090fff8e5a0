import { defineConfig } from 'vite';

/** Which NocoBase shell to build for: v1 (`/admin`) or the newer one (`/v/`). */
const lane = process.env.LANE === 'client-v2' ? 'client-v2' : 'client';

/** Modules both shells provide to plugins through requirejs (nocobase-integration.md §16). */
const SHARED = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'antd',
  '@ant-design/icons',
  'i18next',
  'react-i18next',
  '@formily/core',
  '@formily/react',
  '@formily/shared',
  '@formily/reactive',
  '@nocobase/utils/client',
];
const PROVIDED = [...SHARED, lane === 'client' ? '@nocobase/client' : '@nocobase/client-v2'];

// Other plugins' clients are provided as `<package>/client` (v1) or `<package>/client-v2`.
const isProvided = (id: string): boolean =>
  PROVIDED.includes(id) || new RegExp(`^@[^/]+/plugin-[^/]+/${lane}$`).test(id);

export default defineConfig({
  // Library mode leaves process.env.NODE_ENV in React-style code otherwise.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: `dist/${lane}`,
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    copyPublicDir: false,
    lib: {
      entry: `src/${lane}/index.tsx`,
      // requirejs takes UMD's define.amd branch; vite 8 has no plain AMD format.
      formats: ['umd'],
      name: lane === 'client' ? 'OpenWeComPluginAuthWeCom' : 'OpenWeComPluginAuthWeComV2',
      fileName: () => 'index.js',
    },
    rolldownOptions: { external: isProvided, output: { exports: 'named', globals: (id: string) => id } },
  },
});
