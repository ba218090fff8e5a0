import { useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Translate } from '../extension/i18n';
import type { OriginStatus } from '../extension/protocol';
import { isRemovable, type OptionsState } from './store';

function LockedBadge({ t }: { t: Translate }) {
  return <span className="badge policy">{t('badge_policy')}</span>;
}

export function OriginRow({ entry, store, t }: { entry: OriginStatus; store: StoreApi<OptionsState>; t: Translate }) {
  const [authenticator, setAuthenticator] = useState(entry.authenticator);
  const [autoStart, setAutoStart] = useState(entry.autoStart);
  const saving = useStore(store, (state) => state.saving);
  const test = useStore(store, (state) => state.tests[entry.origin]);
  const notice = useStore(store, (state) => (state.notice?.origin === entry.origin ? state.notice : null));
  const dirty = authenticator.trim() !== entry.authenticator || autoStart !== entry.autoStart;
  const actions = store.getState();
  const result = test?.result;

  return (
    <li className="origin">
      <div className="origin-head">
        <strong>{entry.origin}</strong>
        {entry.source === 'policy' ? <LockedBadge t={t} /> : null}
        {entry.source === 'build' ? <span className="badge build">{t('badge_build')}</span> : null}
        {entry.hostAccess ? null : (
          <span className="access-missing">
            {t('access_missing')}{' '}
            <button type="button" onClick={() => void actions.grant(entry.origin)}>
              {t('button_grant')}
            </button>
          </span>
        )}
      </div>
      <label>
        {t('field_authenticator')}
        {entry.locked.authenticator ? <LockedBadge t={t} /> : null}
        <input
          value={authenticator}
          disabled={entry.locked.authenticator}
          onChange={(event) => setAuthenticator(event.target.value)}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={autoStart}
          disabled={entry.locked.autoStart}
          onChange={(event) => setAutoStart(event.target.checked)}
        />
        {t('label_autoStart')}
        {entry.locked.autoStart ? <LockedBadge t={t} /> : null}
      </label>
      <div className="buttons">
        <button
          type="button"
          disabled={!dirty || saving}
          onClick={() => void actions.update(entry.origin, { authenticator: authenticator.trim(), autoStart })}
        >
          {t('button_save')}
        </button>
        <button
          type="button"
          disabled={test?.running}
          onClick={() => void actions.test(entry.origin, authenticator.trim())}
        >
          {t('button_test')}
        </button>
        {isRemovable(entry) ? (
          <button type="button" className="danger" disabled={saving} onClick={() => void actions.remove(entry.origin)}>
            {t('button_remove')}
          </button>
        ) : null}
      </div>
      {test?.running ? <p className="notice info">{t('status_testing')}</p> : null}
      {result ? <p className={`notice ${result.ok ? 'ok' : 'error'}`}>{result.message}</p> : null}
      {test?.error ? <p className="notice error">{test.error}</p> : null}
      {notice ? <p className={`notice ${notice.kind}`}>{notice.text}</p> : null}
    </li>
  );
}
