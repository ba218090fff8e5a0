import { fakeBrowser } from '@webext-core/fake-browser';
import { CONFIG_KEY } from './config-store';
import {
  CONTENT_SCRIPT_ID,
  contentScriptFor,
  planRegistration,
  serialized,
  syncContentScripts,
} from './content-scripts';
import { fakeWorld } from './fake-deps';

const A = 'https://a.example';
const B = 'http://127.0.0.1:13000';

describe('contentScriptFor', () => {
  it('matches each origin with any path, sorted, in the top frame from document start', () => {
    expect(contentScriptFor('src/content/index.js', [A, B, A])).toEqual({
      id: CONTENT_SCRIPT_ID,
      js: ['src/content/index.js'],
      matches: ['http://127.0.0.1:13000/*', 'https://a.example/*'],
      runAt: 'document_start',
      allFrames: false,
      persistAcrossSessions: true,
    });
  });

  it('is nothing for no origins', () => {
    expect(contentScriptFor('x.js', [])).toBeNull();
  });
});

describe('planRegistration', () => {
  const wanted = contentScriptFor('x.js', [A]);

  it('registers, updates, unregisters or leaves alone', () => {
    expect(planRegistration(undefined, wanted)).toEqual({ action: 'register', script: wanted });
    expect(planRegistration({ matches: ['https://a.example/*'], js: ['x.js'] }, wanted)).toEqual({ action: 'none' });
    expect(planRegistration({ matches: ['https://b.example/*'], js: ['x.js'] }, wanted)).toEqual({
      action: 'update',
      script: wanted,
    });
    expect(planRegistration({ matches: ['https://a.example/*'], js: ['old.js'] }, wanted)).toMatchObject({
      action: 'update',
    });
    expect(planRegistration({ matches: ['https://a.example/*'] }, null)).toEqual({ action: 'unregister' });
    expect(planRegistration(undefined, null)).toEqual({ action: 'none' });
  });
});

describe('syncContentScripts', () => {
  it('registers only the configured origins that have host access', async () => {
    const world = fakeWorld();
    world.granted.add(A);
    const plan = await syncContentScripts(world.deps, [A, B]);
    expect(plan.action).toBe('register');
    expect(world.registered.get(CONTENT_SCRIPT_ID)?.matches).toEqual(['https://a.example/*']);
  });

  it('follows access being granted and taken away', async () => {
    const world = fakeWorld();
    world.granted.add(A);
    await syncContentScripts(world.deps, [A, B]);
    world.granted.add(B);
    expect((await syncContentScripts(world.deps, [A, B])).action).toBe('update');
    expect(world.registered.get(CONTENT_SCRIPT_ID)?.matches).toEqual([
      'http://127.0.0.1:13000/*',
      'https://a.example/*',
    ]);
    expect((await syncContentScripts(world.deps, [A, B])).action).toBe('none');
    world.granted.clear();
    expect((await syncContentScripts(world.deps, [A, B])).action).toBe('unregister');
    expect(world.registered.size).toBe(0);
  });

  it('unregisters when the origins are removed from the configuration', async () => {
    const world = fakeWorld();
    world.granted.add(A);
    await syncContentScripts(world.deps, [A]);
    await syncContentScripts(world.deps, []);
    expect(world.registered.size).toBe(0);
  });
});

describe('serialized', () => {
  it('never runs two syncs at once, so the same id is not registered twice', async () => {
    const world = fakeWorld();
    world.granted.add(A);
    const run = serialized(() => syncContentScripts(world.deps, [A]));
    await Promise.all([run(), run(), run()]);
    expect(world.registered.size).toBe(1);
  });

  it('goes on after a failed run', async () => {
    const calls: string[] = [];
    let fail = true;
    const run = serialized(async () => {
      calls.push(fail ? 'fail' : 'ok');
      if (fail) {
        fail = false;
        throw new Error('boom');
      }
    });
    await expect(run()).rejects.toThrow('boom');
    await run();
    expect(calls).toEqual(['fail', 'ok']);
  });
});

describe('contentScriptSyncer', () => {
  beforeEach(() => fakeBrowser.reset());

  it('registers what is configured after the latest change, however many events ask at once', async () => {
    const world = fakeWorld();
    world.granted.add(A).add(B);
    await fakeBrowser.storage.sync.set({ [CONFIG_KEY]: { version: 1, origins: [{ origin: A }] } });
    const first = world.deps.syncContentScripts();
    const second = world.deps.syncContentScripts();
    await fakeBrowser.storage.sync.set({ [CONFIG_KEY]: { version: 1, origins: [{ origin: A }, { origin: B }] } });
    const third = world.deps.syncContentScripts();
    await Promise.all([first, second, third]);
    expect(world.registered.get(CONTENT_SCRIPT_ID)?.matches).toEqual([`${B}/*`, `${A}/*`]);
  });
});
