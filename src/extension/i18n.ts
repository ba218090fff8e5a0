/** The extension's texts are `_locales/<lang>/messages.json`; English is the reference every locale must match. */
export type MessageKey = Extract<keyof typeof import('../../_locales/en/messages.json'), string>;

/** `chrome.i18n.getMessage`: the browser's UI language, English where a locale lacks a text. */
export type Translate = (key: MessageKey, substitutions?: readonly string[]) => string;

export function chromeTranslate(): Translate {
  // An empty answer means an unknown key; showing the key beats showing nothing.
  return (key, substitutions) => chrome.i18n.getMessage(key, substitutions ? [...substitutions] : undefined) || key;
}
