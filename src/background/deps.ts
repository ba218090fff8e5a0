import type { Translate } from '../extension/i18n';
import type { Fetch } from '../sdk-shim';

/**
 * What the service worker's logic needs from Chrome, each as small as it is used. `chrome-deps.ts` fills them
 * with the real APIs; the unit tests with @webext-core/fake-browser's storage and, where that fakes nothing
 * (permissions, scripting, tabs.sendMessage), with plain objects of these shapes.
 */

/** `chrome.storage.sync` / `.managed`, as far as they are used. */
export interface StorageAreaLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** `chrome.permissions` for host access, one origin at a time. */
export interface HostAccess {
  /** The origins among these that the extension may access. */
  granted(origins: readonly string[]): Promise<Set<string>>;
  /** Gives up optional access; an origin the manifest requires cannot be given up and is skipped by the caller. */
  remove(origins: readonly string[]): Promise<void>;
}

/** One content script as `chrome.scripting` registers it. */
export interface ContentScriptDefinition {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_start' | 'document_end' | 'document_idle';
  allFrames: boolean;
  persistAcrossSessions: boolean;
}

/** The top frame of a tab, or the one document in it that asked. */
export interface InjectionTarget {
  tabId: number;
  documentId?: string;
}

/** `chrome.scripting`'s dynamic content scripts, and a file injected once into one document. */
export interface ContentScriptRegistry {
  getRegistered(ids: string[]): Promise<Array<{ id: string; matches?: string[]; js?: string[] }>>;
  register(scripts: ContentScriptDefinition[]): Promise<void>;
  update(scripts: ContentScriptDefinition[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
  /** Runs `file` in the content script's world of that document; rejects when Chrome may not. */
  inject(target: InjectionTarget, file: string): Promise<void>;
}

/** `chrome.tabs`: a tab's address, and messages to its top frame's content script. */
export interface TabsApi {
  /** The tab's URL, or undefined when the extension may not read it. */
  url(tabId: number): Promise<string | undefined>;
  /** Rejects when no content script listens in the tab. */
  send(tabId: number, message: unknown): Promise<unknown>;
}

export interface BackgroundDeps {
  runtimeId: string;
  storage: { sync: StorageAreaLike; managed: StorageAreaLike };
  /** The IT build's origins, from the manifest's `host_permissions`; none in the store build. */
  pinnedOrigins: readonly string[];
  hostAccess: HostAccess;
  scripts: ContentScriptRegistry;
  tabs: TabsApi;
  fetch: Fetch;
  translate: Translate;
  /** The built content script (`CONTENT_SCRIPTS`). */
  contentScriptFile: string;
  /** The built panel code (@wecom/jssdk's login panel), injected on demand (`content:loadPanel`). */
  panelScriptFile: string;
  /** Registers the content script for the configuration in force; one queue for every caller. */
  syncContentScripts(): Promise<unknown>;
  /** How long testing an origin waits for each answer. */
  timeoutMs?: number;
}
