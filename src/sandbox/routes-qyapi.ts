import type { Hono } from 'hono';
import { callerIp, type ErrorBody, errorBody, type SandboxContext, type SandboxEnv } from './http-helpers.ts';
import {
  type ApiResult,
  type AuthenticateOptions,
  authenticate,
  getAgent,
  getAgentTicket,
  getJsapiTicket,
  getToken,
  getUser,
  getUserDetail,
  getUserInfo,
  getUseridByMobile,
} from './qyapi-logic.ts';
import type { SandboxState } from './sandbox-state.ts';
import type { SandboxApp } from './types.ts';

type OkBody<T extends object> = { errcode: 0; errmsg: 'ok' } & T;

/** WeCom answers API errors with HTTP 200 and an errcode, never with an HTTP error status. */
function toResponse<T extends object>(state: SandboxState, c: SandboxContext, result: ApiResult<T>): Response {
  const body: OkBody<T> | ErrorBody = result.ok
    ? { errcode: 0, errmsg: 'ok', ...result.body }
    : errorBody(state, c, result.errcode);
  return c.json(body);
}

/** Not JSON → undefined, which the API logic answers with an errcode. */
async function readJsonBody(c: SandboxContext): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type AuthedHandler = (c: SandboxContext, app: SandboxApp) => ApiResult<object> | Promise<ApiResult<object>>;

export function registerQyapiRoutes(hono: Hono<SandboxEnv>, state: SandboxState): void {
  const authed =
    (handler: AuthedHandler, options: AuthenticateOptions = {}) =>
    async (c: SandboxContext): Promise<Response> => {
      const auth = authenticate(state, c.req.query('access_token'), callerIp(c), options);
      if (!auth.ok) {
        return c.json(errorBody(state, c, auth.errcode));
      }
      return toResponse(state, c, await handler(c, auth.app));
    };

  hono.get('/cgi-bin/gettoken', (c) =>
    toResponse(state, c, getToken(state, c.req.query('corpid'), c.req.query('corpsecret'))),
  );
  hono.get(
    '/cgi-bin/auth/getuserinfo',
    authed((c, app) => getUserInfo(state, app, c.req.query('code'))),
  );
  hono.post(
    '/cgi-bin/auth/getuserdetail',
    authed(async (c, app) => getUserDetail(state, app, await readJsonBody(c))),
  );
  hono.get(
    '/cgi-bin/user/get',
    authed((c, app) => getUser(state, app, c.req.query('userid'))),
  );
  hono.post(
    '/cgi-bin/user/getuserid',
    authed(async (c) => getUseridByMobile(state, await readJsonBody(c))),
  );
  hono.get(
    '/cgi-bin/agent/get',
    authed((c, app) => getAgent(state, app, c.req.query('agentid')), { allowDisabledApp: true }),
  );
  hono.get(
    '/cgi-bin/get_jsapi_ticket',
    authed(() => getJsapiTicket(state)),
  );
  hono.get(
    '/cgi-bin/ticket/get',
    authed((c, app) => getAgentTicket(state, app, c.req.query('type'))),
  );
}
