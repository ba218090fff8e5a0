import { defineConfig } from 'vite';

/** Modules NocoBase's v1 shell provides to plugins through requirejs (nocobase-integration.md §16). */
const PROVIDED = [
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
  '@nocobase/client',
  '@nocobase/utils/client',
];

// Other plugins' clients are provided as `<package>/client`.
const isProvided = (id: string): boolean => PROVIDED.includes(id) || /^@[^/]+\/plugin-[^/]+\/client$/.test(id);

export default defineConfig({
  // Library mode leaves process.env.NODE_ENV in React-style code otherwise.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    copyPublicDir: false,
    lib: {
      entry: 'src/client/index.tsx',
      // requirejs takes UMD's define.amd branch; vite 8 has no plain AMD format.
      formats: ['umd'],
      name: 'OpenWeComPluginAuthWeCom',
      fileName: () => 'index.js',
    },
    rolldownOptions: { external: isProvided, output: { exports: 'named', globals: (id: string) => id } },
  },
});
