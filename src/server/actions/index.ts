import type { WeComServices } from '../services';
import { checkConfig } from './check-config';
import { confirmLink } from './confirm-link';
import { getJsSdkConfig } from './js-sdk-config';
import { linkMember } from './link-member';
import { listLinks } from './list-links';
import { type ScriptFiles, script } from './script';
import { searchUsers } from './search-users';
import { authorize, getAuthUrl, redirect, type WeComAction } from './sign-in';
import { unlinkMember } from './unlink-member';

export type { ScriptFiles } from './script';
export type { WeComAction } from './sign-in';

export type WeComActionName =
  | 'getAuthUrl'
  | 'authorize'
  | 'redirect'
  | 'getJsSdkConfig'
  | 'checkConfig'
  | 'confirmLink'
  | 'linkMember'
  | 'listLinks'
  | 'searchUsers'
  | 'unlinkMember'
  | 'script'
  | 'scriptPanel';

/** The actions any visitor may call; the others (`ADMIN_ACTIONS`) are for those who manage authenticators. */
export const PUBLIC_ACTIONS: WeComActionName[] = [
  'getAuthUrl',
  'authorize',
  'redirect',
  'getJsSdkConfig',
  'confirmLink',
  'script',
  'scriptPanel',
];

/**
 * The actions for those who may manage authenticators: checking a configuration, and the linked members, with the
 * user search that linking one needs (`users:list` is not theirs to call).
 */
export const ADMIN_ACTIONS: WeComActionName[] = [
  'checkConfig',
  'linkMember',
  'listLinks',
  'searchUsers',
  'unlinkMember',
];

/** The `wecom` resource's actions, bound to the plugin's services. */
export function createWeComActions(
  services: WeComServices,
  scripts: ScriptFiles,
): Record<WeComActionName, WeComAction> {
  return {
    getAuthUrl: getAuthUrl(services),
    authorize: authorize(services),
    redirect: redirect(services),
    getJsSdkConfig: getJsSdkConfig(services),
    checkConfig: checkConfig(services),
    confirmLink: confirmLink(services),
    linkMember: linkMember(services),
    listLinks: listLinks(services),
    searchUsers: searchUsers(services),
    unlinkMember: unlinkMember(services),
    script: script(scripts.main),
    scriptPanel: script(scripts.panel),
  };
}
