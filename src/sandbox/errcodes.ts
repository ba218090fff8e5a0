/**
 * WeCom errcodes the sandbox answers with, and the English text that starts their errmsg.
 * Meanings follow doc/90313 (see docs `wecom-protocol.md` §5); codes marked "sandbox choice" are
 * not in that table and are explained in `docs/sandbox.md`.
 */
export const ERRCODE = {
  BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_CORPID: 40013,
  INVALID_ACCESS_TOKEN: 40014,
  INVALID_CODE: 40029,
  INVALID_AGENTID: 40056,
  /** Sandbox choice: malformed body or an unsupported parameter value. */
  INVALID_PARAMETER: 40058,
  ACCESS_TOKEN_MISSING: 41001,
  /** Sandbox choice, from WeCom's "缺少corpid参数". */
  CORPID_MISSING: 41002,
  /** Sandbox choice, from WeCom's "缺少secret参数". */
  SECRET_MISSING: 41004,
  /** Sandbox choice, from WeCom's "缺少auth code参数". */
  CODE_MISSING: 41008,
  /** Sandbox choice, from WeCom's "缺少userid参数". */
  USERID_MISSING: 41009,
  /** Sandbox choice, from WeCom's "缺少agentid参数". */
  AGENTID_MISSING: 41011,
  ACCESS_TOKEN_EXPIRED: 42001,
  /** A JS-SDK signature that no valid ticket produces (checked by the client at config/agentConfig). */
  JSAPI_SIGNATURE_INVALID: 40093,
  /** A JS-SDK signature made with an expired ticket, or no valid ticket of that kind exists. */
  JSAPI_TICKET_INVALID: 42012,
  API_FREQ_OUT_OF_LIMIT: 45009,
  USER_NOT_FOUND: 46004,
  /** A code exchanged by an app whose trusted domain is not the host the code was issued for (doc/90313). */
  REDIRECT_DOMAIN_NOT_TRUSTED: 50001,
  /** The app is disabled (停用) in the admin console (doc/90313). */
  APP_DISABLED: 50003,
  /** Sandbox choice, from WeCom's "成员票据过期". */
  USER_TICKET_EXPIRED: 84014,
  /** Sandbox choice, from WeCom's "成员票据无效". */
  USER_TICKET_INVALID: 84015,
  NO_PRIVILEGE: 60011,
  IP_NOT_ALLOWED: 60020,
  USERID_NOT_FOUND: 60111,
  NO_PERMISSION_FOR_AGENT: 301002,
} as const;

export type Errcode = (typeof ERRCODE)[keyof typeof ERRCODE];

const ERRMSG_TEXT: Record<Errcode, string> = {
  [ERRCODE.BUSY]: 'system busy',
  [ERRCODE.INVALID_CREDENTIAL]: 'invalid credential',
  [ERRCODE.INVALID_CORPID]: 'invalid corpid',
  [ERRCODE.INVALID_ACCESS_TOKEN]: 'invalid access_token',
  [ERRCODE.INVALID_CODE]: 'invalid code',
  [ERRCODE.INVALID_AGENTID]: 'invalid agentid',
  [ERRCODE.INVALID_PARAMETER]: 'invalid parameter',
  [ERRCODE.ACCESS_TOKEN_MISSING]: 'access_token missing',
  [ERRCODE.CORPID_MISSING]: 'corpid missing',
  [ERRCODE.SECRET_MISSING]: 'corpsecret missing',
  [ERRCODE.CODE_MISSING]: 'code missing',
  [ERRCODE.USERID_MISSING]: 'userid missing',
  [ERRCODE.AGENTID_MISSING]: 'agentid missing',
  [ERRCODE.ACCESS_TOKEN_EXPIRED]: 'access_token expired',
  [ERRCODE.JSAPI_SIGNATURE_INVALID]: 'invalid signature',
  [ERRCODE.JSAPI_TICKET_INVALID]: 'jsapi_ticket invalid',
  [ERRCODE.API_FREQ_OUT_OF_LIMIT]: 'api freq out of limit',
  [ERRCODE.USER_NOT_FOUND]: 'user not found',
  // Sandbox choice for both texts: English renderings of doc/90313's "redirect_url未登记可信域名" and "应用已禁用";
  // WeCom's own English errmsg for them is unconfirmed.
  [ERRCODE.REDIRECT_DOMAIN_NOT_TRUSTED]: 'redirect_url not registered as trusted domain',
  [ERRCODE.APP_DISABLED]: 'app is disabled',
  [ERRCODE.USER_TICKET_EXPIRED]: 'user_ticket expired',
  [ERRCODE.USER_TICKET_INVALID]: 'invalid user_ticket',
  [ERRCODE.NO_PRIVILEGE]: 'no privilege to access/modify contact/party/agent',
  [ERRCODE.IP_NOT_ALLOWED]: 'not allow to access from your ip',
  [ERRCODE.USERID_NOT_FOUND]: 'userid not found',
  [ERRCODE.NO_PERMISSION_FOR_AGENT]: 'no permission to operate this agent',
};

/** Text for a known errcode; faults may inject codes the sandbox does not know. */
export function errcodeText(errcode: number): string {
  const texts: Partial<Record<number, string>> = ERRMSG_TEXT;
  return texts[errcode] ?? 'sandbox injected error';
}

export interface ErrmsgContext {
  /** Unix seconds on the sandbox clock. */
  nowSeconds: number;
  /** Per-server sequence number, the middle part of the hint. */
  sequence: number;
  /** Random hex, the last part of the hint. */
  randomHex: string;
  callerIp: string;
}

/**
 * Builds an errmsg in WeCom's shape, e.g.
 * `invalid code, hint: [1607658081_80_…], from ip: 47.93.204.58, more info at …?e=40029`,
 * because clients log it and people paste it into WeCom's error lookup.
 */
export function formatErrmsg(errcode: number, text: string, ctx: ErrmsgContext): string {
  const hint = `${ctx.nowSeconds}_${ctx.sequence}_${ctx.randomHex}`;
  return `${text}, hint: [${hint}], from ip: ${ctx.callerIp}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
}

/** Socket addresses of IPv4 callers on a dual-stack server look like `::ffff:127.0.0.1`. */
export function normaliseIp(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}
