import type { BackgroundMessage, BackgroundProtocol, BackgroundType, Reply, ReplyError } from './protocol';

/** `chrome.runtime.sendMessage` to the service worker, typed by the message map. */
export type Send = <K extends BackgroundType>(
  message: BackgroundMessage<K>,
) => Promise<Reply<BackgroundProtocol[K]['response']>>;

export function chromeSend(): Send {
  return (message) => chrome.runtime.sendMessage(message);
}

/** A refused or failed message, with the service worker's translated explanation. */
export class ReplyFailure extends Error {
  constructor(readonly error: ReplyError) {
    super(error.message);
    this.name = 'ReplyFailure';
  }
}

/** The answer's value, or a `ReplyFailure`; a worker that did not answer at all counts as FAILED. */
export async function call<K extends BackgroundType>(
  send: Send,
  message: BackgroundMessage<K>,
  failed: string,
): Promise<BackgroundProtocol[K]['response']> {
  let reply: Reply<BackgroundProtocol[K]['response']> | undefined;
  try {
    reply = await send(message);
  } catch {
    reply = undefined;
  }
  if (!reply) throw new ReplyFailure({ code: 'FAILED', message: failed });
  if (!reply.ok) throw new ReplyFailure(reply.error);
  return reply.value;
}
