import { fakeBrowser } from '@webext-core/fake-browser';
import { CONFIG_KEY } from '../background/config-store';
import { englishTranslate, fakeWorld, pageSender } from '../background/fake-deps';
import { handle } from '../background/router';
import type { Send } from '../extension/page-client';
import { createPopupStore, describeTab } from './store';

const A = 'https://a.example';

beforeEach(() => fakeBrowser.reset());

async function setup(tab: { url?: string; signedIn?: boolean; start?: unknown }) {
  await fakeBrowser.storage.sync.set({ [CONFIG_KEY]: { version: 1, origins: [{ origin: A }] } });
  const world = fakeWorld();
  world.granted.add(A);
  world.tabs.set(5, {
    url: tab.url,
    answer: (message) =>
      (message as { type: string }).type === 'content:state'
        ? { ok: true, value: { signedIn: tab.signedIn ?? false } }
        : { ok: true, value: tab.start },
  });
  const send: Send = (message) => handle(message, pageSender(), world.deps) as ReturnType<Send>;
  const store = createPopupStore({ send, activeTabId: async () => 5, translate: englishTranslate });
  return { store, world };
}

describe('popup store', () => {
  it('says a configured tab is signed out and offers the sign-in', async () => {
    const { store } = await setup({ url: `${A}/admin` });
    await store.getState().load();
    const tab = store.getState().tab;
    expect(tab?.content).toEqual({ status: 'ready', signedIn: false });
    expect(tab && describeTab(tab, englishTranslate)).toBe(`${A} is one of your NocoBase sites.`);
  });

  it('says another site is not configured', async () => {
    const { store } = await setup({ url: 'https://elsewhere.example/x' });
    await store.getState().load();
    const tab = store.getState().tab;
    expect(tab && describeTab(tab, englishTranslate)).toBe(
      'https://elsewhere.example is not one of your NocoBase sites.',
    );
    expect(tab?.canAdd).toBe(true);
  });

  it('shows why the sign-in did not start', async () => {
    const { store, world } = await setup({
      url: `${A}/`,
      start: { started: false, reason: 'REFUSED', message: 'No WeCom sign-in here.' },
    });
    await store.getState().load();
    await store.getState().startSignIn();
    expect(store.getState().signIn).toEqual({
      started: false,
      reason: 'REFUSED',
      message: 'No WeCom sign-in here.',
    });
    expect(world.sent.at(-1)).toEqual({ tabId: 5, message: { type: 'content:signIn', authenticator: '' } });
  });

  it('treats a window without a tab as no site', async () => {
    const store = createPopupStore({
      send: () => Promise.reject(new Error('unused')),
      activeTabId: async () => undefined,
      translate: englishTranslate,
    });
    await store.getState().load();
    const tab = store.getState().tab;
    expect(tab && describeTab(tab, englishTranslate)).toBe('This tab is not a website.');
  });
});
