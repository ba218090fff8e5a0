import { z } from 'zod';
import { externalUserid, findMemberByMobile, isVisible, userDetailBody, userGetBody } from './directory.ts';
import { ERRCODE, type Errcode } from './errcodes.ts';
import {
  JSAPI_TICKET_LIFETIME_SECONDS,
  type JsapiTicketGrant,
  type SandboxState,
  USER_TICKET_LIFETIME_SECONDS,
} from './sandbox-state.ts';
import type { SandboxApp } from './types.ts';

/**
 * The server APIs of qyapi.weixin.qq.com (wecom-protocol.md §4) as plain functions over the state.
 * Each returns the fields of a successful body or the errcode WeCom would answer with.
 */
export type ApiResult<T extends object> = { ok: true; body: T } | { ok: false; errcode: Errcode };

function fail(errcode: Errcode): { ok: false; errcode: Errcode } {
  return { ok: false, errcode };
}

function succeed<T extends object>(body: T): { ok: true; body: T } {
  return { ok: true, body };
}

export function getToken(
  state: SandboxState,
  corpid: string | undefined,
  corpsecret: string | undefined,
): ApiResult<{ access_token: string; expires_in: number }> {
  const { settings } = state;
  if (!corpid) return fail(ERRCODE.CORPID_MISSING);
  if (corpid !== settings.corpId) return fail(ERRCODE.INVALID_CORPID);
  if (!corpsecret) return fail(ERRCODE.SECRET_MISSING);
  const app = settings.apps.find((candidate) => candidate.secret === corpsecret);
  if (!app) return fail(ERRCODE.INVALID_CREDENTIAL);
  if (app.disabled) return fail(ERRCODE.APP_DISABLED);
  const now = state.nowMs();
  if (!state.gettokenLimiter.tryAdmit(String(app.agentId), now, settings.gettokenRateLimit)) {
    return fail(ERRCODE.API_FREQ_OUT_OF_LIMIT);
  }
  // Older WeCom docs: fetching again while a token is valid returns the same token.
  const current = state.tokens.findValid((grant) => grant.agentId === app.agentId, now);
  if (current) {
    return succeed({ access_token: current.key, expires_in: state.tokens.remainingSeconds(current.key, now) });
  }
  const token = state.random(48);
  state.tokens.set(token, { agentId: app.agentId }, now + settings.tokenLifetimeSeconds * 1000, now);
  return succeed({ access_token: token, expires_in: settings.tokenLifetimeSeconds });
}

export interface AuthenticateOptions {
  /**
   * Sandbox choice: agent/get still answers for a disabled app, with `close: 1`, since that field exists to
   * report it; every other endpoint answers 50003.
   */
  allowDisabledApp?: boolean;
}

/** The checks every access_token endpoint makes before doing its own work. */
export function authenticate(
  state: SandboxState,
  accessToken: string | undefined,
  callerIp: string,
  options: AuthenticateOptions = {},
): { ok: true; app: SandboxApp } | { ok: false; errcode: Errcode } {
  if (!accessToken) return fail(ERRCODE.ACCESS_TOKEN_MISSING);
  const lookup = state.tokens.get(accessToken, state.nowMs());
  if (lookup.status === 'missing') return fail(ERRCODE.INVALID_ACCESS_TOKEN);
  if (lookup.status === 'expired') return fail(ERRCODE.ACCESS_TOKEN_EXPIRED);
  const app = state.findApp(lookup.value.agentId);
  // The app was removed by `configure` after the token was issued.
  if (!app) return fail(ERRCODE.INVALID_ACCESS_TOKEN);
  if (app.trustedIps !== null && !app.trustedIps.includes(callerIp)) return fail(ERRCODE.IP_NOT_ALLOWED);
  // A token issued before the app was disabled stays unrevoked: it works again once the app is enabled.
  if (app.disabled && !options.allowDisabledApp) return fail(ERRCODE.APP_DISABLED);
  return { ok: true, app };
}

