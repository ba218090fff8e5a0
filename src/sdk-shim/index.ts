/**
 * The framework-free browser core of WeCom sign-in for NocoBase. Importing it touches no browser global;
 * `startSilentSignIn`, `mountLoginPanel` and the other functions act only when called.
 */

export { type AppPaths, landingPath } from '../shared/landing';
export { isWeComUserAgent } from '../shared/user-agent';
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
export { apiUrl, authorizeLink, deepLink, type PagePath, pagePaths, withoutSessionParams } from './links';
export { resolveLocale, type SupportedLocale, signInButtonLabel, signInErrorMessage } from './messages';
export {
  type LoginPanel,
  type LoginPanelOptions,
  type LoginPanelOutcome,
  type LoginPanelSdk,
  mountLoginPanel,
} from './panel';
export {
  type LandingWindow,
  NOCOBASE_AUTHENTICATOR_KEY,
  NOCOBASE_TOKEN_KEY,
  type NocoBaseSession,
  readNocoBaseSession,
  type SessionStore,
  type StorageLike,
  storageSessionStore,
  takeSessionFromUrl,
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
export { canEmbedPanel, WECOM_LOGIN_ORIGIN, type WebLoginPanelParams, webLoginPanelParams } from './web-login';
