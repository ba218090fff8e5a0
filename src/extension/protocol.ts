import type { ConfigError, EffectiveConfig, EffectiveOrigin, OriginEntryInput } from './config';

/**
 * Every message of the extension, with its request and response: one map for the service worker (sent by the
 * options page, the popup and the content scripts), one for the content script (sent by the service worker).
 * `from` says who may send it; the service worker refuses anyone else.
 */

export interface OriginStatus extends EffectiveOrigin {
  /** Whether Chrome has granted host access to this origin (asked on adding it, or pinned in an IT build). */
  hostAccess: boolean;
}

export interface ConfigView extends Omit<EffectiveConfig, 'origins'> {
  origins: OriginStatus[];
}

/** What testing an origin found, from the first thing that is wrong; `message` is in the browser's language. */
export type OriginProblem =
  | 'NO_HOST_ACCESS'
  | 'UNREACHABLE'
  | 'NOT_NOCOBASE'
  | 'PLUGIN_MISSING'
  | 'NO_WECOM_AUTHENTICATOR'
  | 'AUTHENTICATOR_NOT_FOUND';

export type OriginTestResult =
  | {
      ok: true;
      /** The authenticator that sign-in would use. */
      authenticator: { name: string; title: string; autoLogin: boolean };
      /** The names of all enabled WeCom authenticators there. */
      available: string[];
      message: string;
    }
  | { ok: false; problem: OriginProblem; available: string[]; status?: number; message: string };

export type TabContentState =
  /** The tab's origin is not configured, or has no host access: no content script can be there. */
  | { status: 'none' }
  /** Configured, but the page was loaded before the content script was registered: reloading it helps. */
  | { status: 'missing' }
  | { status: 'ready'; signedIn: boolean };

export interface TabState {
  /** Null for a page without an http(s) origin, or one whose address the extension may not read. */
  origin: string | null;
  entry: OriginStatus | null;
  content: TabContentState;
  /** Whether IT allows adding origins, so the popup offers "Add this site" only when it would work. */
  canAdd: boolean;
}

export type SignInStart = { started: true } | { started: false; reason: SignInRefusal; message: string };

/** `REFUSED`: the NocoBase site or the browser core refused the sign-in; `message` says why, translated. */
export type SignInRefusal = 'NOT_CONFIGURED' | 'NO_CONTENT_SCRIPT' | 'REFUSED' | 'FAILED';

export interface ContentConfig {
  origin: string;
  authenticator: string;
  autoStart: boolean;
}

/** A message that carries nothing but its type. */
type Empty = Record<never, never>;

export interface BackgroundProtocol {
  'config:get': { from: 'page'; request: Empty; response: ConfigView };
  'config:save': { from: 'page'; request: { origins: OriginEntryInput[] }; response: ConfigView };
  /** `authenticator` as typed on the page, saved or not; the configured one when absent. */
  'origin:test': { from: 'page'; request: { origin: string; authenticator?: string }; response: OriginTestResult };
  'tab:state': { from: 'page'; request: { tabId: number }; response: TabState };
  'tab:signIn': { from: 'page'; request: { tabId: number }; response: SignInStart };
  /** A content script asks what its own origin is configured with. */
  'content:config': { from: 'content'; request: Empty; response: ContentConfig };
  /**
   * A content script about to show WeCom's embedded login panel asks for the panel's code (@wecom/jssdk), which the
   * service worker injects into that same document: kept out of the content script, which every page loads.
   */
  'content:loadPanel': { from: 'content'; request: Empty; response: { injected: true } };
}

export interface ContentProtocol {
  'content:state': { request: Empty; response: { signedIn: boolean } };
  'content:signIn': { request: { authenticator: string }; response: SignInStart };
}

export type BackgroundType = keyof BackgroundProtocol;
export type ContentType = keyof ContentProtocol;

export type BackgroundMessage<K extends BackgroundType = BackgroundType> = {
  [T in K]: { type: T } & BackgroundProtocol[T]['request'];
}[K];
export type ContentMessage<K extends ContentType = ContentType> = {
  [T in K]: { type: T } & ContentProtocol[T]['request'];
}[K];

/** Why the service worker answered nothing useful; config errors carry what was refused. */
export type ReplyErrorCode = 'UNKNOWN_MESSAGE' | 'SENDER_REFUSED' | 'REQUEST_INVALID' | 'CONFIG_REFUSED' | 'FAILED';

export interface ReplyError {
  code: ReplyErrorCode;
  message: string;
  config?: ConfigError;
}

/** Exceptions do not cross `sendMessage`; every answer says whether it worked. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError };
