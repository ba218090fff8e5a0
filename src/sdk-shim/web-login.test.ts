import { canEmbedPanel, webLoginPanelParams } from './web-login';

// As the server builds it (src/server/wecom/urls.ts buildWebLoginUrl), doc/98152.
const WEB_LOGIN =
  'https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=ww1234567890abcdef&agentid=1000002&redirect_uri=https%3A%2F%2Fnocobase.example.com%2Fapi%2Fwecom%3Aredirect&state=Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z&lang=zh';

describe('webLoginPanelParams', () => {
  it('reads the panel parameters, redirect_uri decoded', () => {
    expect(webLoginPanelParams(WEB_LOGIN)).toEqual({
      login_type: 'CorpApp',
      appid: 'ww1234567890abcdef',
      agentid: '1000002',
      redirect_uri: 'https://nocobase.example.com/api/wecom:redirect',
      state: 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
      lang: 'zh',
    });
  });

  it("reads a sandbox's or private deployment's web-login URL too", () => {
    const sandbox = WEB_LOGIN.replace('https://login.work.weixin.qq.com', 'http://127.0.0.1:8787/login');
    expect(webLoginPanelParams(sandbox)?.appid).toBe('ww1234567890abcdef');
  });

  it('is null for anything else', () => {
    for (const url of [
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww1&redirect_uri=x&response_type=code&scope=snsapi_base&state=s&agentid=1#wechat_redirect',
      'https://open.work.weixin.qq.com/wwopen/sso/qrConnect?appid=ww1&agentid=1&redirect_uri=x&state=s',
      'https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&agentid=1',
      'not a url',
      '',
    ]) {
      expect(webLoginPanelParams(url)).toBeNull();
    }
  });
});

describe('canEmbedPanel', () => {
  it("only for WeCom's own login origin, which @wecom/jssdk hard-codes", () => {
    expect(canEmbedPanel(WEB_LOGIN)).toBe(true);
    expect(canEmbedPanel(WEB_LOGIN.replace('https://login.work.weixin.qq.com', 'http://127.0.0.1:8787'))).toBe(false);
    expect(canEmbedPanel(WEB_LOGIN.replace('login.work.weixin.qq.com', 'wecom.corp.example'))).toBe(false);
    expect(canEmbedPanel(WEB_LOGIN.replace('https://', 'http://'))).toBe(false);
    expect(canEmbedPanel('https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww1')).toBe(false);
  });
});
