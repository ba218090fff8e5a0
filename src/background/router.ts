import type { BackgroundType, Reply, ReplyError, ReplyErrorCode } from '../extension/protocol';
import { loadConfig } from './config-store';
import type { BackgroundDeps } from './deps';
import { ConfigRefusedError, configErrorKey, HANDLERS, type Handler, type Handlers } from './handlers';
import { type Caller, identifySender, type SenderLike } from './sender';

function refuse(deps: BackgroundDeps, code: ReplyErrorCode): Reply<never> {
  return { ok: false, error: { code, message: deps.translate(`error_${code}`) } };
}

function isHandledType(type: unknown, handlers: Handlers): type is BackgroundType {
  return typeof type === 'string' && Object.hasOwn(handlers, type);
}

/**
 * The one entry for every message to the service worker: who sent it (this extension's pages, or its content
 * script on a configured origin, for the messages each may send), what it asks (checked against its schema),
 * and an answer that always says whether it worked.
 */
export async function handle(
  message: unknown,
  sender: SenderLike,
  deps: BackgroundDeps,
  handlers: Handlers = HANDLERS,
): Promise<Reply<unknown>> {
  if (typeof message !== 'object' || message === null) return refuse(deps, 'UNKNOWN_MESSAGE');
  const { type, ...request } = message as { type?: unknown };
  if (!isHandledType(type, handlers)) return refuse(deps, 'UNKNOWN_MESSAGE');
  const caller = identifySender(sender, deps.runtimeId);
  // Widened once here: each entry of the map is checked against its own request and response types.
  const handler = handlers[type] as unknown as Handler<BackgroundType>;
  if (!caller || caller.kind !== handler.from) return refuse(deps, 'SENDER_REFUSED');
  const loaded = await loadConfig(deps);
  if (caller.kind === 'content' && !isConfigured(caller, loaded.effective.origins)) {
    return refuse(deps, 'SENDER_REFUSED');
  }
  const parsed = handler.request.safeParse(request);
  if (!parsed.success) return refuse(deps, 'REQUEST_INVALID');
  try {
    return { ok: true, value: await handler.handle(parsed.data, { deps, caller, loaded }) };
  } catch (error) {
    return { ok: false, error: replyError(error, deps) };
  }
}

function isConfigured(caller: Extract<Caller, { kind: 'content' }>, origins: ReadonlyArray<{ origin: string }>) {
  return origins.some((entry) => entry.origin === caller.origin);
}

function replyError(error: unknown, deps: BackgroundDeps): ReplyError {
  if (error instanceof ConfigRefusedError) {
    const { config } = error;
    const subject = config.origin ?? '';
    const detail = config.problem ? deps.translate(`problem_${problemKey(config.problem)}`) : '';
    const field = config.field ? deps.translate(`field_${config.field}`) : '';
    return {
      code: 'CONFIG_REFUSED',
      message: deps.translate(configErrorKey(config), [subject, field, detail]),
      config,
    };
  }
  console.error('wecom-sign-in: a message failed', error);
  return { code: 'FAILED', message: deps.translate('error_FAILED') };
}

const PROBLEMS = ['ORIGIN_INVALID', 'ORIGIN_INSECURE', 'ORIGIN_HAS_PATH', 'AUTHENTICATOR_INVALID'] as const;
type ProblemKey = (typeof PROBLEMS)[number] | 'ENTRY_INVALID';

/** zod's messages for our fields are these codes; anything else (a wrong type) reads as a plain invalid entry. */
function problemKey(problem: string): ProblemKey {
  return (PROBLEMS as readonly string[]).includes(problem) ? (problem as ProblemKey) : 'ENTRY_INVALID';
}
