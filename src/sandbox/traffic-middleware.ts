import { setTimeout as sleep } from 'node:timers/promises';
import type { MiddlewareHandler } from 'hono';
import { errcodeText } from './errcodes.ts';
import { errorBody, type SandboxEnv } from './http-helpers.ts';
import type { SandboxState } from './sandbox-state.ts';

/** Paths of WeCom's own hosts (qyapi, open.weixin, login.work); everything else is the sandbox's. */
export function isWeComPath(path: string): boolean {
  return path.startsWith('/cgi-bin/') || path.startsWith('/connect/') || path.startsWith('/wwlogin/');
}

/** Cut off mid-token, the way a dropped connection or a broken proxy leaves a body. */
const MALFORMED_BODY = '{"errcode":0,"errmsg":"ok","access_to';

/** Counts every WeCom call, then applies the endpoint's next pending fault, if any. */
export function trafficMiddleware(state: SandboxState): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if (!isWeComPath(path)) {
      return next();
    }
    state.calls.record(path);
    const fault = state.faults.take(path);
    if (!fault) {
      return next();
    }
    if (fault.delayMs) {
      await sleep(fault.delayMs);
    }
    if (fault.drop) {
      c.env.incoming.socket.destroy();
      // Never sent: the socket is gone, and the client sees the connection close with no status line.
      return new Response(null, { status: 204 });
    }
    const status = fault.status ?? 200;
    if (fault.malformed) {
      return new Response(MALFORMED_BODY, { status, headers: { 'content-type': 'application/json' } });
    }
    if (fault.errcode !== undefined) {
      return new Response(
        JSON.stringify(errorBody(state, c, fault.errcode, fault.errmsg ?? errcodeText(fault.errcode))),
        {
          status,
          headers: { 'content-type': 'application/json; charset=UTF-8' },
        },
      );
    }
    if (fault.status !== undefined) {
      // A gateway error page rather than a WeCom body: what a client sees when WeCom's edge fails.
      return new Response(`<html><body><h1>${status}</h1></body></html>`, {
        status,
        headers: { 'content-type': 'text/html' },
      });
    }
    return next();
  };
}
