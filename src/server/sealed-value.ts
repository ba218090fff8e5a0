import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A list of fields kept by the browser (in a cookie) and sealed with a MAC, so the server stores nothing and
 * trusts only what it wrote itself. `purpose` separates the uses of one key: a value sealed for one is no good
 * for another.
 */
export function mac(key: Buffer, purpose: string, value: string): Buffer {
  return createHmac('sha256', key).update(`${purpose}\n${value}`).digest();
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `<base64url of the JSON fields>.<base64url MAC>`: cookie-safe, a few hundred bytes. */
export function seal(key: Buffer, purpose: string, fields: readonly unknown[]): string {
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${mac(key, purpose, payload).toString('base64url')}`;
}

function fieldsOf(payload: string, count: number): unknown[] | null {
  try {
    const fields: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return Array.isArray(fields) && fields.length === count ? fields : null;
  } catch {
    return null;
  }
}

/** The `count` fields of a value `seal` made for `purpose` with `key`; null for anything else. */
export function unseal(key: Buffer, purpose: string, value: string | undefined, count: number): unknown[] | null {
  const [payload, signature, ...rest] = (value ?? '').split('.');
  if (!payload || !signature || rest.length > 0) return null;
  if (!sameBytes(Buffer.from(signature, 'base64url'), mac(key, purpose, payload))) return null;
  return fieldsOf(payload, count);
}

/** The fields of a sealed value without checking its MAC: only for housekeeping, never for a decision. */
export function peekUnsealed(value: string, count: number): unknown[] | null {
  return fieldsOf(value.split('.', 1)[0] ?? '', count);
}
