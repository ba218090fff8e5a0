/**
 * The page in the browser's UI language, as `chrome.i18n` picks it: `lang` for fonts and screen readers (Chinese
 * glyphs differ between zh-CN and ja), and the title, which `__MSG_…__` does not reach in HTML.
 */
export function localizeDocument(doc: Document, title: string): void {
  doc.documentElement.lang = chrome.i18n.getUILanguage();
  doc.title = title;
}
