/** The i18n namespace of the plugin's messages, on the server and in the client. */
export const NAMESPACE = '@open-wecom/plugin-auth-wecom';

/** The auth type NocoBase registers, and the `authType` of every WeCom authenticator. */
export const AUTH_TYPE = 'wecom';
