import type { Hono } from 'hono';
import { buildCallbackUrl, type OAuthRequest, validateOAuthRequest } from './authorize-request.ts';
import { currentClientIdentity } from './client-session.ts';
import { nonEmptyFields, readForm, type SandboxContext, type SandboxEnv } from './http-helpers.ts';
import { consentPage, notInWeComPage, notSignedInPage, refusalPage } from './pages-oauth.ts';
import type { ClientIdentity, SandboxState } from './sandbox-state.ts';

/** The pattern from wecom-protocol.md §6: public (`wxwork/`) and private-deployment (`wxworklocal/`) clients. */
const WECOM_CLIENT_UA = /wxwork(local)?\//i;

export function isWeComClient(userAgent: string | undefined): boolean {
  return WECOM_CLIENT_UA.test(userAgent ?? '');
}

function notMemberPage(userid: string): string {
  return refusalPage('成员不存在 / not a member', `userid "${userid}" is not a member of this corp`);
}

/**
 * In-client OAuth2 (wecom-protocol.md §2): silent for snsapi_base, a consent page for snsapi_privateinfo,
 * which a member who allowed it is not shown again for that app within `CONSENT_LIFETIME_MS`.
 */
export function registerOAuthRoutes(hono: Hono<SandboxEnv>, state: SandboxState): void {
  const redirectWithCode = (c: SandboxContext, request: OAuthRequest, identity: ClientIdentity, consented: boolean) => {
    const code = state.issueCode({
      agentId: request.agentIdGiven ? request.app.agentId : null,
      flow: 'oauth2',
      privateInfoConsented: consented,
      identity,
      redirectHost: request.redirectHost,
    });
    return c.redirect(buildCallbackUrl(request.redirectUri, { code, state: request.state }), 302);
  };

  hono.get('/connect/oauth2/authorize', (c) => {
    if (!isWeComClient(c.req.header('user-agent'))) {
      return c.html(notInWeComPage());
    }
    const params = nonEmptyFields(c.req.query());
    const request = validateOAuthRequest(params, state.settings);
    if (!request.ok) {
      return c.html(refusalPage(request.title, request.message));
    }
    const identity = currentClientIdentity(c, state.settings);
    if (!identity) {
      return c.html(notSignedInPage());
    }
    // Someone outside the corp has no private info to share: they get an openid code without consent.
    if (identity.kind === 'external' || request.scope === 'snsapi_base') {
      if (identity.kind === 'member' && !state.findMember(identity.userid)) {
        return c.html(notMemberPage(identity.userid));
      }
      return redirectWithCode(c, request, identity, false);
    }
    const member = state.findMember(identity.userid);
    if (!member) {
      return c.html(notMemberPage(identity.userid));
    }
    if (state.hasConsent({ agentId: request.app.agentId, userid: member.userid })) {
      return redirectWithCode(c, request, identity, true);
    }
    return c.html(
      consentPage({
        appName: request.app.name,
        memberName: member.name,
        fields: {
          appid: state.settings.corpId,
          redirect_uri: request.redirectUri,
          scope: request.scope,
          state: request.state,
          agentid: String(request.app.agentId),
          userid: member.userid,
        },
      }),
    );
  });

  hono.post('/connect/oauth2/authorize/consent', async (c) => {
    const form = await readForm(c);
    // The form carries the original request, so it is checked again exactly like the GET.
    const request = validateOAuthRequest({ ...form, response_type: 'code' }, state.settings);
    if (!request.ok) {
      return c.html(refusalPage(request.title, request.message), 400);
    }
    const member = state.findMember(form.userid ?? '');
    if (!member) {
      return c.html(notMemberPage(form.userid ?? ''), 400);
    }
    if (form.decision === 'deny') {
      return c.redirect(buildCallbackUrl(request.redirectUri, { state: request.state }), 302);
    }
    if (form.decision !== 'allow') {
      return c.html(refusalPage('参数错误', 'decision must be "allow" or "deny"'), 400);
    }
    // Only an allow is remembered: a member who denied is asked again next time.
    if (request.scope === 'snsapi_privateinfo') {
      state.rememberConsent({ agentId: request.app.agentId, userid: member.userid });
    }
    return redirectWithCode(
      c,
      request,
      { kind: 'member', userid: member.userid },
      request.scope === 'snsapi_privateinfo',
    );
  });
}
