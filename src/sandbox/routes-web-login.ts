import type { Hono } from 'hono';
import { buildCallbackUrl, validateWebLoginRequest, type WebLoginRequest } from './authorize-request.ts';
import { currentClientIdentity } from './client-session.ts';
import { isVisible } from './directory.ts';
import { nonEmptyFields, readForm, type SandboxContext, type SandboxEnv } from './http-helpers.ts';
import { refusalPage } from './pages-oauth.ts';
import { panelCallbackPage, panelMessage, scanPage, topRedirectPage } from './pages-web-login.ts';
import type { SandboxState } from './sandbox-state.ts';

/** Request parameters the scan form posts back. */
const CARRIED_FIELDS = ['login_type', 'appid', 'agentid', 'redirect_uri', 'state', 'lang', 'redirect_type'] as const;

/**
 * What the panel reports when the user denies. The real values are not documented
 * (wecom-protocol.md §3.3 only names `{errCode, errMsg}`); these are the sandbox's choice.
 */
export const PANEL_DENIED = { errCode: -1, errMsg: 'user denied the login' } as const;

function deliver(c: SandboxContext, request: WebLoginRequest, code: string | undefined): Response {
  if (request.redirectType === 'callback') {
    const message =
      code === undefined ? panelMessage({ kind: 'fail', ...PANEL_DENIED }) : panelMessage({ kind: 'success', code });
    return c.html(panelCallbackPage(message));
  }
  const url = buildCallbackUrl(request.redirectUri, { code, state: request.state });
  return request.redirectType === 'top' ? c.html(topRedirectPage(url)) : c.redirect(url, 302);
}

/** Desktop web login (wecom-protocol.md §3.1): a "QR code" page where the tester picks who scans. */
export function registerWebLoginRoutes(hono: Hono<SandboxEnv>, state: SandboxState): void {
  hono.get('/wwlogin/sso/login', (c) => {
    const params = nonEmptyFields(c.req.query());
    const request = validateWebLoginRequest(params, state.settings);
    if (!request.ok) {
      return c.html(refusalPage(request.title, request.message));
    }
    const identity = currentClientIdentity(c, state.settings);
    const carried = Object.fromEntries(
      CARRIED_FIELDS.flatMap((name) => (params[name] === undefined ? [] : [[name, params[name]]])),
    );
    return c.html(
      scanPage({
        appName: request.app.name,
        members: state.members,
        clientUserid: identity?.kind === 'member' ? identity.userid : undefined,
        fields: carried,
      }),
    );
  });

  hono.post('/wwlogin/sso/login/scan', async (c) => {
    const form = await readForm(c);
    const request = validateWebLoginRequest(form, state.settings);
    if (!request.ok) {
      return c.html(refusalPage(request.title, request.message), 400);
    }
    if (form.decision === 'deny') {
      return deliver(c, request, undefined);
    }
    const member = state.findMember(form.userid ?? '');
    if (!member) {
      return c.html(refusalPage('成员不存在 / not a member', `userid "${form.userid ?? ''}" is not a member`), 400);
    }
    // The app's visible range decides who may sign in to it at all.
    if (!isVisible(member)) {
      return c.html(
        refusalPage('你没有此应用的使用权限', `${member.userid} is outside the visible range of ${request.app.name}`),
      );
    }
    const code = state.issueCode({
      agentId: request.app.agentId,
      flow: 'web-login',
      privateInfoConsented: false,
      identity: { kind: 'member', userid: member.userid },
      redirectHost: request.redirectHost,
    });
    return deliver(c, request, code);
  });
}
