import { fakeBrowser } from '@webext-core/fake-browser';
import type { ConfigView, OriginTestResult, Reply, TabState } from '../extension/protocol';
import { CONFIG_KEY } from './config-store';
import { CONTENT_SCRIPT_ID } from './content-scripts';
import { contentSender, fakeWorld, pageSender, RUNTIME_ID } from './fake-deps';
import { handle } from './router';

const A = 'https://a.example';
const B = 'https://b.example';
const C = 'https://c.example';

beforeEach(() => fakeBrowser.reset());

function value<T>(reply: Reply<unknown>): T {
  if (!reply.ok) throw new Error(`refused: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

async function storeOrigins(...origins: Array<{ origin: string; authenticator?: string; autoStart?: boolean }>) {
  await fakeBrowser.storage.sync.set({ [CONFIG_KEY]: { version: 1, origins } });
}

describe('who may send what', () => {
  it.each([
    ['another extension', { id: 'someone-else', origin: 'chrome-extension://someone-else' }],
    ['no id at all', { url: 'https://a.example/' }],
    [
      'a web page pretending in its URL',
      { id: RUNTIME_ID, url: `https://evil.example/chrome-extension://${RUNTIME_ID}/` },
    ],
    ["a content script asking for a page's message", contentSender(A)],
  ])('refuses config:get from %s', async (_case, sender) => {
    await storeOrigins({ origin: A });
    const world = fakeWorld();
    const reply = await handle({ type: 'config:get' }, sender, world.deps);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'SENDER_REFUSED',
        message: 'This request did not come from the extension on one of your NocoBase sites, so it was refused.',
      },
    });
  });

  it('accepts the options page in a tab and the popup', async () => {
    const world = fakeWorld();
    expect((await handle({ type: 'config:get' }, pageSender(true), world.deps)).ok).toBe(true);
    expect((await handle({ type: 'config:get' }, pageSender(false), world.deps)).ok).toBe(true);
  });

  it('accepts a content script only on a configured origin, in the top frame, for its own message', async () => {
    await storeOrigins({ origin: A, authenticator: 'wecom', autoStart: true });
    const world = fakeWorld();
    expect(value(await handle({ type: 'content:config' }, contentSender(A), world.deps))).toEqual({
      origin: A,
      authenticator: 'wecom',
      autoStart: true,
    });
    for (const sender of [contentSender(B), contentSender(A, 3, 2), pageSender()]) {
      const reply = await handle({ type: 'content:config' }, sender, world.deps);
      expect(reply).toMatchObject({ ok: false, error: { code: 'SENDER_REFUSED' } });
    }
  });

  it("injects the panel's code into the asking document only, for its content script only", async () => {
    await storeOrigins({ origin: A });
    const world = fakeWorld();
    world.tabs.set(3, { url: `${A}/signin` });
    expect(value(await handle({ type: 'content:loadPanel' }, contentSender(A, 3, 0, 'doc-1'), world.deps))).toEqual({
      injected: true,
    });
    expect(value(await handle({ type: 'content:loadPanel' }, contentSender(A), world.deps))).toEqual({
      injected: true,
    });
    expect(world.injected).toEqual([
      { tabId: 3, documentId: 'doc-1', file: 'src/content/panel-sdk.js' },
      { tabId: 3, documentId: undefined, file: 'src/content/panel-sdk.js' },
    ]);
    for (const sender of [contentSender(B), contentSender(A, 3, 2), pageSender()]) {
      const reply = await handle({ type: 'content:loadPanel' }, sender, world.deps);
      expect(reply).toMatchObject({ ok: false, error: { code: 'SENDER_REFUSED' } });
    }
    expect(world.injected).toHaveLength(2);
  });

  it('answers FAILED when Chrome cannot inject the panel', async () => {
    await storeOrigins({ origin: A });
    const world = fakeWorld();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await handle({ type: 'content:loadPanel' }, contentSender(A, 9), world.deps)).toMatchObject({
      ok: false,
      error: { code: 'FAILED' },
    });
  });

  it('stops accepting a content script as soon as its origin is removed', async () => {
    await storeOrigins({ origin: A });
    const world = fakeWorld();
    await storeOrigins();
    expect(await handle({ type: 'content:config' }, contentSender(A), world.deps)).toMatchObject({
      ok: false,
      error: { code: 'SENDER_REFUSED' },
    });
  });

  it('refuses unknown and malformed messages', async () => {
    const world = fakeWorld();
    for (const message of [null, 'config:get', { type: 'toString' }, { type: 'nope' }, { noType: true }]) {
      expect(await handle(message, pageSender(), world.deps)).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_MESSAGE' },
      });
    }
    for (const message of [
      { type: 'tab:state', tabId: '3' },
      { type: 'tab:state', tabId: -1 },
      { type: 'config:save', origins: 'all' },
      { type: 'origin:test' },
    ]) {
      expect(await handle(message, pageSender(), world.deps)).toMatchObject({
        ok: false,
        error: { code: 'REQUEST_INVALID' },
      });
    }
  });
});

