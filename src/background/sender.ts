import { originOfUrl } from '../extension/origin';

/** The parts of `chrome.runtime.MessageSender` that say who sent a message. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
  /** Chrome 106+: the sending document, so that an answer acts on that document and not on its successor. */
  documentId?: string;
}

export type Caller =
  /** The options page or the popup (also when the options page is open in a tab). */
  | { kind: 'page' }
  /** A content script, in the top frame of a tab, on the origin Chrome reports. */
  | { kind: 'content'; origin: string; tabId: number; documentId?: string };

/**
 * Who sent a message, from what Chrome vouches for, never from the message itself. Anything else (another
 * extension, a frame, a page without an origin) is null. Whether a content script's origin is one of the
 * configured ones is the caller's second check, as it needs the configuration.
 */
export function identifySender(sender: SenderLike, runtimeId: string): Caller | null {
  if (!runtimeId || sender.id !== runtimeId) return null;
  // `origin` is Chrome's (80+), also right for about:blank and sandboxed frames; the URL is the fallback.
  const origin = sender.origin ?? originOfUrl(sender.url) ?? extensionOrigin(sender.url);
  if (origin === `chrome-extension://${runtimeId}`) return { kind: 'page' };
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || sender.frameId !== 0 || !origin || originOfUrl(origin) !== origin) return null;
  return sender.documentId
    ? { kind: 'content', origin, tabId, documentId: sender.documentId }
    : { kind: 'content', origin, tabId };
}

function extensionOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'chrome-extension:' ? `chrome-extension://${parsed.host}` : null;
  } catch {
    return null;
  }
}
