import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';
import { SIGN_IN_ERRORS, type SignInErrorCode } from '../shared/sign-in-errors';
import { resolveLocale, signInButtonLabel, signInErrorMessage } from './messages';

const CODES = Object.keys(SIGN_IN_ERRORS) as SignInErrorCode[];

describe('resolveLocale', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['ru', 'ru-RU'],
    ['ru-RU', 'ru-RU'],
    ['en-US', 'en-US'],
    ['de-DE', 'en-US'],
    ['', 'en-US'],
    [null, 'en-US'],
    [undefined, 'en-US'],
  ])('%s → %s', (locale, expected) => {
    expect(resolveLocale(locale)).toBe(expected);
  });
});

describe('signInErrorMessage', () => {
  it.each(CODES)('translates %s into the three languages', (code) => {
    const key = SIGN_IN_ERRORS[code];
    const fill = (text: string): string => text.replace('{{ip}}', '203.0.113.7');
    expect(signInErrorMessage(code, 'en-US', { ip: '203.0.113.7' })).toBe(
      fill((enUS as Record<string, string>)[key] ?? ''),
    );
    expect(signInErrorMessage(code, 'zh-CN', { ip: '203.0.113.7' })).toBe(
      fill((zhCN as Record<string, string>)[key] ?? ''),
    );
    expect(signInErrorMessage(code, 'ru-RU', { ip: '203.0.113.7' })).toBe(
      fill((ruRU as Record<string, string>)[key] ?? ''),
    );
  });

  it('falls back to English for other languages', () => {
    expect(signInErrorMessage('ACCESS_DENIED', 'fr-FR')).toBe('WeCom sign-in was cancelled.');
    expect(signInErrorMessage('ACCESS_DENIED')).toBe('WeCom sign-in was cancelled.');
  });

  it("gives an unknown code SIGN_IN_FAILED's message", () => {
    expect(signInErrorMessage('SOMETHING_NEW', 'zh-CN')).toBe(signInErrorMessage('SIGN_IN_FAILED', 'zh-CN'));
    expect(signInErrorMessage('toString', 'en-US')).toBe(SIGN_IN_ERRORS.SIGN_IN_FAILED);
  });

  it('drops a placeholder the URL gave no value for, with its space', () => {
    expect(signInErrorMessage('IP_NOT_TRUSTED', 'en-US')).toBe(
      "WeCom refused this server's IP address. An administrator must add it to the app's trusted IPs in WeCom.",
    );
    expect(signInErrorMessage('IP_NOT_TRUSTED', 'zh-CN')).not.toContain('{{');
  });
});

describe('signInButtonLabel', () => {
  it('is translated', () => {
    expect(signInButtonLabel('en-US')).toBe('Sign in with WeCom');
    expect(signInButtonLabel('zh-CN')).toBe((zhCN as Record<string, string>)['Sign in with WeCom'] ?? 'missing');
    expect(signInButtonLabel('ru')).toBe((ruRU as Record<string, string>)['Sign in with WeCom'] ?? 'missing');
  });
});
