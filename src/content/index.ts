import { chromeTranslate } from '../extension/i18n';
import type { ContentConfig, Reply } from '../extension/protocol';
import { resolveLocale, storageSessionStore, takeSessionFromUrl } from '../sdk-shim';
import { acceptContentMessage, type ContentDeps, handleContentMessage } from './handlers';
import { pageHooks } from './hooks';
import { createPage } from './page';
import { panelSdkLoader, type SendToWorker } from './panel-loader';
import { watchPage } from './watch';

/**
 * The content script, registered at run time for the configured NocoBase origins only
 * (src/background/content-scripts.ts), at document_start, and built by crxjs as one IIFE file. It takes the
 * session a sign-in landed with, answers the service worker (is this page signed in, start a sign-in), and on
 * NocoBase's sign-in pages adds the WeCom entry (`page.ts`).
 */

const localStorageOrNull = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

// Before NocoBase's scripts run (document_start), so that its client starts signed in. Always, not only where the
// plugin's client is missing, which cannot be known before the page's scripts load: whoever runs first takes the
// session, the other finds no fragment, and `takeSessionFromUrl` stores nothing without the callback's cookie.
takeSessionFromUrl(window, storageSessionStore(localStorageOrNull()));

const translate = chromeTranslate();
const send: SendToWorker = (message) => chrome.runtime.sendMessage(message);

const hooks = pageHooks((config) => {
  const page = createPage({
    window,
    config,
    texts: {
      signIn: translate('entry_sign_in'),
      panelHint: translate('entry_panel_hint'),
      close: translate('entry_close'),
    },
    locale: resolveLocale(chrome.i18n.getUILanguage()),
    loadPanelSdk: panelSdkLoader(send),
  });
  watchPage(window, page.update);
  return page;
});

const deps: ContentDeps = { runtimeId: chrome.runtime.id, storage: localStorageOrNull, hooks };

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  const accepted = acceptContentMessage(message, sender, deps.runtimeId);
  if (!accepted) return false;
  void handleContentMessage(accepted, deps).then(sendResponse);
  // The answer comes asynchronously.
  return true;
});

async function start(): Promise<void> {
  const reply: Reply<ContentConfig> = await chrome.runtime.sendMessage({ type: 'content:config' });
  if (!reply.ok) throw new Error(reply.error.message);
  await hooks.onReady(reply.value);
}

start().catch((error: unknown) => {
  hooks.onConfigFailed(error);
  console.warn('wecom-sign-in: no configuration for this page', error);
});
