import { type FormEvent, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Translate } from '../extension/i18n';
import type { OptionsState } from './store';

export function AddForm({ store, t, prefill }: { store: StoreApi<OptionsState>; t: Translate; prefill: string }) {
  const [origin, setOrigin] = useState(prefill);
  const [authenticator, setAuthenticator] = useState('');
  const [autoStart, setAutoStart] = useState(false);
  const saving = useStore(store, (state) => state.saving);

  function submit(event: FormEvent): void {
    event.preventDefault();
    // Called synchronously in the submit handler, so that Chrome's permission prompt may show.
    void store
      .getState()
      .add({ origin, authenticator, autoStart })
      .then((added) => {
        if (!added) return;
        setOrigin('');
        setAuthenticator('');
        setAutoStart(false);
      });
  }

  return (
    <form className="add" onSubmit={submit}>
      <h2>{t('options_add_heading')}</h2>
      <label>
        {t('label_origin')}
        <input
          type="url"
          required
          placeholder="https://nocobase.example.com"
          value={origin}
          onChange={(event) => setOrigin(event.target.value)}
        />
      </label>
      <label>
        {t('label_authenticator')}
        <input value={authenticator} onChange={(event) => setAuthenticator(event.target.value)} />
        <small>{t('hint_authenticator')}</small>
      </label>
      <label className="check">
        <input type="checkbox" checked={autoStart} onChange={(event) => setAutoStart(event.target.checked)} />
        {t('label_autoStart')}
      </label>
      <p className="hint">{t('options_add_hint')}</p>
      <button type="submit" disabled={saving}>
        {t('button_add')}
      </button>
    </form>
  );
}
