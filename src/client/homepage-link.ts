import { type AppPaths, DEFAULT_APP_PATHS } from '../shared/landing';
import { DEFAULT_REDIRECT_PATH, SETTING_RULES } from '../shared/settings-rules';

/**
 * The link an admin pastes as the app's homepage in WeCom's workbench: the backend's authorize action, which
 * signs the employee in before any client code runs and lands on `redirectPath`. Origin and the redirect link are
 * read by the rules the server saves them by; the action is under the app's API path (`/nocobase/api/` when
 * NocoBase is served under `/nocobase/`).
 */
export function workbenchHomepageLink(
  input: { origin?: unknown; name?: unknown; redirectPath?: unknown },
  paths: AppPaths = DEFAULT_APP_PATHS,
): string | null {
  const origin = SETTING_RULES.origin(input.origin, { paths });
  if (!origin.ok) return null;
  const link = new URL(`${paths.apiBasePath}wecom:authorize`, origin.value);
  link.searchParams.set('authenticator', typeof input.name === 'string' && input.name ? input.name : 'wecom');
  const redirect = SETTING_RULES.redirectPath(input.redirectPath, { paths });
  link.searchParams.set('redirect', redirect.ok ? redirect.value : DEFAULT_REDIRECT_PATH);
  return link.href;
}
