import { CONTENT_SCRIPTS } from '../extension/content-files';
import { chromeDeps } from './chrome-deps';
import { watchConfigChanges } from './config-store';
import { handle } from './router';

/**
 * The service worker. Not `index.ts`: crxjs 3.0.0 then confuses it with the content script's `index.ts` and
 * points the worker's loader at the content script. Listeners are added synchronously at the top level, as
 * Chrome requires for a worker it starts to deliver an event; what they do lives in the modules beside this file.
 */

const deps = chromeDeps(CONTENT_SCRIPTS.page.file, CONTENT_SCRIPTS.panel.file);

function resyncLogged(): void {
  deps
    .syncContentScripts()
    .catch((error: unknown) => console.error('wecom-sign-in: content scripts not registered', error));
}

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  void handle(message, sender, deps).then(sendResponse);
  // The answer comes asynchronously.
  return true;
});

chrome.runtime.onInstalled.addListener(resyncLogged);
chrome.runtime.onStartup.addListener(resyncLogged);
watchConfigChanges(chrome.storage.onChanged, resyncLogged);
chrome.permissions.onAdded.addListener(resyncLogged);
chrome.permissions.onRemoved.addListener(resyncLogged);
