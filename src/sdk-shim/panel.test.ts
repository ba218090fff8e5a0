// @vitest-environment jsdom
import type { WWLoginOptions } from '@wecom/jssdk';
import { mountLoginPanel } from './panel';

const sdk = vi.hoisted(() => ({
  created: [] as WWLoginOptions[],
  unmounted: 0,
}));
vi.mock('@wecom/jssdk', () => {
  return {
    createWWLoginPanel: (options: WWLoginOptions) => {
      sdk.created.push(options);
      return { el: document.createElement('iframe'), unmount: () => (sdk.unmounted += 1) };
    },
  };
});

const WEB_LOGIN =
  'https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=ww1234567890abcdef&agentid=1000002&redirect_uri=https%3A%2F%2Fnocobase.example.com%2Fapi%2Fwecom%3Aredirect&state=Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z&lang=zh';

describe('mountLoginPanel', () => {
  beforeEach(() => {
    sdk.created.length = 0;
    sdk.unmounted = 0;
  });

  it("embeds WeCom's panel with the URL's parameters, redirecting the whole page to our callback", async () => {
    const el = document.createElement('div');
    const onFallback = vi.fn();
    const onLoginFail = vi.fn();
    const panel = mountLoginPanel({ el, url: WEB_LOGIN, onFallback, onLoginFail });
    expect(await panel.ready).toBe('embedded');
    expect(sdk.created).toHaveLength(1);
    expect(sdk.created[0]).toEqual({
      el,
      params: {
        login_type: 'CorpApp',
        appid: 'ww1234567890abcdef',
        agentid: '1000002',
        redirect_uri: 'https://nocobase.example.com/api/wecom:redirect',
        state: 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
        lang: 'zh',
        redirect_type: 'top',
        panel_size: 'middle',
      },
      onLoginFail,
      onCheckWeComLogin: undefined,
    });
    expect(onFallback).not.toHaveBeenCalled();
    panel.unmount();
    expect(sdk.unmounted).toBe(1);
  });

  it('leaves out parameters the URL lacks, which WeCom would refuse as empty', async () => {
    const url = WEB_LOGIN.replace('&agentid=1000002', '').replace('&lang=zh', '');
    await mountLoginPanel({ el: document.createElement('div'), url, onFallback: vi.fn(), panelSize: 'small' }).ready;
    expect(sdk.created[0]?.params).not.toHaveProperty('agentid');
    expect(sdk.created[0]?.params).not.toHaveProperty('lang');
    expect(sdk.created[0]?.params.panel_size).toBe('small');
  });

  it('falls back to the redirect for a sandbox or private deployment, without loading the SDK', async () => {
    // A spy on the loader itself: the mocked module is cached, so counting its factory runs would prove nothing.
    const loadSdk = vi.fn(() => import('@wecom/jssdk'));
    const onFallback = vi.fn();
    const url = WEB_LOGIN.replace('https://login.work.weixin.qq.com', 'http://127.0.0.1:8787');
    const panel = mountLoginPanel({ el: document.createElement('div'), url, onFallback, loadSdk });
    expect(await panel.ready).toBe('fallback');
    expect(onFallback).toHaveBeenCalledOnce();
    expect(sdk.created).toHaveLength(0);
    expect(loadSdk).not.toHaveBeenCalled();
    // The same call for WeCom's own login host does load it: the assertion above can fail.
    const embedded = mountLoginPanel({ el: document.createElement('div'), url: WEB_LOGIN, onFallback, loadSdk });
    expect(await embedded.ready).toBe('embedded');
    expect(loadSdk).toHaveBeenCalledOnce();
    panel.unmount();
    embedded.unmount();
  });

  it('falls back when the SDK cannot load', async () => {
    const onFallback = vi.fn();
    const panel = mountLoginPanel({
      el: document.createElement('div'),
      url: WEB_LOGIN,
      onFallback,
      loadSdk: () => Promise.reject(new Error('chunk failed')),
    });
    expect(await panel.ready).toBe('fallback');
    expect(onFallback).toHaveBeenCalledOnce();
  });

  it('goes to the URL itself when the panel cannot load and the caller gave no fallback', async () => {
    const assign = vi.fn<(url: string) => void>();
    // Only the element's window is read on this path; jsdom's own location cannot be spied on.
    const el = { ownerDocument: { defaultView: { location: { assign } } } } as unknown as HTMLElement;
    const panel = mountLoginPanel({ el, url: WEB_LOGIN, loadSdk: () => Promise.reject(new Error('chunk failed')) });
    expect(await panel.ready).toBe('fallback');
    expect(assign).toHaveBeenCalledExactlyOnceWith(WEB_LOGIN);
  });

  it('creates nothing when unmounted before the SDK arrived', async () => {
    const onFallback = vi.fn();
    const panel = mountLoginPanel({ el: document.createElement('div'), url: WEB_LOGIN, onFallback });
    panel.unmount();
    expect(await panel.ready).toBe('unmounted');
    expect(sdk.created).toHaveLength(0);
    expect(onFallback).not.toHaveBeenCalled();
  });
});
