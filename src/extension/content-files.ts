/**
 * The content scripts as built (vite.config.ts builds each as one self-contained IIFE file) and as the service
 * worker registers or injects them: the sign-in page's script, on every page of a configured origin, and the
 * panel's code (@wecom/jssdk), injected only when WeCom's embedded login panel is about to be shown.
 */
export const CONTENT_SCRIPTS = {
  page: { entry: 'src/content/index.ts', file: 'src/content/index.js' },
  panel: { entry: 'src/content/panel-sdk.ts', file: 'src/content/panel-sdk.js' },
} as const;
