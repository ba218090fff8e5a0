import { createRoot } from 'react-dom/client';
import { chromeTranslate } from '../extension/i18n';
import { originPattern } from '../extension/origin';
import { chromeSend } from '../extension/page-client';
import { localizeDocument } from '../extension/page-locale';
import { App } from './App';
import { createOptionsStore } from './store';
import '../extension/theme.css';
import './options.css';

const translate = chromeTranslate();
const store = createOptionsStore({
  send: chromeSend(),
  requestAccess: (origin) => chrome.permissions.request({ origins: [originPattern(origin)] }),
  translate,
});

localizeDocument(document, translate('options_title'));
// IT's policy and the person's other browsers change settings while the page is open: show them as they are.
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed' || area === 'sync') void store.getState().load();
});
chrome.permissions.onAdded.addListener(() => void store.getState().load());
chrome.permissions.onRemoved.addListener(() => void store.getState().load());
void store.getState().load();

const root = document.getElementById('root');
if (root) {
  const prefill = new URLSearchParams(location.search).get('add') ?? '';
  createRoot(root).render(<App store={store} t={translate} prefill={prefill} />);
}
