import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, runnerImport } from 'vite';

// Through Vite's module runner: importing TypeScript into the config itself is on its way out (configLoader 'native').
const { module: messageKeys } = await runnerImport<typeof import('./src/sdk-shim/message-keys.ts')>(
  './src/sdk-shim/message-keys.ts',
  { configFile: false },
);
const { module: signInErrors } = await runnerImport<typeof import('./src/shared/sign-in-errors.ts')>(
  './src/shared/sign-in-errors.ts',
  { configFile: false },
);

const outDir = fileURLToPath(new URL('./dist/sdk', import.meta.url));
// Older WeCom clients' webviews: Android builds on TBS report Chrome 66, and iOS 12's WKWebView is Safari 12.
// A syntax error there would mean no sign-in at all, so newer syntax is lowered.
const target = ['es2018', 'chrome66', 'safari12'];

/**
 * `src/locale/*.json` also hold the admin pages' texts. Each file keeps only the keys it shows: the main file, which
 * every WeCom client loads, just the button's label; the panel file the error messages. An entry equal to its key
 * goes too (all of en-US): a missing translation reads as the key.
 */
function onlyShownMessages(keys: Record<string, readonly string[]>): Plugin {
  return {
    name: 'wecom-login:only-shown-messages',
    enforce: 'pre',
    load(id) {
      if (!/[\\/]src[\\/]locale[\\/][\w-]+\.json$/.test(id)) return null;
      const keep = new Set(keys[this.environment.name] ?? []);
      const all: Record<string, string> = JSON.parse(readFileSync(id, 'utf8'));
      return JSON.stringify(Object.fromEntries(Object.entries(all).filter(([k, v]) => keep.has(k) && v !== k)));
    },
  };
}

/**
 * In the main file the error codes stand for their English texts: it only needs the codes, and shows messages
 * through the panel file's translations. The texts would add a tenth to what every WeCom client loads.
 */
function errorCodesWithoutTexts(environment: string): Plugin {
  const codes = Object.fromEntries(Object.keys(signInErrors.SIGN_IN_ERRORS).map((code) => [code, code]));
  return {
    name: 'wecom-login:error-codes-without-texts',
    enforce: 'pre',
    load(id) {
      if (this.environment.name !== environment || !/[\\/]src[\\/]shared[\\/]sign-in-errors\.ts$/.test(id)) {
        return null;
      }
      return [
        `export const SIGN_IN_ERRORS = ${JSON.stringify(codes)};`,
        `export function isSignInErrorCode(code) { return typeof code === 'string' && Object.prototype.hasOwnProperty.call(SIGN_IN_ERRORS, code); }`,
      ].join('\n');
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
 * The script bundle (docs/script-bundle.md): `wecom-login.js`, the core, the silent path and the button, which is all
 * a WeCom client loads to sign in; and `wecom-login-panel.js`, @wecom/jssdk with the embedded panel, JS-SDK
 * registration and the translated error messages, loaded when needed. Each is its own IIFE environment, since an
 * IIFE build takes one entry.
 */
export default defineConfig({
  publicDir: false,
  plugins: [
    onlyShownMessages({ main: [messageKeys.SIGN_IN_LABEL], panel: messageKeys.signInErrorMessageKeys() }),
    errorCodesWithoutTexts('main'),
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
