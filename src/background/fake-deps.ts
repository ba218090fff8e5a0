import { fakeBrowser } from '@webext-core/fake-browser';
import en from '../../_locales/en/messages.json';
import type { Translate } from '../extension/i18n';
import type { Fetch } from '../sdk-shim';
import { contentScriptSyncer } from './content-scripts';
import type { BackgroundDeps, ContentScriptDefinition } from './deps';

/**
 * Test support: the service worker's deps over @webext-core/fake-browser's storage (sync and managed, with
 * onChanged), and plain in-memory stand-ins for what that library does not fake (permissions, scripting,
 * tabs.sendMessage). Never imported by the extension itself.
 */

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** `chrome.i18n.getMessage` over the English messages, placeholders and all, so tests read the real texts. */
export const englishTranslate: Translate = (key, substitutions = []) => {
  const entry = (en as Messages)[key];
  if (!entry) return key;
  return entry.message.replace(/\$([A-Za-z_]+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    const index = content ? Number(content.slice(1)) - 1 : -1;
    return index >= 0 ? (substitutions[index] ?? '') : whole;
  });
};

export interface FakeTab {
  url?: string;
  /** What the tab's content script answers; none when undefined (not injected). */
  answer?: (message: unknown) => unknown;
}

export interface FakeWorld {
  deps: BackgroundDeps;
  granted: Set<string>;
  registered: Map<string, ContentScriptDefinition>;
  tabs: Map<number, FakeTab>;
  sent: Array<{ tabId: number; message: unknown }>;
  removedAccess: string[][];
  injected: Array<{ tabId: number; documentId?: string; file: string }>;
}

export const RUNTIME_ID = fakeBrowser.runtime.id;

export function fakeWorld(options: { pinned?: string[]; fetch?: Fetch } = {}): FakeWorld {
  const granted = new Set<string>();
  const registered = new Map<string, ContentScriptDefinition>();
  const tabs = new Map<number, FakeTab>();
  const sent: FakeWorld['sent'] = [];
  const removedAccess: string[][] = [];
  const injected: FakeWorld['injected'] = [];
  const deps: BackgroundDeps = {
    runtimeId: RUNTIME_ID,
    storage: { sync: fakeBrowser.storage.sync, managed: fakeBrowser.storage.managed },
    pinnedOrigins: options.pinned ?? [],
    hostAccess: {
      async granted(origins) {
        return new Set(origins.filter((origin) => granted.has(origin)));
      },
      async remove(origins) {
        removedAccess.push([...origins]);
        for (const origin of origins) granted.delete(origin);
      },
    },
    scripts: {
      async getRegistered(ids) {
        return ids.flatMap((id) => {
          const script = registered.get(id);
          return script ? [{ id, matches: [...script.matches], js: [...script.js] }] : [];
        });
      },
      async register(list) {
        for (const script of list) {
          if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
          registered.set(script.id, script);
        }
      },
      async update(list) {
        for (const script of list) registered.set(script.id, script);
      },
      async unregister(ids) {
        for (const id of ids) registered.delete(id);
      },
      async inject(target, file) {
        if (!tabs.has(target.tabId)) throw new Error(`No tab with id: ${target.tabId}.`);
        injected.push({ ...target, file });
      },
    },
    tabs: {
      async url(tabId) {
        const tab = tabs.get(tabId);
        if (!tab) throw new Error(`No tab with id: ${tabId}.`);
        return tab.url;
      },
      async send(tabId, message) {
        sent.push({ tabId, message });
        const answer = tabs.get(tabId)?.answer;
        if (!answer) throw new Error('Could not establish connection. Receiving end does not exist.');
        return answer(message);
      },
    },
    fetch:
      options.fetch ??
      (async () => {
        throw new TypeError('Failed to fetch');
      }),
    translate: englishTranslate,
    contentScriptFile: 'src/content/index.js',
    panelScriptFile: 'src/content/panel-sdk.js',
    syncContentScripts: () => sync(),
    timeoutMs: 1000,
  };
  const sync = contentScriptSyncer(deps);
  return { deps, granted, registered, tabs, sent, removedAccess, injected };
}

/** What Chrome says of a message from this extension's options page (open in a tab) or popup. */
export function pageSender(inTab = false) {
  return {
    id: RUNTIME_ID,
    url: `chrome-extension://${RUNTIME_ID}/src/options/index.html`,
    origin: `chrome-extension://${RUNTIME_ID}`,
    ...(inTab ? { tab: { id: 7 }, frameId: 0 } : {}),
  };
}

/** What Chrome says of a message from this extension's content script in a tab's top frame. */
export function contentSender(origin: string, tabId = 3, frameId = 0, documentId?: string) {
  const sender = { id: RUNTIME_ID, url: `${origin}/admin`, origin, tab: { id: tabId }, frameId };
  return documentId ? { ...sender, documentId } : sender;
}
