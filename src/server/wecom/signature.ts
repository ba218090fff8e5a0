import { createHash, randomBytes } from 'node:crypto';

export interface JsSdkSignature {
  timestamp: number;
  nonceStr: string;
  signature: string;
}

/**
 * doc/90506: sha1 over the fields in this order; `url` is the page URL without its `#` part and not encoded.
 */
export function signJsSdkUrl(ticket: string, nonceStr: string, timestamp: number, url: string): string {
  const pageUrl = url.split('#')[0] ?? url;
  return createHash('sha1')
    .update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${pageUrl}`)
    .digest('hex');
}

export function createJsSdkSignature(ticket: string, url: string, nowMs: number): JsSdkSignature {
  const nonceStr = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  const timestamp = Math.floor(nowMs / 1000);
  return { timestamp, nonceStr, signature: signJsSdkUrl(ticket, nonceStr, timestamp, url) };
}
