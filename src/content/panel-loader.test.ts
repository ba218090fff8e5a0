import type { LoginPanelSdk } from '../sdk-shim';
import { PANEL_SDK_GLOBAL, type PanelSdkGlobal, panelSdkLoader, type SendToWorker } from './panel-loader';

const sdk: LoginPanelSdk = { createWWLoginPanel: vi.fn() };

/** A stand-in for the content-script world's global, which `panel-sdk.ts` fills when injected. */
function world(): PanelSdkGlobal {
  return {} as PanelSdkGlobal;
}

describe('panelSdkLoader', () => {
  it('asks the service worker to inject the panel once, then reads what it left', async () => {
    const global = world();
    const send = vi.fn<SendToWorker>(async () => {
      global[PANEL_SDK_GLOBAL] = sdk;
      return { ok: true, value: { injected: true } };
    });
    const load = panelSdkLoader(send, global);
    expect(await load()).toBe(sdk);
    expect(await load()).toBe(sdk);
    expect(send).toHaveBeenCalledExactlyOnceWith({ type: 'content:loadPanel' });
  });

  it('does not ask when the panel is there already', async () => {
    const global = world();
    global[PANEL_SDK_GLOBAL] = sdk;
    const send = vi.fn<SendToWorker>();
    expect(await panelSdkLoader(send, global)()).toBe(sdk);
    expect(send).not.toHaveBeenCalled();
  });

  it("rejects with the worker's reason, or when nothing was left, and tries again next time", async () => {
    const global = world();
    const send = vi
      .fn<SendToWorker>()
      .mockResolvedValueOnce({ ok: false, error: { code: 'FAILED', message: 'Cannot access contents of the page' } })
      .mockResolvedValueOnce({ ok: true, value: { injected: true } })
      .mockResolvedValueOnce(undefined);
    const load = panelSdkLoader(send, global);
    await expect(load()).rejects.toThrow('Cannot access contents of the page');
    await expect(load()).rejects.toThrow('the panel code did not load');
    await expect(load()).rejects.toThrow('did not answer');
    expect(send).toHaveBeenCalledTimes(3);
  });
});
