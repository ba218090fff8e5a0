/**
 * The framework-free browser core of WeCom sign-in for NocoBase. Importing it touches no browser global;
 * `startSilentSignIn`, `mountLoginPanel` and the other functions act only when called.
 */
export {
  type Fetch,
  type FetchPublicAuthenticatorsOptions,
  fetchPublicAuthenticators,
  type GetAuthUrlOptions,
  type GetJsSdkConfigOptions,
  getAuthUrl,
  getJsSdkConfig,
  type JsSdkConfig,
  type JsSdkSignature,
} from './api';
export { autoLoginAuthenticator, findWeComAuthenticators, type WeComAuthenticator } from './authenticators';
export { readSignInError, type SignInErrorParams, toSignInErrorCode, WeComSignInError } from './errors';
export { type JsSdkRegistration, type RegisterJsSdkOptions, type RegisterSdk, registerJsSdk } from './js-sdk';
export { apiUrl, authorizeLink, deepLink, type PagePath, sameOriginPath, withoutSessionParams } from './links';
export { resolveLocale, type SupportedLocale, signInButtonLabel, signInErrorMessage } from './messages';
export {
  type LoginPanel,
  type LoginPanelOptions,
  type LoginPanelOutcome,
  type LoginPanelSdk,
  mountLoginPanel,
} from './panel';
export {
  NOCOBASE_AUTHENTICATOR_KEY,
  NOCOBASE_TOKEN_KEY,
  type NocoBaseSession,
  readNocoBaseSession,
  type SessionWindow,
  type StorageLike,
  storeNocoBaseSession,
} from './session';
export {
  decideSilentSignIn,
  LAST_ATTEMPT_KEY,
  type PageLocation,
  publicPathOf,
  publicPathPrefix,
  readLastAttempt,
  SILENT_RETRY_AFTER_MS,
  type SilentSignInAttempt,
  type SilentSignInDecision,
  type SilentSignInEnv,
  type SilentSignInInput,
  type SilentSignInStayReason,
  type SilentSignInWindow,
  signInTarget,
  startSilentSignIn,
} from './silent';
export { isWeComUserAgent } from './user-agent';
export { canEmbedPanel, WECOM_LOGIN_ORIGIN, type WebLoginPanelParams, webLoginPanelParams } from './web-login';
