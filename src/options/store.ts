import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OriginEntryInput } from '../extension/config';
import type { Translate } from '../extension/i18n';
import { checkOrigin } from '../extension/origin';
import { call, ReplyFailure, type Send } from '../extension/page-client';
import type { ConfigView, OriginStatus, OriginTestResult } from '../extension/protocol';

export interface OptionsDeps {
  send: Send;
  /** `chrome.permissions.request` for one origin; must be the first thing awaited after the click. */
  requestAccess(origin: string): Promise<boolean>;
  translate: Translate;
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /** The row the notice is about, if any. */
  origin?: string;
}

export interface TestState {
  running: boolean;
  result?: OriginTestResult;
  /** The test itself could not run (the worker refused or failed), as opposed to finding a problem. */
  error?: string;
}

export interface OptionsState {
  view: ConfigView | null;
  notice: Notice | null;
  tests: Record<string, TestState>;
  saving: boolean;
  load(): Promise<void>;
  add(input: { origin: string; authenticator: string; autoStart: boolean }): Promise<boolean>;
  update(origin: string, changes: { authenticator?: string; autoStart?: boolean }): Promise<boolean>;
  remove(origin: string): Promise<boolean>;
  grant(origin: string): Promise<void>;
  test(origin: string, authenticator?: string): Promise<void>;
}

/** What is sent back on save: every entry in force, locked values as they are (the worker checks them). */
function entriesOf(view: ConfigView | null): OriginEntryInput[] {
  return (view?.origins ?? []).map(({ origin, authenticator, autoStart }) => ({ origin, authenticator, autoStart }));
}

function failureText(error: unknown, translate: Translate): string {
  return error instanceof ReplyFailure ? error.error.message : translate('error_FAILED');
}

/**
 * The options page's state and actions; the React components only read it and call these. All IO goes through
 * `deps`, so the store is tested without a browser.
 */
export function createOptionsStore(deps: OptionsDeps): StoreApi<OptionsState> {
  const { send, translate } = deps;
  const failed = translate('error_FAILED');

  return createStore<OptionsState>()((set, get) => {
    async function save(origins: OriginEntryInput[], subject?: string): Promise<boolean> {
      set({ saving: true });
      try {
        const view = await call(send, { type: 'config:save', origins }, failed);
        set({
          view,
          notice: { kind: 'info', text: translate('status_saved'), ...(subject ? { origin: subject } : {}) },
        });
        return true;
      } catch (error) {
        set({
          notice: { kind: 'error', text: failureText(error, translate), ...(subject ? { origin: subject } : {}) },
        });
        return false;
      } finally {
        set({ saving: false });
      }
    }

    return {
      view: null,
      notice: null,
      tests: {},
      saving: false,

      async load() {
        try {
          set({ view: await call(send, { type: 'config:get' }, failed) });
        } catch (error) {
          set({ notice: { kind: 'error', text: failureText(error, translate) } });
        }
      },

      async add(input) {
        const checked = checkOrigin(input.origin);
        if (!checked.ok) {
          set({ notice: { kind: 'error', text: translate(`problem_${checked.problem}`) } });
          return false;
        }
        const { origin } = checked;
        // Asked before anything else is awaited: Chrome shows the prompt only during the click's user gesture.
        const granted = await deps.requestAccess(origin);
        if (!granted) {
          set({ notice: { kind: 'error', text: translate('status_permission_denied', [origin]), origin } });
          return false;
        }
        const entry = { origin, authenticator: input.authenticator.trim(), autoStart: input.autoStart };
        return save([...entriesOf(get().view), entry], origin);
      },

      async update(origin, changes) {
        const origins = entriesOf(get().view).map((entry) =>
          entry.origin === origin ? { ...entry, ...changes } : entry,
        );
        return save(origins, origin);
      },

      async remove(origin) {
        return save(
          entriesOf(get().view).filter((entry) => entry.origin !== origin),
          origin,
        );
      },

      async grant(origin) {
        const granted = await deps.requestAccess(origin);
        if (!granted) set({ notice: { kind: 'error', text: translate('status_permission_denied', [origin]), origin } });
        await get().load();
      },

      async test(origin, authenticator) {
        set({ tests: { ...get().tests, [origin]: { running: true } } });
        try {
          const result = await call(
            send,
            { type: 'origin:test', origin, ...(authenticator !== undefined ? { authenticator } : {}) },
            failed,
          );
          set({ tests: { ...get().tests, [origin]: { running: false, result } } });
        } catch (error) {
          set({ tests: { ...get().tests, [origin]: { running: false, error: failureText(error, translate) } } });
        }
      },
    };
  });
}

/** Whether the person may remove a row: only what they added themselves. */
export function isRemovable(entry: OriginStatus): boolean {
  return entry.source === 'user';
}
