import type { WeComServices } from '../services';
import { checkConfig } from './check-config';
import { confirmLink } from './confirm-link';
import { getJsSdkConfig } from './js-sdk-config';
import { linkMember } from './link-member';
import { type ScriptFiles, script } from './script';
import { authorize, getAuthUrl, redirect, type WeComAction } from './sign-in';

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
  | 'script'
  | 'scriptPanel';

/** The actions any visitor may call; `checkConfig` and `linkMember` are for those who manage authenticators. */
export const PUBLIC_ACTIONS: WeComActionName[] = [
  'getAuthUrl',
  'authorize',
  'redirect',
  'getJsSdkConfig',
  'confirmLink',
  'script',
  'scriptPanel',
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
    script: script(scripts.main),
    scriptPanel: script(scripts.panel),
  };
}