export type UserInfoBody =
  | { userid: string; user_ticket?: string; expires_in?: number }
  | { openid: string; external_userid: string };

export function getUserInfo(state: SandboxState, app: SandboxApp, code: string | undefined): ApiResult<UserInfoBody> {
  if (!code) return fail(ERRCODE.CODE_MISSING);
  const now = state.nowMs();
  const lookup = state.codes.get(code, now);
  // Single use: whatever the outcome, the code is gone (the cause of complaint #5, back button/refresh).
  state.codes.delete(code);
  if (lookup.status !== 'valid') return fail(ERRCODE.INVALID_CODE);
  const grant = lookup.value;
  // Sandbox choice: a code bound to one app is not accepted with another app's token.
  if (grant.agentId !== null && grant.agentId !== app.agentId) return fail(ERRCODE.INVALID_CODE);
  // doc/90313 on 50001: the domain of the URL the code was issued for must be the trusted domain of the app
  // whose token consumes it, port included; an admin may have changed it since the authorize page.
  if (grant.redirectHost !== app.trustedDomain) return fail(ERRCODE.REDIRECT_DOMAIN_NOT_TRUSTED);
  if (grant.identity.kind === 'external') {
    const { openid } = grant.identity;
    return succeed({ openid, external_userid: externalUserid(state.settings.corpId, openid) });
  }
  const member = state.findMember(grant.identity.userid);
  if (!member) return fail(ERRCODE.INVALID_CODE);
  if (grant.flow !== 'oauth2' || !grant.privateInfoConsented || !isVisible(member)) {
    return succeed({ userid: member.userid });
  }
  const ticket = state.random(48);
  state.userTickets.set(
    ticket,
    { agentId: app.agentId, userid: member.userid },
    now + USER_TICKET_LIFETIME_SECONDS * 1000,
    now,
  );
  return succeed({ userid: member.userid, user_ticket: ticket, expires_in: USER_TICKET_LIFETIME_SECONDS });
}

// WeCom ignores unknown keys in request bodies, hence loose objects.
const userTicketBodySchema = z.looseObject({ user_ticket: z.string().min(1) });
const mobileBodySchema = z.looseObject({ mobile: z.string().min(1) });

/** `body` is the parsed JSON request body, or undefined when it was not JSON. */
export function getUserDetail(
  state: SandboxState,
  app: SandboxApp,
  body: unknown,
): ApiResult<ReturnType<typeof userDetailBody>> {
  if (body === undefined) return fail(ERRCODE.INVALID_PARAMETER);
  const parsed = userTicketBodySchema.safeParse(body);
  if (!parsed.success) return fail(ERRCODE.USER_TICKET_INVALID);
  const lookup = state.userTickets.get(parsed.data.user_ticket, state.nowMs());
  if (lookup.status === 'missing') return fail(ERRCODE.USER_TICKET_INVALID);
  if (lookup.status === 'expired') return fail(ERRCODE.USER_TICKET_EXPIRED);
  if (lookup.value.agentId !== app.agentId) return fail(ERRCODE.USER_TICKET_INVALID);
  const member = state.findMember(lookup.value.userid);
  if (!member) return fail(ERRCODE.USER_TICKET_INVALID);
  return succeed(userDetailBody(member));
}

export function getUser(
  state: SandboxState,
  app: SandboxApp,
  userid: string | undefined,
): ApiResult<ReturnType<typeof userGetBody>> {
  if (!userid) return fail(ERRCODE.USERID_MISSING);
  const member = state.findMember(userid);
  if (!member) return fail(ERRCODE.USERID_NOT_FOUND);
  if (!isVisible(member)) return fail(ERRCODE.NO_PRIVILEGE);
  return succeed(userGetBody(member, app, state.settings.corpId));
}

