import type { Reply } from '../extension/protocol';
import type { LoginPanelSdk } from '../sdk-shim';

/** The content-script world's global through which `panel-sdk.ts` hands over WeCom's panel. */
export const PANEL_SDK_GLOBAL = '__wecomExtensionPanelSdk';

export type PanelSdkGlobal = typeof globalThis & { [PANEL_SDK_GLOBAL]?: LoginPanelSdk };

export type SendToWorker = (message: { type: 'content:loadPanel' }) => Promise<Reply<{ injected: true }> | undefined>;

/**
 * The `loadSdk` of the core's `mountLoginPanelWith`: asks the service worker to inject `panel-sdk.ts` once, then
 * reads what it left. A failure rejects, and the core then goes to WeCom's page instead (its fallback), so a panel
 * that cannot load still signs in. A failed load is forgotten, so that the next click tries again.
 */
export function panelSdkLoader(send: SendToWorker, world: PanelSdkGlobal = globalThis): () => Promise<LoginPanelSdk> {
  let loading: Promise<LoginPanelSdk> | null = null;
  const load = async (): Promise<LoginPanelSdk> => {
    const present = world[PANEL_SDK_GLOBAL];
    if (present) return present;
    const reply = await send({ type: 'content:loadPanel' });
    if (!reply?.ok) throw new Error(reply ? reply.error.message : 'the service worker did not answer');
    const sdk = world[PANEL_SDK_GLOBAL];
    if (!sdk) throw new Error('the panel code did not load');
    return sdk;
  };
  return () => {
    if (!loading) {
      loading = load();
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  };
}
