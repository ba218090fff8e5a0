import { Hono } from 'hono';
import type { SandboxEnv } from './http-helpers.ts';
import { registerControlRoutes } from './routes-control.ts';
import { registerOAuthRoutes } from './routes-oauth.ts';
import { registerQyapiRoutes } from './routes-qyapi.ts';
import { registerWebLoginRoutes } from './routes-web-login.ts';
import type { SandboxState } from './sandbox-state.ts';
import { trafficMiddleware } from './traffic-middleware.ts';

/** The whole sandbox as one Hono app over one state; `server.ts` puts it on a socket. */
export function createSandboxApp(state: SandboxState): Hono<SandboxEnv> {
  const hono = new Hono<SandboxEnv>();
  hono.use('*', trafficMiddleware(state));
  registerQyapiRoutes(hono, state);
  registerOAuthRoutes(hono, state);
  registerWebLoginRoutes(hono, state);
  registerControlRoutes(hono, state);
  return hono;
}
