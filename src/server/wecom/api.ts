import { sendWeComRequest, type WeComHttp } from './request';
import {
  type AccessToken,
  type Agent,
  accessTokenSchema,
  agentSchema,
  type CodeIdentity,
  codeIdentitySchema,
  type Member,
  memberSchema,
  type Ticket,
  ticketSchema,
  type UserDetail,
  userDetailSchema,
} from './schemas';

/** One function per WeCom server API call (doc numbers in `wecom-protocol.md` §1). */

/** The path of each call, which a `WeComError` names as its `endpoint`. */
const WECOM_PATHS = {
  accessToken: '/cgi-bin/gettoken',
  userInfoByCode: '/cgi-bin/auth/getuserinfo',
  userDetail: '/cgi-bin/auth/getuserdetail',
  member: '/cgi-bin/user/get',
  agent: '/cgi-bin/agent/get',
  corpJsapiTicket: '/cgi-bin/get_jsapi_ticket',
  agentJsapiTicket: '/cgi-bin/ticket/get',
} as const;

const MEMBER_PATHS: readonly string[] = [WECOM_PATHS.userInfoByCode, WECOM_PATHS.userDetail, WECOM_PATHS.member];

/**
 * Whether the call is about one member. WeCom's 60011 ("no privilege to access/modify contact/party/agent") there
 * means that member is outside the app's visible range; from any other call it is a privilege the app lacks.
 */
export function isMemberCall(endpoint: string): boolean {
  return MEMBER_PATHS.includes(endpoint);
}

/** doc/91039 */
export function fetchAccessToken(http: WeComHttp, corpId: string, secret: string): Promise<AccessToken> {
  return sendWeComRequest(
    http,
    { method: 'GET', path: WECOM_PATHS.accessToken, query: { corpid: corpId, corpsecret: secret } },
    accessTokenSchema,
  );
}

/** doc/96442, doc/98177: the same call serves in-client OAuth and web-login codes. */
export function getUserInfoByCode(http: WeComHttp, accessToken: string, code: string): Promise<CodeIdentity> {
  return sendWeComRequest(
    http,
    { method: 'GET', path: WECOM_PATHS.userInfoByCode, query: { access_token: accessToken, code } },
    codeIdentitySchema,
  );
}

/** doc/96443 */
export function getUserDetail(http: WeComHttp, accessToken: string, userTicket: string): Promise<UserDetail> {
  return sendWeComRequest(
    http,
    {
      method: 'POST',
      path: WECOM_PATHS.userDetail,
      query: { access_token: accessToken },
      body: { user_ticket: userTicket },
    },
    userDetailSchema,
  );
}

/** doc/96255 */
export function getMember(http: WeComHttp, accessToken: string, userid: string): Promise<Member> {
  return sendWeComRequest(
    http,
    { method: 'GET', path: WECOM_PATHS.member, query: { access_token: accessToken, userid } },
    memberSchema,
  );
}

/** doc/90227 */
export function getAgent(http: WeComHttp, accessToken: string, agentId: string): Promise<Agent> {
  return sendWeComRequest(
    http,
    { method: 'GET', path: WECOM_PATHS.agent, query: { access_token: accessToken, agentid: agentId } },
    agentSchema,
  );
}

/** doc/96909: the corp ticket that signs `wx.config`. */
export function getCorpJsapiTicket(http: WeComHttp, accessToken: string): Promise<Ticket> {
  return sendWeComRequest(
    http,
    { method: 'GET', path: WECOM_PATHS.corpJsapiTicket, query: { access_token: accessToken } },
    ticketSchema,
  );
}

/** doc/96909: the app ticket that signs `agentConfig`. */
export function getAgentJsapiTicket(http: WeComHttp, accessToken: string): Promise<Ticket> {
  return sendWeComRequest(
    http,
    { method: 'GET', path: WECOM_PATHS.agentJsapiTicket, query: { access_token: accessToken, type: 'agent_config' } },
    ticketSchema,
  );
}
