import { randomBytes } from 'node:crypto';
import type { Context } from '@nocobase/actions';
import { hashBrowserId } from './sign-in-states';

const COOKIE = 'nb_wecom_browser';
const MAX_AGE_MS = 24 * 60 * 60_000;

/**
 * A random id in an httpOnly cookie that ties each sign-in state to the browser that started it, so a state
 * (and WeCom's code) copied into another browser signs nobody in. Reused while it lives, so sign-ins in two
 * tabs do not undo each other. Returns its hash.
 */
export function ensureBrowserBinding(ctx: Context): string {
  let id = ctx.cookies.get(COOKIE);
  if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) {
    id = randomBytes(32).toString('base64url');
    ctx.cookies.set(COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: MAX_AGE_MS, overwrite: true });
  }
  return hashBrowserId(id);
}

/** The hash of this browser's binding, or null when it has none. */
export function browserBindingOf(ctx: Context): string | null {
  const id = ctx.cookies.get(COOKIE);
  return id ? hashBrowserId(id) : null;
}
