import { createHash } from 'node:crypto';

/**
 * The id Chrome gives the unpacked extension, from `manifest.json`'s `key` (the development key's public half;
 * the private half was never kept, as nothing of ours signs a CRX with it). Policies and tests name it.
 */
export const DEVELOPMENT_EXTENSION_ID = 'pcbdipgniomninickdgjeddnohijmibo';

/** Chrome's rule: the first 32 hex digits of sha256 of the DER public key, each digit 0-f written as a-p. */
export function extensionIdOfKey(base64Key: string): string {
  const digest = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...digest].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}
