import zhCN from '../locale/zh-CN.json';
import { signInButtonText } from './sign-in-label';

const LABEL = 'Sign in with WeCom';

describe('signInButtonText', () => {
  it.each([undefined, null, '', '   '])('is the translated label for no title (%j)', (title) => {
    expect(signInButtonText(title, LABEL)).toBe(LABEL);
  });

  it.each(['WeCom', ' wecom ', 'WECOM', zhCN.WeCom])(
    "is the translated label for the auth type's own title %j",
    (title) => {
      expect(signInButtonText(title, LABEL)).toBe(LABEL);
    },
  );

  it.each([
    ['WeCom (Shanghai)', 'WeCom (Shanghai)'],
    ['企业微信登录', '企业微信登录'],
    ['  Staff sign-in ', 'Staff sign-in'],
  ])("is the admin's own title %j as written", (title, shown) => {
    expect(signInButtonText(title, LABEL)).toBe(shown);
  });
});
