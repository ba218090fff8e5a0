import type { EffectiveConfig } from '../extension/config';
import type { Translate } from '../extension/i18n';
import { originOfUrl } from '../extension/origin';
import type {
  ConfigView,
  ContentMessage,
  ContentProtocol,
  ContentType,
  OriginStatus,
  SignInStart,
  TabState,
} from '../extension/protocol';
import type { HostAccess, TabsApi } from './deps';

/** The configuration with host access per origin, as the options page and the popup show it. */
export async function configView(effective: EffectiveConfig, hostAccess: HostAccess): Promise<ConfigView> {
  const granted = await hostAccess.granted(effective.origins.map((entry) => entry.origin));
  return {
    ...effective,
    origins: effective.origins.map((entry) => ({ ...entry, hostAccess: granted.has(entry.origin) })),
  };
}

/** Asks the tab's content script; undefined when none answers (not injected yet) or it answers nonsense. */
async function askContent<K extends ContentType>(
  tabs: TabsApi,
  tabId: number,
  message: ContentMessage<K>,
  isResponse: (value: unknown) => value is ContentProtocol[K]['response'],
): Promise<ContentProtocol[K]['response'] | undefined> {
  let reply: unknown;
  try {
    reply = await tabs.send(tabId, message);
  } catch {
    return undefined;
  }
  if (typeof reply !== 'object' || reply === null || !('ok' in reply) || reply.ok !== true || !('value' in reply)) {
    return undefined;
  }
  return isResponse(reply.value) ? reply.value : undefined;
}

function isStateResponse(value: unknown): value is ContentProtocol['content:state']['response'] {
  return typeof value === 'object' && value !== null && typeof (value as { signedIn?: unknown }).signedIn === 'boolean';
}

function isSignInStart(value: unknown): value is SignInStart {
  if (typeof value !== 'object' || value === null) return false;
  const start = value as { started?: unknown; reason?: unknown; message?: unknown };
  return start.started === true || (start.started === false && typeof start.reason === 'string');
}

async function entryOfTab(tabs: TabsApi, view: ConfigView, tabId: number) {
  const origin = originOfUrl(await tabs.url(tabId));
  const entry: OriginStatus | null = view.origins.find((candidate) => candidate.origin === origin) ?? null;
  return { origin, entry };
}

/** What the popup shows for a tab: whether it is a configured NocoBase origin and whether it is signed in. */
export async function tabState(tabs: TabsApi, view: ConfigView, tabId: number): Promise<TabState> {
  const { origin, entry } = await entryOfTab(tabs, view, tabId);
  const canAdd = view.policy.allowUserOrigins;
  if (!entry?.hostAccess) return { origin, entry, content: { status: 'none' }, canAdd };
  const state = await askContent(tabs, tabId, { type: 'content:state' }, isStateResponse);
  return {
    origin,
    entry,
    content: state ? { status: 'ready', signedIn: state.signedIn } : { status: 'missing' },
    canAdd,
  };
}

/** The popup's "Sign in with WeCom": the tab's content script starts it, with its origin's authenticator. */
export async function startTabSignIn(
  tabs: TabsApi,
  translate: Translate,
  view: ConfigView,
  tabId: number,
): Promise<SignInStart> {
  const { entry } = await entryOfTab(tabs, view, tabId);
  if (!entry?.hostAccess) {
    return { started: false, reason: 'NOT_CONFIGURED', message: translate('signin_NOT_CONFIGURED') };
  }
  const message: ContentMessage<'content:signIn'> = { type: 'content:signIn', authenticator: entry.authenticator };
  const start = await askContent(tabs, tabId, message, isSignInStart);
  return start ?? { started: false, reason: 'NO_CONTENT_SCRIPT', message: translate('signin_NO_CONTENT_SCRIPT') };
}
