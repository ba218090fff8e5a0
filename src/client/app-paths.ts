import { type AppPaths, appRootUrl, type NocoBaseRuntimeConfig, pagePaths, publicPathOf } from '../sdk-shim';

/**
 * The app's paths as a page of either shell knows them (APP_PUBLIC_PATH from NocoBase's runtime config), for the
 * rules the server applies with APP_PUBLIC_PATH from its environment.
 */
export function browserAppPaths(config: NocoBaseRuntimeConfig): AppPaths {
  return pagePaths(publicPathOf(appRootUrl(config), config.location.origin));
}