describe('config:get', () => {
  it('gives the configuration in force with host access per origin', async () => {
    await storeOrigins({ origin: A }, { origin: B });
    await fakeBrowser.storage.managed.set({ origins: [{ origin: C, authenticator: 'it' }] });
    const world = fakeWorld();
    world.granted.add(B);
    const view = value<ConfigView>(await handle({ type: 'config:get' }, pageSender(), world.deps));
    expect(view.origins.map(({ origin, source, hostAccess }) => [origin, source, hostAccess])).toEqual([
      [C, 'policy', false],
      [A, 'user', false],
      [B, 'user', true],
    ]);
    expect(view.policy).toEqual({ applied: true, allowUserOrigins: true, invalid: [] });
  });
});

describe('config:save', () => {
  it('stores, registers the content script for origins with access, and answers the new view', async () => {
    const world = fakeWorld();
    world.granted.add(A);
    const view = value<ConfigView>(
      await handle({ type: 'config:save', origins: [{ origin: A, authenticator: 'wecom' }] }, pageSender(), world.deps),
    );
    expect(view.origins).toMatchObject([{ origin: A, authenticator: 'wecom', hostAccess: true, source: 'user' }]);
    expect(world.registered.get(CONTENT_SCRIPT_ID)?.matches).toEqual([`${A}/*`]);
    expect((await fakeBrowser.storage.sync.get(CONFIG_KEY))[CONFIG_KEY]).toEqual({
      version: 1,
      origins: [{ origin: A, authenticator: 'wecom', autoStart: false }],
    });
  });

  it('gives back the access of an origin the person removed, and unregisters its script', async () => {
    await storeOrigins({ origin: A }, { origin: B });
    const world = fakeWorld();
    world.granted.add(A).add(B);
    await handle({ type: 'config:save', origins: [{ origin: A }, { origin: B }] }, pageSender(), world.deps);
    await handle({ type: 'config:save', origins: [{ origin: B }] }, pageSender(), world.deps);
    expect(world.removedAccess).toEqual([[A]]);
    expect(world.registered.get(CONTENT_SCRIPT_ID)?.matches).toEqual([`${B}/*`]);
  });

  it('refuses a locked value with a translated message naming the origin and the setting', async () => {
    await fakeBrowser.storage.managed.set({ origins: [{ origin: A, authenticator: 'it' }] });
    const world = fakeWorld();
    const reply = await handle(
      { type: 'config:save', origins: [{ origin: A, authenticator: 'mine' }] },
      pageSender(),
      world.deps,
    );
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'CONFIG_REFUSED',
        message: `${A}: "Authenticator" was set by your IT department and cannot be changed here.`,
        config: { code: 'LOCKED_FIELD', origin: A, field: 'authenticator' },
      },
    });
    expect(await fakeBrowser.storage.sync.get(CONFIG_KEY)).toEqual({ [CONFIG_KEY]: undefined });
  });

  it("refuses removing IT's origin, and an address with a path, in plain words", async () => {
    await fakeBrowser.storage.managed.set({ origins: [{ origin: A }] });
    const world = fakeWorld();
    const removed = await handle({ type: 'config:save', origins: [] }, pageSender(), world.deps);
    expect(removed).toMatchObject({
      ok: false,
      error: { message: `${A} was added by your IT department and cannot be removed here.` },
    });
    const path = await handle(
      { type: 'config:save', origins: [{ origin: A }, { origin: `${B}/admin` }] },
      pageSender(),
      world.deps,
    );
    expect(path).toMatchObject({
      ok: false,
      error: {
        message: `${B}/admin: enter only the site, without a path: https://nocobase.example.com, not https://nocobase.example.com/admin.`,
      },
    });
  });

  it("keeps an IT build's pinned origin's access when its entry is saved without changes", async () => {
    const world = fakeWorld({ pinned: [C] });
    world.granted.add(C);
    const view = value<ConfigView>(
      await handle({ type: 'config:save', origins: [{ origin: C, autoStart: true }] }, pageSender(), world.deps),
    );
    expect(view.origins).toMatchObject([{ origin: C, source: 'build', autoStart: true, hostAccess: true }]);
    expect(world.removedAccess).toEqual([]);
  });
});

