import { pageLocale } from './page-locale';

describe('the language of the plugin’s own pages', () => {
  it('follows X-Locale first, as NocoBase does', () => {
    expect(pageLocale({ xLocale: 'ru-RU', acceptLanguage: 'zh-CN' })).toBe('ru-RU');
  });

  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-GB,en;q=0.9', 'en-US'],
    ['de-DE,ru;q=0.5,en;q=0.4', 'ru-RU'],
    ['en;q=0.2, ru;q=0.9', 'ru-RU'],
    ['ru;q=0, en', 'en-US'],
  ])('takes the browser’s Accept-Language %j as %s', (acceptLanguage, expected) => {
    expect(pageLocale({ acceptLanguage })).toBe(expected);
  });

  it('falls back to NocoBase’s language, then English', () => {
    expect(pageLocale({ acceptLanguage: 'de, *', fallback: 'zh-CN' })).toBe('zh-CN');
    expect(pageLocale({ acceptLanguage: 'de', fallback: 'ja-JP' })).toBe('en-US');
    expect(pageLocale({})).toBe('en-US');
  });
});
