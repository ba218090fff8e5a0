import { chromeTranslate } from '../extension/i18n';
import type { ContentConfig, Reply } from '../extension/protocol';
import { acceptContentMessage, type ContentDeps, handleContentMessage } from './handlers';
import { stubHooks } from './hooks';

/**
 * The content script, registered at run time for the configured NocoBase origins only
 * (src/background/content-scripts.ts) and built by crxjs as one IIFE file. It answers the service worker
 * (is this page signed in, start a sign-in) and hands the sign-in to `hooks`; it renders nothing yet.
 */

const translate = chromeTranslate();

const deps: ContentDeps = {
  runtimeId: chrome.runtime.id,
  storage: () => {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  },
  hooks: stubHooks(() => translate('signin_NOT_IMPLEMENTED')),
};

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  const accepted = acceptContentMessage(message, sender, deps.runtimeId);
  if (!accepted) return false;
  void handleContentMessage(accepted, deps).then(sendResponse);
  // The answer comes asynchronously.
  return true;
});

async function start(): Promise<void> {
  const reply: Reply<ContentConfig> = await chrome.runtime.sendMessage({ type: 'content:config' });
  if (reply.ok) await deps.hooks.onReady(reply.value);
}

start().catch((error: unknown) => console.warn('wecom-sign-in: no configuration for this page', error));