describe('origin:test', () => {
  it('tests with the configured authenticator unless the page names another', async () => {
    await storeOrigins({ origin: A, authenticator: 'wecom' });
    const seen: string[] = [];
    const world = fakeWorld({
      fetch: async (url) => {
        seen.push(url);
        return url.endsWith('publicList')
          ? Response.json({ data: [{ name: 'wecom', authType: 'wecom', title: 'WeCom', options: {} }] })
          : new Response('');
      },
    });
    world.granted.add(A);
    const configured = value<OriginTestResult>(
      await handle({ type: 'origin:test', origin: A }, pageSender(), world.deps),
    );
    expect(configured).toMatchObject({ ok: true, authenticator: { name: 'wecom' } });
    const typed = value<OriginTestResult>(
      await handle({ type: 'origin:test', origin: `${A}/`, authenticator: 'other' }, pageSender(), world.deps),
    );
    expect(typed).toMatchObject({ ok: false, problem: 'AUTHENTICATOR_NOT_FOUND' });
  });

  it('refuses what is not an origin, without fetching it', async () => {
    const world = fakeWorld();
    const reply = await handle({ type: 'origin:test', origin: 'http://intranet.example' }, pageSender(), world.deps);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_REFUSED', config: { problem: 'ORIGIN_INSECURE' } },
    });
  });
});

describe('tab:state and tab:signIn', () => {
  async function world() {
    await storeOrigins({ origin: A, authenticator: 'wecom' }, { origin: B });
    const fake = fakeWorld();
    fake.granted.add(A);
    fake.tabs.set(1, { url: `${A}/admin`, answer: () => ({ ok: true, value: { signedIn: false } }) });
    fake.tabs.set(2, { url: `${A}/admin` });
    fake.tabs.set(3, { url: 'https://elsewhere.example/' });
    fake.tabs.set(4, { url: undefined });
    fake.tabs.set(5, { url: `${B}/` });
    return fake;
  }

  it('says whether the tab is a configured origin, and whether it is signed in', async () => {
    const fake = await world();
    const state = async (tabId: number) =>
      value<TabState>(await handle({ type: 'tab:state', tabId }, pageSender(), fake.deps));
    expect(await state(1)).toMatchObject({
      origin: A,
      entry: { origin: A },
      content: { status: 'ready', signedIn: false },
    });
    expect(await state(2)).toMatchObject({ origin: A, content: { status: 'missing' } });
    expect(await state(3)).toEqual({
      origin: 'https://elsewhere.example',
      entry: null,
      content: { status: 'none' },
      canAdd: true,
    });
    expect(await state(4)).toMatchObject({ origin: null, entry: null });
    expect(await state(5)).toMatchObject({ origin: B, entry: { hostAccess: false }, content: { status: 'none' } });
    expect(fake.sent.map((sent) => sent.tabId)).toEqual([1, 2]);
  });

  it("asks the tab's content script to sign in with the origin's authenticator", async () => {
    const fake = await world();
    fake.tabs.set(1, {
      url: `${A}/admin`,
      answer: () => ({ ok: true, value: { started: false, reason: 'REFUSED', message: 'No WeCom sign-in here.' } }),
    });
    const start = await handle({ type: 'tab:signIn', tabId: 1 }, pageSender(), fake.deps);
    expect(value(start)).toEqual({ started: false, reason: 'REFUSED', message: 'No WeCom sign-in here.' });
    expect(fake.sent).toEqual([{ tabId: 1, message: { type: 'content:signIn', authenticator: 'wecom' } }]);
  });

  it('refuses to sign in on a tab that is not configured, and explains a missing content script', async () => {
    const fake = await world();
    expect(value(await handle({ type: 'tab:signIn', tabId: 3 }, pageSender(), fake.deps))).toEqual({
      started: false,
      reason: 'NOT_CONFIGURED',
      message: 'This page is not one of your NocoBase sites.',
    });
    expect(value(await handle({ type: 'tab:signIn', tabId: 2 }, pageSender(), fake.deps))).toMatchObject({
      reason: 'NO_CONTENT_SCRIPT',
    });
    expect(fake.sent.map((sent) => sent.tabId)).toEqual([2]);
  });

  it('answers a failure, not a crash, for a tab that is gone', async () => {
    const fake = await world();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await handle({ type: 'tab:state', tabId: 99 }, pageSender(), fake.deps)).toMatchObject({
      ok: false,
      error: { code: 'FAILED' },
    });
    error.mockRestore();
  });
});
