import { createRoot } from 'react-dom/client';
import { chromeTranslate } from '../extension/i18n';
import { chromeSend } from '../extension/page-client';
import { localizeDocument } from '../extension/page-locale';
import { App } from './App';
import { createPopupStore } from './store';
import '../extension/theme.css';
import './popup.css';

const translate = chromeTranslate();
const store = createPopupStore({
  send: chromeSend(),
  async activeTabId() {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  },
  translate,
});

localizeDocument(document, translate('extName'));
void store.getState().load();

const root = document.getElementById('root');
if (root) createRoot(root).render(<App store={store} t={translate} openOptions={openOptions} />);

/** The options page, with the tab's origin filled in to add; `add` needs a click there for Chrome's prompt. */
function openOptions(origin?: string): void {
  const page = chrome.runtime.getURL('src/options/index.html');
  void chrome.tabs.create({ url: origin ? `${page}?${new URLSearchParams({ add: origin })}` : page });
  window.close();
}
