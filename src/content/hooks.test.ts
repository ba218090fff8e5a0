import type { ContentConfig } from '../extension/protocol';
import { pageHooks } from './hooks';
import type { PageController } from './page';

const config: ContentConfig = { origin: 'https://nb.example.com', authenticator: 'wecom', autoStart: false };

function controller(): PageController {
  return { update: vi.fn(), signIn: vi.fn(async () => ({ started: true as const })) };
}

describe('pageHooks', () => {
  it('builds the page once the configuration is there, and signs in through it', async () => {
    const page = controller();
    const start = vi.fn(() => page);
    const hooks = pageHooks(start);
    await hooks.onReady(config);
    expect(start).toHaveBeenCalledExactlyOnceWith(config);
    expect(await hooks.signIn({ authenticator: 'corp-b' })).toEqual({ started: true });
    expect(page.signIn).toHaveBeenCalledExactlyOnceWith('corp-b');
  });

  it('holds a sign-in the popup asked for before the configuration came', async () => {
    const page = controller();
    const hooks = pageHooks(() => page);
    const asked = hooks.signIn({ authenticator: '' });
    await hooks.onReady(config);
    expect(await asked).toEqual({ started: true });
  });

  it('lets a held sign-in fail when the configuration cannot be read', async () => {
    const hooks = pageHooks(controller);
    const asked = hooks.signIn({ authenticator: '' });
    hooks.onConfigFailed(new Error('not configured'));
    await expect(asked).rejects.toThrow('not configured');
  });
});
