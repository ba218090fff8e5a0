import { createHash } from 'node:crypto';
import { ERRCODE, type Errcode, errcodeText } from './errcodes.ts';
import type { JsapiTicketGrant, SandboxState } from './sandbox-state.ts';
import type { JsSdkSignatureInput, JsSdkVerifyResult } from './types.ts';

/** The fields a JS-SDK signature covers; `url` exactly as signed. */
export interface JsSdkSignedFields {
  ticket: string;
  nonceStr: string;
  timestamp: number;
  url: string;
}

/**
 * wecom-protocol.md §4.7: sha1 over `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`, in that order,
 * nothing URL-encoded, as lowercase hex. Computed here rather than imported, so that a misreading in
 * our server code cannot be copied into the sandbox that is meant to catch it.
 */
export function jsSdkSignature(fields: JsSdkSignedFields): string {
  const text = `jsapi_ticket=${fields.ticket}&noncestr=${fields.nonceStr}&timestamp=${fields.timestamp}&url=${fields.url}`;
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** The part of a page URL that gets signed: everything before the first `#` (§7.2). */
export function signedUrl(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

function result(errcode: 0 | Errcode): JsSdkVerifyResult {
  return errcode === 0 ? { errcode, errmsg: 'ok' } : { errcode, errmsg: errcodeText(errcode) };
}

/** Whether a ticket was issued to whom the signature claims: the current corp, or that app of it. */
function issuedTo(state: SandboxState, grant: JsapiTicketGrant, input: JsSdkSignatureInput): boolean {
  if (grant.corpId !== state.settings.corpId) return false;
  if (input.kind === 'corp') return grant.kind === 'corp';
  return grant.kind === 'agent' && grant.agentId === input.agentId;
}

/**
 * What the WeCom client answers when a page calls `wx.config` / `wx.agentConfig` with this signature:
 * - 0 when a still-valid ticket of that kind (for that corp or app) produces it;
 * - 42012 when it was made with a ticket of that kind that has expired, or when no ticket of that kind
 *   is valid at all (never issued, all expired, or an agentId with no tickets): the client must fetch a new ticket;
 * - 40093 otherwise: valid tickets exist but none of them gives this signature.
 */
export function verifyJsSdkSignature(state: SandboxState, input: JsSdkSignatureInput): JsSdkVerifyResult {
  const now = state.nowMs();
  const url = signedUrl(input.url);
  let anyValid = false;
  let madeWithExpired = false;
  for (const entry of state.jsapiTickets.entries(now)) {
    if (!issuedTo(state, entry.value, input)) continue;
    const matches =
      jsSdkSignature({ ticket: entry.key, nonceStr: input.nonceStr, timestamp: input.timestamp, url }) ===
      input.signature;
    if (entry.status === 'valid') {
      if (matches) return result(0);
      anyValid = true;
    } else if (matches) {
      madeWithExpired = true;
    }
  }
  return result(madeWithExpired || !anyValid ? ERRCODE.JSAPI_TICKET_INVALID : ERRCODE.JSAPI_SIGNATURE_INVALID);
}