export function getUseridByMobile(state: SandboxState, body: unknown): ApiResult<{ userid: string }> {
  const parsed = mobileBodySchema.safeParse(body);
  if (!parsed.success) return fail(ERRCODE.INVALID_PARAMETER);
  const member = findMemberByMobile(state.members, parsed.data.mobile);
  if (!member) return fail(ERRCODE.USER_NOT_FOUND);
  // Sandbox choice: doc/96267 requires view permission on the member; like user/get, 60011 without it.
  if (!isVisible(member)) return fail(ERRCODE.NO_PRIVILEGE);
  return succeed({ userid: member.userid });
}

export interface AgentBody {
  agentid: number;
  name: string;
  square_logo_url: string;
  description: string;
  allow_userinfos: { user: { userid: string }[] };
  allow_partys: { partyid: number[] };
  allow_tags: { tagid: number[] };
  close: number;
  redirect_domain: string;
  report_location_flag: number;
  isreportenter: number;
  home_url: string;
}

export function getAgent(state: SandboxState, app: SandboxApp, agentid: string | undefined): ApiResult<AgentBody> {
  if (!agentid) return fail(ERRCODE.AGENTID_MISSING);
  const wanted = Number(agentid);
  const target = Number.isInteger(wanted) ? state.findApp(wanted) : undefined;
  if (!target) return fail(ERRCODE.INVALID_AGENTID);
  if (target.agentId !== app.agentId) return fail(ERRCODE.NO_PERMISSION_FOR_AGENT);
  return succeed({
    agentid: app.agentId,
    name: app.name,
    square_logo_url: `https://p.qlogo.cn/bizmail/sandbox-${app.agentId}/0`,
    description: `${app.name} (WeCom sandbox)`,
    allow_userinfos: { user: state.members.filter(isVisible).map((member) => ({ userid: member.userid })) },
    allow_partys: { partyid: [] },
    allow_tags: { tagid: [] },
    close: app.disabled ? 1 : 0,
    redirect_domain: app.trustedDomain,
    report_location_flag: 0,
    isreportenter: 0,
    home_url: app.homeUrl ?? '',
  });
}

type TicketBody = { ticket: string; expires_in: number };

/** doc/96909: 400 corp tickets per hour per corp. */
const CORP_TICKET_LIMIT = { max: 400, windowSeconds: 3600 };
/** doc/96909: 100 app tickets per hour per app. */
const AGENT_TICKET_LIMIT = { max: 100, windowSeconds: 3600 };

/** A fresh ticket, remembered for its lifetime so that signatures made with it can be checked. */
function issueTicket(state: SandboxState, grant: JsapiTicketGrant): TicketBody {
  const ticket = state.random(64);
  const now = state.nowMs();
  state.jsapiTickets.set(ticket, grant, now + JSAPI_TICKET_LIFETIME_SECONDS * 1000, now);
  return { ticket, expires_in: JSAPI_TICKET_LIFETIME_SECONDS };
}

export function getJsapiTicket(state: SandboxState): ApiResult<TicketBody> {
  if (!state.jsapiTicketLimiter.tryAdmit('corp', state.nowMs(), CORP_TICKET_LIMIT)) {
    return fail(ERRCODE.API_FREQ_OUT_OF_LIMIT);
  }
  return succeed(issueTicket(state, { kind: 'corp', corpId: state.settings.corpId }));
}

export function getAgentTicket(state: SandboxState, app: SandboxApp, type: string | undefined): ApiResult<TicketBody> {
  if (type !== 'agent_config') return fail(ERRCODE.INVALID_PARAMETER);
  if (!state.jsapiTicketLimiter.tryAdmit(`agent:${app.agentId}`, state.nowMs(), AGENT_TICKET_LIMIT)) {
    return fail(ERRCODE.API_FREQ_OUT_OF_LIMIT);
  }
  return succeed(issueTicket(state, { kind: 'agent', corpId: state.settings.corpId, agentId: app.agentId }));
}
