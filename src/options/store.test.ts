import { fakeBrowser } from '@webext-core/fake-browser';
import { englishTranslate, fakeWorld, pageSender } from '../background/fake-deps';
import { handle } from '../background/router';
import type { Send } from '../extension/page-client';
import { createOptionsStore } from './store';

const A = 'https://a.example';

beforeEach(() => fakeBrowser.reset());

/** The store against the real service-worker logic over fake storage, as the options page talks to it. */
function setup(grant = true) {
  const world = fakeWorld();
  const send: Send = (message) => handle(message, pageSender(true), world.deps) as ReturnType<Send>;
  const asked: string[] = [];
  const store = createOptionsStore({
    send,
    requestAccess: async (origin) => {
      asked.push(origin);
      if (grant) world.granted.add(origin);
      return grant;
    },
    translate: englishTranslate,
  });
  return { world, store, asked };
}

describe('options store', () => {
  it('adds an origin after Chrome grants access to that one origin', async () => {
    const { store, asked } = setup();
    await store.getState().load();
    expect(await store.getState().add({ origin: `${A}/`, authenticator: ' wecom ', autoStart: true })).toBe(true);
    expect(asked).toEqual([A]);
    expect(store.getState().view?.origins).toMatchObject([
      { origin: A, authenticator: 'wecom', autoStart: true, hostAccess: true },
    ]);
    expect(store.getState().notice).toEqual({ kind: 'info', text: 'Saved.', origin: A });
  });

  it('asks for nothing when the address is not an origin, and says why', async () => {
    const { store, asked } = setup();
    expect(await store.getState().add({ origin: 'http://intranet.example', authenticator: '', autoStart: false })).toBe(
      false,
    );
    expect(asked).toEqual([]);
    expect(store.getState().notice?.text).toMatch(/must start with https:\/\//);
  });

  it("adds nothing when the person declines Chrome's prompt", async () => {
    const { store } = setup(false);
    expect(await store.getState().add({ origin: A, authenticator: '', autoStart: false })).toBe(false);
    expect(store.getState().notice).toEqual({
      kind: 'error',
      text: `Access to ${A} was not allowed, so nothing changed.`,
      origin: A,
    });
    expect(store.getState().view).toBeNull();
  });

  it('updates and removes an origin', async () => {
    const { store, world } = setup();
    await store.getState().add({ origin: A, authenticator: '', autoStart: false });
    await store.getState().update(A, { autoStart: true });
    expect(store.getState().view?.origins[0]?.autoStart).toBe(true);
    await store.getState().remove(A);
    expect(store.getState().view?.origins).toEqual([]);
    expect(world.removedAccess).toEqual([[A]]);
  });

  it("shows the worker's refusal of a locked value", async () => {
    const { store } = setup();
    await fakeBrowser.storage.managed.set({ origins: [{ origin: A, autoStart: false }] });
    await store.getState().load();
    expect(await store.getState().update(A, { autoStart: true })).toBe(false);
    expect(store.getState().notice).toEqual({
      kind: 'error',
      text: `${A}: "Sign in automatically" was set by your IT department and cannot be changed here.`,
      origin: A,
    });
  });

  it("keeps each origin's test result", async () => {
    const { store } = setup();
    await store.getState().test(A);
    expect(store.getState().tests[A]).toMatchObject({
      running: false,
      result: { ok: false, problem: 'NO_HOST_ACCESS' },
    });
  });

  it('tells a worker that does not answer from a refusal', async () => {
    const store = createOptionsStore({
      send: () => Promise.reject(new Error('Could not establish connection')),
      requestAccess: async () => true,
      translate: englishTranslate,
    });
    await store.getState().load();
    expect(store.getState().notice?.text).toMatch(/Something went wrong in the extension/);
  });
});
