import type { RegisterOptions } from '@wecom/jssdk';
import type { Fetch } from './api';
import { registerJsSdk } from './js-sdk';

const sdk = vi.hoisted(() => ({ registered: [] as RegisterOptions[] }));
vi.mock('@wecom/jssdk', () => ({ register: (options: RegisterOptions) => sdk.registered.push(options) }));

const PAGE = 'https://nocobase.example.com/m/orders?id=7';
const signed = (url: string, tag: string) => ({
  corpId: 'ww1234567890abcdef',
  agentId: '1000002',
  config: { timestamp: 1_764_000_000, nonceStr: `corp-${tag}`, signature: `corp-signature-of-${url}` },
  agentConfig: { timestamp: 1_764_000_000, nonceStr: `agent-${tag}`, signature: `agent-signature-of-${url}` },
});

function signingFetch(): { fetch: Fetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: async (input, init) => {
      expect(input).toBe('https://nocobase.example.com/api/wecom:getJsSdkConfig');
      expect(init?.headers).toMatchObject({ 'X-Authenticator': 'wecom' });
      const { url } = JSON.parse(String(init?.body)) as { url: string };
      urls.push(url);
      return Response.json({ data: signed(url, String(urls.length)) });
    },
  };
}

describe('registerJsSdk', () => {
  beforeEach(() => {
    sdk.registered.length = 0;
  });

  it('registers the corp and app with signatures from the plugin, fetching each URL once', async () => {
    const { fetch, urls } = signingFetch();
    const registration = await registerJsSdk({
      baseUrl: 'https://nocobase.example.com',
      authenticator: 'wecom',
      jsApiList: ['getContext', 'selectEnterpriseContact'],
      fetch,
      url: `${PAGE}#details`,
    });
    expect(registration).toEqual({ corpId: 'ww1234567890abcdef', agentId: '1000002' });
    const [options] = sdk.registered;
    expect(options).toMatchObject({
      corpId: 'ww1234567890abcdef',
      agentId: '1000002',
      jsApiList: ['getContext', 'selectEnterpriseContact'],
    });
    // The SDK asks for both signatures of the URL it signs; one answer holds both.
    expect(await options?.getConfigSignature?.(PAGE)).toEqual(signed(PAGE, '1').config);
    expect(await options?.getAgentConfigSignature?.(PAGE)).toEqual(signed(PAGE, '1').agentConfig);
    expect(urls).toEqual([PAGE]);
    // After a route change the SDK signs the new URL: one more request.
    const next = 'https://nocobase.example.com/m/orders?id=8';
    expect(await options?.getAgentConfigSignature?.(next)).toEqual(signed(next, '2').agentConfig);
    expect(await options?.getConfigSignature?.(`${next}#x`)).toEqual(signed(next, '2').config);
    expect(urls).toEqual([PAGE, next]);
  });

  it('forgets a failed fetch, so the next ask retries', async () => {
    let fail = true;
    const urls: string[] = [];
    const fetch: Fetch = async (_, init) => {
      const { url } = JSON.parse(String(init?.body)) as { url: string };
      urls.push(url);
      if (fail)
        return Response.json(
          { errors: [{ message: 'WeCom could not be reached.', code: 'WECOM_UNAVAILABLE' }] },
          { status: 502 },
        );
      return Response.json({ data: signed(url, 'ok') });
    };
    await expect(
      registerJsSdk({
        baseUrl: 'https://nocobase.example.com',
        authenticator: 'wecom',
        jsApiList: [],
        fetch,
        url: PAGE,
      }),
    ).rejects.toMatchObject({ code: 'WECOM_UNAVAILABLE' });
    expect(sdk.registered).toHaveLength(0);
    fail = false;
    await registerJsSdk({
      baseUrl: 'https://nocobase.example.com',
      authenticator: 'wecom',
      jsApiList: [],
      fetch,
      url: PAGE,
    });
    expect(urls).toEqual([PAGE, PAGE]);
    expect(sdk.registered).toHaveLength(1);
  });

  it("registers the page's own ww when given", async () => {
    const own = { register: vi.fn() };
    const { fetch } = signingFetch();
    await registerJsSdk({
      baseUrl: 'https://nocobase.example.com',
      authenticator: 'wecom',
      jsApiList: ['getContext'],
      fetch,
      url: PAGE,
      loadSdk: async () => own,
    });
    expect(own.register).toHaveBeenCalledOnce();
    expect(sdk.registered).toHaveLength(0);
  });
});
