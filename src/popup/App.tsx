import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Translate } from '../extension/i18n';
import type { TabState } from '../extension/protocol';
import { WECOM_MARK } from '../sdk-shim/wecom-mark';
import { describeTab, type PopupState } from './store';

export interface AppProps {
  store: StoreApi<PopupState>;
  t: Translate;
  openOptions(addOrigin?: string): void;
}

/** WeCom's mark in the button's colour; hidden from assistive technology, so that the label names the button. */
function WeComMark() {
  return (
    <svg
      className="mark"
      viewBox={WECOM_MARK.viewBox}
      fill="currentColor"
      fillRule={WECOM_MARK.fillRule}
      aria-hidden="true"
      focusable="false"
    >
      {WECOM_MARK.paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}

function TabDetails({ tab, store, t }: { tab: TabState; store: StoreApi<PopupState>; t: Translate }) {
  const signingIn = useStore(store, (state) => state.signingIn);
  if (!tab.entry) return null;
  if (!tab.entry.hostAccess) return <p className="warn">{t('popup_no_access')}</p>;
  if (tab.content.status === 'missing') return <p className="warn">{t('popup_reload')}</p>;
  if (tab.content.status !== 'ready') return null;
  if (tab.content.signedIn) return <p className="ok">{t('popup_signed_in')}</p>;
  return (
    <>
      <p>{t('popup_signed_out')}</p>
      <button
        type="button"
        className="primary"
        disabled={signingIn}
        onClick={() => void store.getState().startSignIn()}
      >
        <WeComMark />
        {t('popup_sign_in')}
      </button>
    </>
  );
}

export function App({ store, t, openOptions }: AppProps) {
  const tab = useStore(store, (state) => state.tab);
  const error = useStore(store, (state) => state.error);
  const signIn = useStore(store, (state) => state.signIn);
  return (
    <main>
      <h1>{t('extName')}</h1>
      {tab ? <p className="tab-line">{describeTab(tab, t)}</p> : <p className="muted">{t('popup_loading')}</p>}
      {tab ? <TabDetails tab={tab} store={store} t={t} /> : null}
      {signIn && !signIn.started ? <p className="error">{signIn.message}</p> : null}
      {error ? <p className="error">{error}</p> : null}
      <footer>
        {tab?.origin && !tab.entry && tab.canAdd ? (
          <button type="button" onClick={() => openOptions(tab.origin ?? undefined)}>
            {t('popup_add_site')}
          </button>
        ) : null}
        <button type="button" className="link" onClick={() => openOptions()}>
          {t('popup_settings')}
        </button>
      </footer>
    </main>
  );
}
