import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Context } from '@nocobase/actions';
import type { WeComAction } from './sign-in';

/** Where the built script bundle lives: `dist/sdk` beside `dist/server`. */
export interface ScriptFiles {
  main: string;
  panel: string;
}

async function serveScript(ctx: Context, file: string): Promise<void> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    ctx.throw(404, `${basename(file)} is not built`);
  }
  // NocoBase wraps action bodies in `{ data }` unless told otherwise.
  ctx.withoutDataWrapping = true;
  ctx.type = 'application/javascript; charset=utf-8';
  // Short, so a plugin update reaches pages within minutes; the ETag makes revalidation cheap.
  ctx.set('Cache-Control', 'public, max-age=300');
  ctx.set('ETag', `"${createHash('sha1').update(source).digest('base64url')}"`);
  // Koa judges freshness only of a 2xx answer.
  ctx.status = 200;
  if (ctx.fresh) ctx.status = 304;
  else ctx.body = source;
}

/** GET: the script-tag bundle (`main`), or the embedded login panel's part, loaded by the script on desktop only. */
export function script(file: string): WeComAction {
  return async (ctx, next) => {
    await serveScript(ctx, file);
    await next();
  };
}
