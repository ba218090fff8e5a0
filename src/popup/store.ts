import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Translate } from '../extension/i18n';
import { call, ReplyFailure, type Send } from '../extension/page-client';
import type { SignInStart, TabState } from '../extension/protocol';

export interface PopupDeps {
  send: Send;
  /** The id of the tab the popup was opened over. */
  activeTabId(): Promise<number | undefined>;
  translate: Translate;
}

export interface PopupState {
  tabId: number | null;
  tab: TabState | null;
  error: string | null;
  signingIn: boolean;
  signIn: SignInStart | null;
  load(): Promise<void>;
  startSignIn(): Promise<void>;
}

/** The popup's state: what the service worker says of the current tab, and the sign-in button's outcome. */
export function createPopupStore(deps: PopupDeps): StoreApi<PopupState> {
  const failed = deps.translate('error_FAILED');
  const text = (error: unknown) => (error instanceof ReplyFailure ? error.error.message : failed);
  return createStore<PopupState>()((set, get) => ({
    tabId: null,
    tab: null,
    error: null,
    signingIn: false,
    signIn: null,

    async load() {
      const tabId = await deps.activeTabId();
      if (tabId === undefined) {
        set({ tabId: null, tab: { origin: null, entry: null, content: { status: 'none' }, canAdd: false } });
        return;
      }
      try {
        set({ tabId, tab: await call(deps.send, { type: 'tab:state', tabId }, failed), error: null });
      } catch (error) {
        set({ tabId, error: text(error) });
      }
    },

    async startSignIn() {
      const { tabId } = get();
      if (tabId === null) return;
      set({ signingIn: true, signIn: null });
      try {
        const signIn = await call(deps.send, { type: 'tab:signIn', tabId }, failed);
        set({ signIn });
        // A started sign-in navigates the tab away; the popup has said all it can.
        if (signIn.started) window.close();
      } catch (error) {
        set({ error: text(error) });
      } finally {
        set({ signingIn: false });
      }
    },
  }));
}

/** One line saying what this tab is, for the popup's heading. */
export function describeTab(tab: TabState, t: Translate): string {
  if (!tab.origin) return t('popup_no_site');
  if (!tab.entry) return t('popup_not_configured', [tab.origin]);
  return t('popup_configured', [tab.origin]);
}
