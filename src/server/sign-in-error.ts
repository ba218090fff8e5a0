import { SIGN_IN_ERRORS, type SignInErrorCode } from '../shared/sign-in-errors';
import { isMemberCall } from './wecom/api';
import { ERRCODE, type WeComError } from './wecom/errors';

export class SignInError extends Error {
  override readonly name = 'SignInError';
  readonly code: SignInErrorCode;
  readonly status: number;
  /** Values for the translated message, e.g. `{ ip }`. */
  readonly params: Record<string, string>;

  constructor(
    code: SignInErrorCode,
    options: { status?: number; params?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(SIGN_IN_ERRORS[code], { cause: options.cause });
    this.code = code;
    this.status = options.status ?? 401;
    this.params = options.params ?? {};
  }
}

/** WeCom failing us is a gateway's failure, not the user's: a JSON caller may try again later. */
const STATUS_OF: Partial<Record<SignInErrorCode, number>> = { WECOM_UNAVAILABLE: 502, WECOM_RATE_LIMITED: 503 };

/** What a user is told when WeCom itself refused or failed; the errcode goes to the log. */
export function signInErrorFromWeCom(error: WeComError): SignInError {
  const code = ((): SignInErrorCode => {
    switch (error.errcode) {
      case ERRCODE.invalidCode:
        return 'CODE_INVALID';
      case ERRCODE.noPrivilege:
        return isMemberCall(error.endpoint) ? 'OUTSIDE_VISIBLE_RANGE' : 'CONFIG_INVALID';
      case ERRCODE.rateLimited:
      case ERRCODE.concurrencyLimited:
        return 'WECOM_RATE_LIMITED';
      case ERRCODE.untrustedIp:
        return 'IP_NOT_TRUSTED';
      case ERRCODE.invalidSecret:
      case ERRCODE.invalidCorpId:
      case ERRCODE.invalidAgentId:
      case ERRCODE.noAgentPermission:
        return 'CONFIG_INVALID';
      case ERRCODE.untrustedRedirectDomain:
        return 'REDIRECT_DOMAIN_UNTRUSTED';
      case ERRCODE.secretOfAnotherCorp:
        return 'SECRET_OF_ANOTHER_CORP';
      case ERRCODE.appDisabled:
        return 'APP_DISABLED';
      default:
        return 'WECOM_UNAVAILABLE';
    }
  })();
  return new SignInError(code, {
    status: STATUS_OF[code] ?? 401,
    params: { ip: error.callerIp ?? '?' },
    cause: error,
  });
}
