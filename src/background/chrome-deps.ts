import { chromeTranslate } from '../extension/i18n';
import { originPattern } from '../extension/origin';
import { contentScriptSyncer } from './content-scripts';
import type { BackgroundDeps, ContentScriptRegistry, HostAccess, TabsApi } from './deps';
import { pinnedOrigins } from './pinned-origins';

/** The service worker's Chrome APIs behind the small interfaces of `deps.ts`: the only file here that is IO. */

const hostAccess: HostAccess = {
  async granted(origins) {
    const answers = await Promise.all(
      origins.map(async (origin) => [origin, await chrome.permissions.contains({ origins: [originPattern(origin)] })]),
    );
    return new Set(answers.filter(([, has]) => has).map(([origin]) => String(origin)));
  },
  async remove(origins) {
    if (origins.length > 0) await chrome.permissions.remove({ origins: origins.map(originPattern) });
  },
};

const scripts: ContentScriptRegistry = {
  getRegistered: (ids) => chrome.scripting.getRegisteredContentScripts({ ids }),
  register: (list) => chrome.scripting.registerContentScripts(list),
  update: (list) => chrome.scripting.updateContentScripts(list),
  unregister: (ids) => chrome.scripting.unregisterContentScripts({ ids }),
  async inject({ tabId, documentId }, file) {
    const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] };
    await chrome.scripting.executeScript({ target, files: [file] });
  },
};

const tabs: TabsApi = {
  // Without the "tabs" permission Chrome shows the URL only of tabs the extension has host access to (or
  // activeTab for), which are exactly the tabs it could act on.
  url: async (tabId) => (await chrome.tabs.get(tabId)).url,
  send: (tabId, message) => chrome.tabs.sendMessage(tabId, message, { frameId: 0 }),
};

export function chromeDeps(contentScriptFile: string, panelScriptFile: string): BackgroundDeps {
  const deps: BackgroundDeps = {
    runtimeId: chrome.runtime.id,
    storage: { sync: chrome.storage.sync, managed: chrome.storage.managed },
    pinnedOrigins: pinnedOrigins(chrome.runtime.getManifest()),
    hostAccess,
    scripts,
    tabs,
    fetch: (input, init) => fetch(input, init),
    translate: chromeTranslate(),
    contentScriptFile,
    panelScriptFile,
    syncContentScripts: () => sync(),
  };
  const sync = contentScriptSyncer(deps);
  return deps;
}
