import { fakeBrowser } from '@webext-core/fake-browser';
import type { SignInStart } from '../extension/protocol';
import { acceptContentMessage, type ContentDeps, handleContentMessage } from './handlers';
import type { ContentHooks } from './hooks';

const RUNTIME_ID = fakeBrowser.runtime.id;

function memoryStorage(items: Record<string, string> = {}) {
  const data = new Map(Object.entries(items));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

const started: SignInStart = { started: true };
const signIn = vi.fn<ContentHooks['signIn']>(async () => started);

function deps(storage: ContentDeps['storage']): ContentDeps {
  return { runtimeId: RUNTIME_ID, storage, hooks: { onReady() {}, signIn } };
}

describe('acceptContentMessage', () => {
  it("takes our messages from this extension's service worker", () => {
    expect(acceptContentMessage({ type: 'content:state' }, { id: RUNTIME_ID }, RUNTIME_ID)).toEqual({
      type: 'content:state',
    });
    const signIn = { type: 'content:signIn', authenticator: 'wecom' };
    expect(acceptContentMessage(signIn, { id: RUNTIME_ID }, RUNTIME_ID)).toEqual(signIn);
  });

  it.each([
    ['another extension', { type: 'content:state' }, { id: 'other' }],
    ["another tab's content script", { type: 'content:state' }, { id: RUNTIME_ID, tab: { id: 2 } }],
    ['an unknown message', { type: 'config:get' }, { id: RUNTIME_ID }],
    ['a sign-in without an authenticator', { type: 'content:signIn' }, { id: RUNTIME_ID }],
    ['not an object', 'content:state', { id: RUNTIME_ID }],
  ])('ignores %s', (_case, message, sender) => {
    expect(acceptContentMessage(message, sender, RUNTIME_ID)).toBeNull();
  });
});

describe('handleContentMessage', () => {
  it("reads NocoBase's session from the page's storage", async () => {
    const signedIn = memoryStorage({ NOCOBASE_TOKEN: 'jwt', NOCOBASE_AUTH: 'wecom' });
    expect(
      await handleContentMessage(
        { type: 'content:state' },
        deps(() => signedIn),
      ),
    ).toEqual({
      ok: true,
      value: { signedIn: true },
    });
    expect(
      await handleContentMessage(
        { type: 'content:state' },
        deps(() => memoryStorage()),
      ),
    ).toEqual({
      ok: true,
      value: { signedIn: false },
    });
    expect(
      await handleContentMessage(
        { type: 'content:state' },
        deps(() => null),
      ),
    ).toEqual({
      ok: true,
      value: { signedIn: false },
    });
  });

  it("hands a sign-in to the page's hook, with the authenticator the service worker names", async () => {
    expect(
      await handleContentMessage(
        { type: 'content:signIn', authenticator: 'wecom' },
        deps(() => null),
      ),
    ).toEqual({ ok: true, value: started });
    expect(signIn).toHaveBeenCalledExactlyOnceWith({ authenticator: 'wecom' });
  });

  it('answers a failing hook with its message', async () => {
    const failing: ContentDeps = {
      ...deps(() => null),
      hooks: { onReady() {}, signIn: () => Promise.reject(new Error('boom')) },
    };
    expect(await handleContentMessage({ type: 'content:signIn', authenticator: '' }, failing)).toEqual({
      ok: false,
      error: { code: 'FAILED', message: 'boom' },
    });
  });
});
