import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Translate } from '../extension/i18n';
import { AddForm } from './AddForm';
import { OriginRow } from './OriginRow';
import type { OptionsState } from './store';

export interface AppProps {
  store: StoreApi<OptionsState>;
  t: Translate;
  /** An origin to add, from the popup's "Add this site". */
  prefill: string;
}

export function App({ store, t, prefill }: AppProps) {
  const view = useStore(store, (state) => state.view);
  const notice = useStore(store, (state) => state.notice);
  const invalid = view?.policy.invalid.length ?? 0;
  return (
    <main>
      <h1>{t('options_title')}</h1>
      <p>{t('options_intro')}</p>
      {view?.policy.applied ? <p className="policy-line">{t('options_policy_line')}</p> : null}
      {invalid > 0 ? <p className="notice error">{t('options_policy_invalid', [String(invalid)])}</p> : null}
      {notice && !notice.origin ? <p className={`notice ${notice.kind}`}>{notice.text}</p> : null}
      <h2>{t('options_sites')}</h2>
      {view && view.origins.length === 0 ? <p className="empty">{t('options_empty')}</p> : null}
      <ul className="origins">
        {view?.origins.map((entry) => (
          // Keyed by its values too: a change from policy or another browser resets the row's fields.
          <OriginRow
            key={`${entry.origin} ${entry.authenticator} ${entry.autoStart}`}
            entry={entry}
            store={store}
            t={t}
          />
        ))}
      </ul>
      {view && !view.policy.allowUserOrigins ? (
        <p className="policy-line">{t('options_user_origins_locked')}</p>
      ) : (
        <AddForm store={store} t={t} prefill={prefill} />
      )}
    </main>
  );
}
