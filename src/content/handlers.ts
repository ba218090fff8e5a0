import type { ContentMessage, ContentProtocol, ContentType, Reply } from '../extension/protocol';
import { readNocoBaseSession, type StorageLike } from '../sdk-shim';
import type { ContentHooks } from './hooks';

export interface ContentDeps {
  runtimeId: string;
  /** The page's localStorage, where NocoBase's client keeps its session; null when the page forbids storage. */
  storage: () => StorageLike | null;
  hooks: ContentHooks;
}

type ContentHandlers = {
  [K in ContentType]: (message: ContentMessage<K>, deps: ContentDeps) => Promise<ContentProtocol[K]['response']>;
};

/** The content script's messages, from the service worker only. */
export const CONTENT_HANDLERS: ContentHandlers = {
  'content:state': async (_message, deps) => ({ signedIn: readNocoBaseSession(deps.storage()) !== null }),
  'content:signIn': async (message, deps) => deps.hooks.signIn({ authenticator: message.authenticator }),
};

export interface ContentSender {
  id?: string;
  tab?: unknown;
}

function isContentMessage(message: unknown): message is ContentMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { type } = message as { type?: unknown };
  if (type === 'content:state') return true;
  return type === 'content:signIn' && typeof (message as { authenticator?: unknown }).authenticator === 'string';
}

/**
 * The message if it is one of ours from this extension's service worker, else null, decided synchronously so that
 * the listener claims an answer only for what it will answer. `sender.tab` is set when the sender is another
 * tab's content script, which never has a reason to ask.
 */
export function acceptContentMessage(
  message: unknown,
  sender: ContentSender,
  runtimeId: string,
): ContentMessage | null {
  if (!runtimeId || sender.id !== runtimeId || sender.tab !== undefined) return null;
  return isContentMessage(message) ? message : null;
}

export async function handleContentMessage(message: ContentMessage, deps: ContentDeps): Promise<Reply<unknown>> {
  try {
    const value =
      message.type === 'content:state'
        ? await CONTENT_HANDLERS['content:state'](message, deps)
        : await CONTENT_HANDLERS['content:signIn'](message, deps);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: { code: 'FAILED', message: error instanceof Error ? error.message : String(error) } };
  }
}
