/**
 * The framework-free browser core of WeCom sign-in for NocoBase. Importing it touches no browser global;
 * `startSilentSignIn`, `startSignIn`, `mountLoginPanel` and the other functions act only when called. Each
 * browser-side decision is one function here: which authenticator (`chooseAuthenticator`), where to land
 * (`signInTarget`, `signInRedirect`), embedded panel or redirect (`startSignIn`, `mountLoginPanel`'s fallback),
 * whose callback error it is (`ownSignInError`), whether to sign in silently (`decideSilentSignIn`), where NocoBase's
 * root is (`appRootUrl`), where it keeps its session (`nocobaseSessionPlace`). `startPageSignIn` is what the
 * plugin's client starts on every NocoBase page, in both shells.
 */

export { type AppPaths, landingPath } from '../shared/landing';
export { isSignInErrorCode } from '../shared/sign-in-error-code';
export type { SignInErrorCode } from '../shared/sign-in-errors';
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
export { appRootUrl, type NocoBaseRuntimeConfig } from './app-root';
export {
  autoLoginAuthenticator,
  type ChooseAuthenticatorOptions,
  chooseAuthenticator,
  findWeComAuthenticators,
  type WeComAuthenticator,
} from './authenticators';
export {
  describeSignInFailure,
  type OwnSignInError,
  ownSignInError,
  readSignInError,
  type SignInErrorParams,
  WeComSignInError,
} from './errors';
export { type JsSdkRegistration, type RegisterJsSdkOptions, type RegisterSdk, registerJsSdk } from './js-sdk';
export {
  apiUrl,
  authorizeLink,
  deepLink,
  type PageLocation,
  type PagePath,
  pagePaths,
  withoutSessionParams,
} from './links';
export { resolveLocale, type SupportedLocale, signInButtonLabel, signInErrorMessage } from './messages';
export { LEAVING_HOLD_MS, type NocoBasePageWindow, type PageSignIn, startPageSignIn } from './page-sign-in';
export {
  type LoginPanel,
  type LoginPanelOptions,
  type LoginPanelOutcome,
  type LoginPanelSdk,
  mountLoginPanel,
  mountLoginPanelWith,
} from './panel';
export {
  type LandingWindow,
  NOCOBASE_AUTHENTICATOR_KEY,
  NOCOBASE_TOKEN_KEY,
  type NocoBaseSession,
  type NocoBaseSessionPlace,
  type NocoBaseStorageConfig,
  nocobaseSessionPlace,
  readNocoBaseSession,
  type SessionKeys,
  type SessionStore,
  type StorageLike,
  storageSessionStore,
  takeSessionFromUrl,
} from './session';
export {
  appPathname,
  isOnPageOrigin,
  isSignInPage,
  publicPathOf,
  publicPathPrefix,
  signInPagePublicPath,
  signInRedirect,
  signInTarget,
} from './sign-in-target';
export {
  decideSilentSignIn,
  LAST_ATTEMPT_KEY,
  readLastAttempt,
  SILENT_RETRY_AFTER_MS,
  type SilentSignInAttempt,
  type SilentSignInDecision,
  type SilentSignInEnv,
  type SilentSignInInput,
  type SilentSignInStayReason,
  type SilentSignInWindow,
  startSilentSignIn,
} from './silent';
export { type SignInStart, type StartSignInOptions, startSignIn } from './start-sign-in';
export { canEmbedPanel, WECOM_LOGIN_ORIGIN, type WebLoginPanelParams, webLoginPanelParams } from './web-login';
