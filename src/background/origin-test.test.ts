import type { Fetch } from '../sdk-shim';
import { englishTranslate, fakeWorld } from './fake-deps';
import { testOrigin } from './origin-test';

const ORIGIN = 'https://nocobase.example.com';

const wecom = (name: string, autoLogin = false) => ({
  name,
  authType: 'wecom',
  authTypeTitle: 'WeCom',
  title: `WeCom ${name}`,
  options: { corpId: 'ww1', agentId: '1000002', autoLogin },
});
const basic = { name: 'basic', authType: 'Email/Password', title: 'Password', options: {} };

/** A site answering by path; a missing path is a 404 page, as most servers give. */
function site(routes: Record<string, () => Response>): Fetch & { urls: string[] } {
  const urls: string[] = [];
  const fetch = async (input: string, init?: RequestInit) => {
    urls.push(input);
    expect(init?.credentials).toBe('omit');
    const route = routes[new URL(input).pathname];
    return route
      ? route()
      : new Response('<h1>Not Found</h1>', { status: 404, headers: { 'content-type': 'text/html' } });
  };
  return Object.assign(fetch, { urls });
}

const json =
  (body: unknown, status = 200) =>
  () =>
    Response.json(body, { status });
const script = () => new Response('(function(){})()', { headers: { 'content-type': 'application/javascript' } });

function test(fetch: Fetch, authenticator = '', granted = true) {
  const world = fakeWorld({ fetch });
  if (granted) world.granted.add(ORIGIN);
  return testOrigin({ ...world.deps, translate: englishTranslate }, { origin: ORIGIN, authenticator });
}

describe('testOrigin', () => {
  it('finds the named WeCom authenticator', async () => {
    const fetch = site({
      '/api/authenticators:publicList': json({ data: [basic, wecom('wecom'), wecom('wecom_hq', true)] }),
      '/api/wecom:script': script,
    });
    expect(await test(fetch, 'wecom')).toEqual({
      ok: true,
      authenticator: { name: 'wecom', title: 'WeCom wecom', autoLogin: false },
      available: ['wecom', 'wecom_hq'],
      message: 'Works: sign-in will use "WeCom wecom" (wecom).',
    });
    expect(fetch.urls).toEqual([`${ORIGIN}/api/authenticators:publicList`, `${ORIGIN}/api/wecom:script`]);
  });

  it('without a name, takes the one that signs in automatically, else the first', async () => {
    const both = site({
      '/api/authenticators:publicList': json({ data: [wecom('a'), wecom('b', true)] }),
      '/api/wecom:script': script,
    });
    expect(await test(both)).toMatchObject({ ok: true, authenticator: { name: 'b' } });
    const plain = site({
      '/api/authenticators:publicList': json({ data: [wecom('a'), wecom('b')] }),
      '/api/wecom:script': script,
    });
    expect(await test(plain)).toMatchObject({ ok: true, authenticator: { name: 'a' } });
  });

  it('says when the extension has no access to the site, before asking it anything', async () => {
    const fetch = site({});
    expect(await test(fetch, '', false)).toEqual({
      ok: false,
      problem: 'NO_HOST_ACCESS',
      available: [],
      message: `The extension has no access to ${ORIGIN}. Click "Allow access" and accept Chrome's prompt.`,
    });
    expect(fetch.urls).toEqual([]);
  });

  it('says when the site does not answer', async () => {
    const down: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await test(down)).toMatchObject({
      ok: false,
      problem: 'UNREACHABLE',
      message: expect.stringContaining('did not answer'),
    });
  });

  it.each([
    ['a 404 page', site({})],
    ['an HTML page with 200', site({ '/api/authenticators:publicList': () => new Response('<html>app</html>') })],
    ['JSON of something else', site({ '/api/authenticators:publicList': json({ items: [] }) })],
    ['a login wall', site({ '/api/authenticators:publicList': json({ error: 'login' }, 401) })],
  ])('says a site is not NocoBase when it answers %s', async (_case, fetch) => {
    const result = await test(fetch);
    expect(result).toMatchObject({ ok: false, problem: 'NOT_NOCOBASE' });
    expect(result.message).toMatch(/answered \(HTTP \d+\), but not as NocoBase does/);
  });

  it('says the plugin is missing when NocoBase knows no wecom resource', async () => {
    const fetch = site({
      '/api/authenticators:publicList': json({ data: [basic] }),
      '/api/wecom:script': json({ errors: [{ message: 'Not Found' }] }, 404),
    });
    expect(await test(fetch)).toMatchObject({
      ok: false,
      problem: 'PLUGIN_MISSING',
      message: expect.stringContaining('plugin is not installed'),
    });
  });

  it('says the plugin is missing even when an old WeCom authenticator is still listed', async () => {
    const fetch = site({ '/api/authenticators:publicList': json({ data: [wecom('wecom')] }) });
    expect(await test(fetch, 'wecom')).toMatchObject({ ok: false, problem: 'PLUGIN_MISSING' });
  });

  it('says when the plugin is there but no WeCom authenticator is enabled', async () => {
    const fetch = site({ '/api/authenticators:publicList': json({ data: [basic] }), '/api/wecom:script': script });
    expect(await test(fetch)).toMatchObject({ ok: false, problem: 'NO_WECOM_AUTHENTICATOR' });
  });

  it('says when the named authenticator is disabled or misspelt, and lists the enabled ones', async () => {
    const fetch = site({
      '/api/authenticators:publicList': json({ data: [wecom('wecom'), wecom('wecom2')] }),
      '/api/wecom:script': script,
    });
    expect(await test(fetch, 'wecom_old')).toEqual({
      ok: false,
      problem: 'AUTHENTICATOR_NOT_FOUND',
      available: ['wecom', 'wecom2'],
      message:
        'No enabled WeCom authenticator is named "wecom_old": it is disabled, or the name is misspelt. Enabled: wecom, wecom2.',
    });
  });
});

describe('testOrigin timing out', () => {
  it('counts a site that never answers as unreachable', async () => {
    const hanging: Fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const world = fakeWorld({ fetch: hanging });
    world.granted.add(ORIGIN);
    const result = await testOrigin({ ...world.deps, timeoutMs: 20 }, { origin: ORIGIN, authenticator: '' });
    expect(result).toMatchObject({ ok: false, problem: 'UNREACHABLE' });
  });

  it('does not call a plugin missing on a server error', async () => {
    const fetch = site({
      '/api/authenticators:publicList': json({ data: [wecom('wecom')] }),
      '/api/wecom:script': () => new Response('bad gateway', { status: 502 }),
    });
    expect(await test(fetch, 'wecom')).toMatchObject({ ok: true });
  });
});
