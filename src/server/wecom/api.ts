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

/** doc/91039 */
export function fetchAccessToken(http: WeComHttp, corpId: string, secret: string): Promise<AccessToken> {
  return sendWeComRequest(
    http,
    { method: 'GET', path: '/cgi-bin/gettoken', query: { corpid: corpId, corpsecret: secret } },
    accessTokenSchema,
  );
}

/** doc/96442, doc/98177: the same call serves in-client OAuth and web-login codes. */
export function getUserInfoByCode(http: WeComHttp, accessToken: string, code: string): Promise<CodeIdentity> {
  return sendWeComRequest(
    http,
    { method: 'GET', path: '/cgi-bin/auth/getuserinfo', query: { access_token: accessToken, code } },
    codeIdentitySchema,
  );
}

/** doc/96443 */
export function getUserDetail(http: WeComHttp, accessToken: string, userTicket: string): Promise<UserDetail> {
  return sendWeComRequest(
    http,
    {
      method: 'POST',
      path: '/cgi-bin/auth/getuserdetail',
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
    { method: 'GET', path: '/cgi-bin/user/get', query: { access_token: accessToken, userid } },
    memberSchema,
  );
}

/** doc/90227 */
export function getAgent(http: WeComHttp, accessToken: string, agentId: string): Promise<Agent> {
  return sendWeComRequest(
    http,
    { method: 'GET', path: '/cgi-bin/agent/get', query: { access_token: accessToken, agentid: agentId } },
    agentSchema,
  );
}

/** doc/96909: the corp ticket that signs `wx.config`. */
export function getCorpJsapiTicket(http: WeComHttp, accessToken: string): Promise<Ticket> {
  return sendWeComRequest(
    http,
    { method: 'GET', path: '/cgi-bin/get_jsapi_ticket', query: { access_token: accessToken } },
    ticketSchema,
  );
}

/** doc/96909: the app ticket that signs `agentConfig`. */
export function getAgentJsapiTicket(http: WeComHttp, accessToken: string): Promise<Ticket> {
  return sendWeComRequest(
    http,
    { method: 'GET', path: '/cgi-bin/ticket/get', query: { access_token: accessToken, type: 'agent_config' } },
    ticketSchema,
  );
}
