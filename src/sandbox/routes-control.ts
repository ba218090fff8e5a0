import type { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { z } from 'zod';
import { readSessionCookie, SANDBOX_SESSION_COOKIE } from './client-session.ts';
import { CONTROL_PATHS } from './control-paths.ts';
import {
  consentsQuerySchema,
  describeZodError,
  faultSchema,
  jsSdkSignatureSchema,
  membersBodySchema,
  sessionQuerySchema,
  settingsPatchSchema,
} from './control-schemas.ts';
import type { SandboxContext, SandboxEnv } from './http-helpers.ts';
import { verifyJsSdkSignature } from './jsapi-signature.ts';
import { homePage, sessionPage } from './pages-sandbox.ts';
import type { SandboxState } from './sandbox-state.ts';

type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

function badRequest(c: SandboxContext, message: string): Response {
  return c.json({ error: message }, 400);
}

async function parseJsonBody<T>(c: SandboxContext, schema: z.ZodType<T>): Promise<Parsed<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: badRequest(c, 'body is not JSON') };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, response: badRequest(c, describeZodError(parsed.error)) };
}

/** The control API under /__sandbox/ plus the landing page; none of it is counted as WeCom traffic. */
export function registerControlRoutes(hono: Hono<SandboxEnv>, state: SandboxState): void {
  hono.get('/', (c) =>
    c.html(
      homePage({
        baseUrl: new URL(c.req.url).origin,
        settings: state.settings,
        members: state.members,
        clientUser: readSessionCookie(c),
      }),
    ),
  );

  hono.post(CONTROL_PATHS.reset, (c) => {
    state.reset();
    return c.json({ ok: true });
  });

  hono.get(CONTROL_PATHS.members, (c) => c.json({ members: state.members }));
  hono.put(CONTROL_PATHS.members, async (c) => {
    const body = await parseJsonBody(c, membersBodySchema);
    if (!body.ok) return body.response;
    state.seed(body.data.members);
    return c.json({ ok: true, count: body.data.members.length });
  });

  hono.get(CONTROL_PATHS.settings, (c) => c.json(state.settings));
  hono.patch(CONTROL_PATHS.settings, async (c) => {
    const body = await parseJsonBody(c, settingsPatchSchema);
    if (!body.ok) return body.response;
    const result = state.configure(body.data);
    return result.ok ? c.json(result.settings) : badRequest(c, result.message);
  });

  hono.get(CONTROL_PATHS.faults, (c) => c.json({ faults: state.faults.list() }));
  hono.post(CONTROL_PATHS.faults, async (c) => {
    const body = await parseJsonBody(c, faultSchema);
    if (!body.ok) return body.response;
    state.faults.add(body.data);
    return c.json({ ok: true });
  });
  hono.delete(CONTROL_PATHS.faults, (c) => {
    state.faults.clear();
    return c.json({ ok: true });
  });

  hono.get(CONTROL_PATHS.calls, (c) => c.json(state.calls.snapshot()));
  hono.delete(CONTROL_PATHS.calls, (c) => {
    state.calls.clear();
    return c.json({ ok: true });
  });

  hono.post(CONTROL_PATHS.revokeTokens, (c) => {
    state.revokeTokens();
    return c.json({ ok: true });
  });

  hono.delete(CONTROL_PATHS.consents, (c) => {
    const query = consentsQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      return badRequest(c, describeZodError(query.error));
    }
    state.forgetConsents(query.data.userid);
    return c.json({ ok: true });
  });

  // A bad signature is a normal answer (200 with errcode 40093/42012); only a malformed request is a 400.
  hono.post(CONTROL_PATHS.jsapiVerify, async (c) => {
    const body = await parseJsonBody(c, jsSdkSignatureSchema);
    if (!body.ok) return body.response;
    return c.json(verifyJsSdkSignature(state, body.data));
  });

  hono.get(CONTROL_PATHS.session, (c) => {
    const query = sessionQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      return badRequest(c, describeZodError(query.error));
    }
    const { userid, next } = query.data;
    if (userid === '') {
      setCookie(c, SANDBOX_SESSION_COOKIE, '', { path: '/', maxAge: 0 });
    } else {
      if (!userid.startsWith('openid:') && !state.findMember(userid)) {
        return badRequest(c, `userid "${userid}" is not a member; use openid:<X> for a non-member`);
      }
      setCookie(c, SANDBOX_SESSION_COOKIE, userid, { path: '/', sameSite: 'Lax', httpOnly: true });
    }
    return next ? c.redirect(next, 302) : c.html(sessionPage(userid));
  });
}
