import { SIGN_IN_ERRORS } from '../shared/sign-in-errors';
import enUS from './en-US.json';
import ruRU from './ru-RU.json';
import zhCN from './zh-CN.json';

const locales: Record<string, Record<string, string>> = { 'en-US': enUS, 'zh-CN': zhCN, 'ru-RU': ruRU };

describe('locales', () => {
  it.each(Object.keys(locales))('%s translates every sign-in error', (lang) => {
    for (const message of Object.values(SIGN_IN_ERRORS)) expect(locales[lang]).toHaveProperty([message]);
  });

  it.each(Object.keys(locales))('%s has the same keys as en-US, with the same {{placeholders}}', (lang) => {
    const locale = locales[lang] ?? {};
    expect(Object.keys(locale).sort()).toEqual(Object.keys(enUS).sort());
    for (const [key, text] of Object.entries(locale)) {
      expect(text.match(/\{\{\w+\}\}/g) ?? []).toEqual(key.match(/\{\{\w+\}\}/g) ?? []);
    }
  });
});
