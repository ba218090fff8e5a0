/** The i18n namespace of the plugin's messages, on the server and in the client. */
export const NAMESPACE = '@open-wecom/plugin-auth-wecom';

/** The auth type NocoBase registers, and the `authType` of every WeCom authenticator. */
export const AUTH_TYPE = 'wecom';

/** NocoBase's auth plugin, whose client takes our auth type: both shells name each plugin by its package. */
export const PLUGIN_AUTH = '@nocobase/plugin-auth';
