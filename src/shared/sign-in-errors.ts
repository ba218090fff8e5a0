/**
 * Why a WeCom sign-in failed, as the `error` parameter of `/signin?error=CODE`. The list is part of the
 * HTTP contract (README); each message is a translation key of the plugin's namespace. Data only, shared by
 * the server and the browser clients, so neither imports the other's code.
 */
export const SIGN_IN_ERRORS = {
  STATE_INVALID: 'This sign-in has expired or was already used. Please sign in again.',
  REDIRECT_INVALID: 'The page to return to must be on this site.',
  ACCESS_DENIED: 'WeCom sign-in was cancelled.',
  CODE_INVALID: 'The WeCom sign-in code has expired or was already used. Please sign in again.',
  AUTHENTICATOR_UNAVAILABLE: 'This WeCom sign-in is not enabled. Please ask your administrator.',
  NOT_A_MEMBER: 'Your WeCom account is not a member of this organisation.',
  OUTSIDE_VISIBLE_RANGE:
    "Your WeCom account may not use this app. Please ask your administrator to add you to the app's visible range.",
  MOBILE_UNAVAILABLE:
    'WeCom did not share your phone number, so your NocoBase account cannot be found. Please allow access to your phone number and try again.',
  SIGN_IN_FROM_WECOM_FIRST:
    'Please sign in once from the app in the WeCom workbench to link your account. After that you can sign in here.',
  CONSENT_REQUIRED: 'Please allow access to your phone number in WeCom to link your account.',
  USER_NOT_FOUND: 'No NocoBase account has your phone number. Please ask your administrator to create one.',
  PHONE_AMBIGUOUS: 'More than one NocoBase account has your phone number. Please ask your administrator to fix it.',
  PHONE_BOUND_ELSEWHERE: 'The NocoBase account with your phone number is already linked to another WeCom account.',
  LINK_BY_ADMIN:
    'Your WeCom account cannot be linked to a NocoBase account by its phone number. Please ask your administrator to link it.',
  LINK_CONFIRMATION_REQUIRED: 'Please confirm with the password of your NocoBase account to link your WeCom account.',
  LINK_ATTEMPTS_EXCEEDED:
    'Too many wrong passwords. Please sign in with WeCom again, or ask your administrator to link your account.',
  MEMBER_LINKED_ELSEWHERE: 'Your WeCom account is already linked to another NocoBase account.',
  IP_NOT_TRUSTED:
    "WeCom refused this server's IP address {{ip}}. An administrator must add it to the app's trusted IPs in WeCom.",
  CONFIG_INVALID: 'WeCom sign-in is misconfigured (Corp ID, AgentId or Secret). Please ask your administrator.',
  REDIRECT_DOMAIN_UNTRUSTED:
    "WeCom returns sign-ins only to the app's trusted domain, which is not this site. An administrator must set the app's trusted domain in WeCom to Origin's host.",
  SECRET_OF_ANOTHER_CORP:
    "WeCom sign-in uses the Secret of another company's app. An administrator must enter the Secret of this company's app.",
  APP_DISABLED: "The WeCom app used for sign-in is disabled. An administrator must enable it in WeCom's admin console.",
  WECOM_UNAVAILABLE: 'WeCom could not be reached. Please try again later.',
  WECOM_RATE_LIMITED: 'WeCom is receiving too many requests from this app right now. Please try again in a minute.',
  TOO_MANY_FAILED_SIGN_INS:
    'Too many sign-ins from your network failed just now. Please wait a few minutes and try again.',
  PAGE_URL_INVALID: 'The page to sign must be on this site.',
  SIGN_IN_UNAVAILABLE: 'Sign-in is unavailable for a moment. Please try again shortly.',
  SIGN_IN_FAILED: 'Sign-in failed. Please try again or ask your administrator.',
} as const;

export type SignInErrorCode = keyof typeof SIGN_IN_ERRORS;
