import { type AppPaths, appPaths } from '../shared/landing';

/** The paths NocoBase's environment gives its client and server routes (set by NocoBase's CLI before start). */
export function appPathsFromEnv(env: NodeJS.ProcessEnv = process.env): AppPaths {
  return appPaths({
    publicPath: env.APP_PUBLIC_PATH,
    apiBasePath: env.API_BASE_PATH,
    pluginStaticsPath: env.PLUGIN_STATICS_PATH,
    modernPrefix: env.APP_MODERN_CLIENT_PREFIX,
  });
}
