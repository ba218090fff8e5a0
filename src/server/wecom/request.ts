import type { z } from 'zod';
import { ERRCODE, WeComError } from './errors';
import { envelopeSchema } from './schemas';
import { unreachableReason } from './unreachable';

/** Where and how to reach WeCom's server API; the base URL is a setting so the sandbox and private deployments plug in. */
export interface WeComHttp {
  /** @default 'https://qyapi.weixin.qq.com' */
  apiBaseUrl: string;
  fetch: typeof fetch;
  /** Every call is abandoned after this long. */
  timeoutMs: number;
  /** WeCom's -1 ("system busy") is retried this many times more, with doubling delays. */
  busyRetries: number;
  busyRetryDelayMs: number;
}

export interface WeComRequest {
  method: 'GET' | 'POST';
  /** e.g. `/cgi-bin/gettoken` */
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

export function buildWeComRequest(apiBaseUrl: string, request: WeComRequest): Request {
  const url = new URL(apiBaseUrl);
  // A base URL with a path (a private deployment behind a prefix) keeps it.
  url.pathname = `${url.pathname.replace(/\/$/, '')}${request.path}`;
  for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
  return new Request(url, {
    method: request.method,
    headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The parameters that are credentials: the secret, the access token, a sign-in's code. */
const CREDENTIAL_PARAMS = ['corpsecret', 'access_token', 'code'];

/**
 * Why a call got no answer, for the log: undici says only "fetch failed" and keeps the reason (`ECONNREFUSED`, "other
 * side closed") in its causes. The request's credentials are cut out wherever a cause quotes them.
 */
function transportReason(cause: unknown, request: WeComRequest): string {
  const reasons: string[] = [];
  for (let error = cause; error instanceof Error && reasons.length < 3; error = error.cause)
    reasons.push(error.message);
  const reason = reasons.join(': ') || String(cause);
  return CREDENTIAL_PARAMS.flatMap((name) => request.query[name] ?? [])
    .filter((value) => value !== '')
    .reduce((text, value) => text.split(value).join('[redacted]'), reason);
}

/** Sends one call, checks errcode before reading any field, and parses the answer with `schema`. */
export async function sendWeComRequest<S extends z.ZodType>(
  http: WeComHttp,
  request: WeComRequest,
  schema: S,
): Promise<z.infer<S>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendOnce(http, request, schema);
    } catch (error) {
      if (!(error instanceof WeComError) || error.errcode !== ERRCODE.busy || attempt >= http.busyRetries) throw error;
      await sleep(http.busyRetryDelayMs * 2 ** attempt);
    }
  }
}

async function sendOnce<S extends z.ZodType>(http: WeComHttp, request: WeComRequest, schema: S): Promise<z.infer<S>> {
  const endpoint = request.path;
  let response: Response;
  let text: string;
  const sent = buildWeComRequest(http.apiBaseUrl, request);
  try {
    response = await http.fetch(sent, { signal: AbortSignal.timeout(http.timeoutMs) });
    text = await response.text();
  } catch (cause) {
    const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
    const unreachable = timedOut ? null : unreachableReason(cause);
    throw new WeComError({
      kind: timedOut ? 'timeout' : unreachable ? 'unreachable' : 'network',
      endpoint,
      errmsg: timedOut ? `no answer within ${http.timeoutMs} ms` : transportReason(cause, request),
      host: new URL(sent.url).host,
      unreachable,
      cause,
    });
  }
  if (!response.ok) {
    throw new WeComError({ kind: 'http-status', endpoint, errmsg: `HTTP ${response.status}` });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new WeComError({ kind: 'malformed-response', endpoint, errmsg: 'the answer is not JSON', cause });
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    throw new WeComError({ kind: 'malformed-response', endpoint, errmsg: 'the answer has no errcode' });
  }
  if (envelope.data.errcode !== 0) {
    throw new WeComError({ kind: 'api', endpoint, errcode: envelope.data.errcode, errmsg: envelope.data.errmsg });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new WeComError({ kind: 'malformed-response', endpoint, errmsg: parsed.error.message, cause: parsed.error });
  }
  return parsed.data;
}
