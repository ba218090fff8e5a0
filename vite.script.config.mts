import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, runnerImport } from 'vite';

// Through Vite's module runner: importing TypeScript into the config itself is on its way out (configLoader 'native').
const { module: messageKeys } = await runnerImport<typeof import('./src/sdk-shim/message-keys.ts')>(
  './src/sdk-shim/message-keys.ts',
  { configFile: false },
);
const {
  module: { onlyShownMessages },
} = await runnerImport<typeof import('./scripts/vite/only-shown-messages.ts')>(
  './scripts/vite/only-shown-messages.ts',
  {
    configFile: false,
  },
);

const outDir = fileURLToPath(new URL('./dist/sdk', import.meta.url));
// Older WeCom clients' webviews: Android builds on TBS report Chrome 66, and iOS 12's WKWebView is Safari 12.
// A syntax error there would mean no sign-in at all, so newer syntax is lowered.
const target = ['es2018', 'chrome66', 'safari12'];

/**
 * The main file without the table of error codes and texts: it shows no error and hands none with a server's code
 * to the page (a refused `authenticators:publicList` on the silent path only means staying, and a panel file that
 * does not load is SIGN_IN_FAILED), so every code reads as SIGN_IN_FAILED there. The table, which grows with each
 * code, would be a tenth of what every WeCom client loads. Nothing else is exported, so that a main file that
 * needs more fails to build instead.
 */
function withoutSignInErrorTable(environment: string): Plugin {
  return {
    name: 'wecom-login:without-sign-in-error-table',
    enforce: 'pre',
    load(id) {
      if (this.environment.name !== environment || !/[\\/]src[\\/]shared[\\/]sign-in-errors\.ts$/.test(id)) {
        return null;
      }
      return 'export const SIGN_IN_ERRORS = {};';
    },
  };
}

const iife = (entry: string, name: string, fileName: string) => ({
  outDir,
  emptyOutDir: false,
  target,
  minify: true,
  // The minifier's own target is esnext unless told, free to turn lowered code back into newer syntax.
  rolldownOptions: { output: { minify: { compress: { target }, mangle: true, codegen: true } } },
  copyPublicDir: false,
  lib: {
    entry: fileURLToPath(new URL(entry, import.meta.url)),
    name,
    formats: ['iife' as const],
    fileName: () => fileName,
  },
});

/**
 * The script bundle (docs/script-bundle.md): `wecom-login.js`, the settings, the landing's session and the silent
 * path, which is all a WeCom client loads to sign in; and `wecom-login-panel.js`, loaded when the page stays signed
 * out or asks for it: the button, the sign-in by click, errors and their translations, @wecom/jssdk with the
 * embedded panel and JS-SDK registration. Each is its own IIFE environment, since an IIFE build takes one entry.
 */
export default defineConfig({
  publicDir: false,
  plugins: [
    onlyShownMessages({ main: [], panel: [messageKeys.SIGN_IN_LABEL, ...messageKeys.signInErrorMessageKeys()] }),
    withoutSignInErrorTable('main'),
  ],
  environments: {
    main: { consumer: 'client', build: iife('./src/sdk-shim/script.ts', 'WeComLoginScript', 'wecom-login.js') },
    panel: {
      consumer: 'client',
      build: iife('./src/sdk-shim/script-panel.ts', 'WeComLoginPanel', 'wecom-login-panel.js'),
    },
  },
  builder: {
    async buildApp(builder) {
      const { main, panel } = builder.environments;
      if (!main || !panel) throw new Error('vite.script.config.mts: environments missing');
      await builder.build(main);
      await builder.build(panel);
    },
  },
});
