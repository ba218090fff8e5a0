import type { Unreachable } from './unreachable';

/**
 * The one error type of our WeCom client. `errcode` is WeCom's own code when WeCom answered with one
 * (see doc/90313); transport failures and unreadable answers carry `errcode: null` and say why in `kind`:
 * `unreachable` when no connection to the host was made (name, refusal, route, TLS), `timeout` when no answer came
 * in time, `network` when a connection broke off without an answer.
 */
export type WeComErrorKind = 'api' | 'unreachable' | 'network' | 'timeout' | 'http-status' | 'malformed-response';

export class WeComError extends Error {
  override readonly name = 'WeComError';
  readonly kind: WeComErrorKind;
  readonly errcode: number | null;
  readonly errmsg: string;
  /** The WeCom path called, e.g. `/cgi-bin/gettoken`. */
  readonly endpoint: string;
  /** The host called (`qyapi.weixin.qq.com`, with its port if any), on a failure to get an answer from it. */
  readonly host: string | null;
  /** Why the host could not be reached, for `kind: 'unreachable'`. */
  readonly unreachable: Unreachable | null;

  constructor(init: {
    kind: WeComErrorKind;
    endpoint: string;
    errcode?: number | null;
    errmsg: string;
    host?: string | null;
    unreachable?: Unreachable | null;
    cause?: unknown;
  }) {
    super(`WeCom ${init.endpoint}: ${init.errcode ?? init.kind} ${init.errmsg}`, { cause: init.cause });
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.errcode = init.errcode ?? null;
    this.errmsg = init.errmsg;
    this.host = init.host ?? null;
    this.unreachable = init.unreachable ?? null;
  }

  /** The caller IP WeCom saw, which 60020 ("not allow to access from your ip") puts in its errmsg. */
  get callerIp(): string | null {
    return /from ip: ([0-9a-fA-F.:]+)/.exec(this.errmsg)?.[1] ?? null;
  }
}

/** Named errcode groups; meanings from doc/90313. */
export const ERRCODE = {
  busy: -1,
  invalidSecret: 40001,
  invalidCorpId: 40013,
  invalidAccessToken: 40014,
  invalidCode: 40029,
  invalidAgentId: 40056,
  /** "secret不合法": in practice the Secret of another corp's app. */
  secretOfAnotherCorp: 40091,
  accessTokenExpired: 42001,
  rateLimited: 45009,
  /** Too many calls at once ("api concurrent out of limit"): a limit like 45009's. */
  concurrencyLimited: 45033,
  /** The redirect_uri's host is not the app's trusted domain (网页授权及JS-SDK 可信域名). */
  untrustedRedirectDomain: 50001,
  /** 应用已停用: the app was disabled in WeCom's admin console. */
  appDisabled: 50003,
  /** "no privilege to access/modify contact/party/agent": a member outside the visible range, or an app's privilege. */
  noPrivilege: 60011,
  untrustedIp: 60020,
  userNotFound: 60111,
  mobileNotFound: 46004,
  noAgentPermission: 301002,
} as const;

/** A token WeCom no longer accepts: fetch a new one and try once more. 40001 is a bad secret, so it is not here. */
const STALE_TOKEN_ERRCODES: readonly number[] = [ERRCODE.invalidAccessToken, ERRCODE.accessTokenExpired];

/** WeCom no longer takes the token the call was made with (40014, 42001). */
export function isStaleTokenError(error: unknown): error is WeComError {
  return error instanceof WeComError && error.errcode !== null && STALE_TOKEN_ERRCODES.includes(error.errcode);
}
