import { SchemaComponent } from '@nocobase/client';
import type { ReactElement } from 'react';
import { CheckConfiguration } from './CheckConfiguration';
import { HomepageLink } from './HomepageLink';
import { useWeComTranslation } from './locale';
import { SelfSignUpWarning } from './SelfSignUpWarning';

type Translate = (key: string) => string;

const text = (title: string, description?: string, extra: Record<string, unknown> = {}) => ({
  type: 'string',
  title,
  description,
  'x-decorator': 'FormItem',
  'x-component': 'Input',
  ...extra,
});

/** Rendered by NocoBase inside the authenticator's `options`: `corpId` here is saved as `options.corpId`. */
function settingsSchema(t: Translate): Record<string, unknown> {
  const inConsole = t("In WeCom's admin console: Apps → your self-built app.");
  return {
    type: 'object',
    properties: {
      corpId: text(t('Corp ID'), t("In WeCom's admin console: My company → Company information."), { required: true }),
      agentId: text(t('AgentId'), inConsole, { required: true }),
      // Sent by the server instead of the secret; a field, so the secret's placeholder can depend on it.
      secretSaved: { type: 'boolean', 'x-display': 'hidden' },
      secret: text(t('Secret'), inConsole, {
        'x-component': 'Password',
        // The server sends the secret back empty; saving it empty keeps the stored one.
        'x-reactions': {
          dependencies: ['.secretSaved'],
          fulfill: {
            schema: {
              'x-component-props.placeholder': `{{$deps[0] ? ${JSON.stringify(t('Saved. Leave empty to keep it.'))} : ""}}`,
            },
          },
        },
      }),
      origin: text(
        t('Origin'),
        t(
          "NocoBase's public address, e.g. https://nocobase.example.com. Its host must be the app's trusted domain in WeCom.",
        ),
        { required: true },
      ),
      redirectPath: text(
        t('Workbench redirect link'),
        t('Where a sign-in lands when no page was asked for, e.g. /admin, or /m for the mobile pages.'),
        { default: '/admin' },
      ),
      autoLogin: {
        type: 'boolean',
        'x-decorator': 'FormItem',
        'x-component': 'Checkbox',
        'x-content': t('Sign in automatically in the WeCom client'),
        description: t('Only one WeCom authenticator may turn this on.'),
      },
      autoSignup: {
        type: 'boolean',
        'x-decorator': 'FormItem',
        'x-component': 'Checkbox',
        'x-content': t('Create a user when the phone number matches nobody'),
      },
      linkByPhone: {
        type: 'string',
        title: t('Link existing users by phone'),
        'x-decorator': 'FormItem',
        'x-component': 'Select',
        default: 'auto',
        enum: [
          { label: t('Automatically'), value: 'auto' },
          { label: t('After confirming with the password'), value: 'confirm' },
          { label: t('Never (administrators link)'), value: 'never' },
        ],
        description: t(
          "Automatically: a member is linked to the user whose phone is their WeCom mobile, without a question. NocoBase does not verify phone numbers and users can edit their own, so whoever types a colleague's number gets that colleague's WeCom sign-in. After confirming with the password: the member enters that account's password once. Never: an administrator links each member.",
        ),
      },
      selfSignUpWarning: { type: 'void', 'x-component': 'WeComSelfSignUpWarning' },
      privilegedRoles: {
        type: 'array',
        title: t('Privileged roles'),
        'x-decorator': 'FormItem',
        'x-component': 'Select',
        'x-component-props': { mode: 'tags', tokenSeparators: [',', ' '] },
        default: ['root', 'admin'],
        description: t(
          'Users with any of these roles are linked by phone only after confirming with their password, or by an administrator. root always is.',
        ),
      },
      homepageLink: { type: 'void', 'x-component': 'WeComHomepageLink' },
      checkConfiguration: { type: 'void', 'x-component': 'WeComCheckConfiguration' },
      advanced: {
        type: 'void',
        title: t('WeCom addresses (advanced)'),
        'x-decorator': 'FormItem',
        properties: {
          apiBaseUrl: text(t('API base URL'), undefined, {
            'x-component-props': { placeholder: 'https://qyapi.weixin.qq.com' },
          }),
          oauthBaseUrl: text(t('OAuth base URL'), undefined, {
            'x-component-props': { placeholder: 'https://open.weixin.qq.com' },
          }),
          loginBaseUrl: text(t('Web login base URL'), undefined, {
            'x-component-props': { placeholder: 'https://login.work.weixin.qq.com' },
          }),
          timeoutMs: {
            type: 'number',
            title: t('Timeout of each WeCom call (ms)'),
            'x-decorator': 'FormItem',
            'x-component': 'InputNumber',
            'x-component-props': { placeholder: '8000', min: 100, max: 60000 },
          },
        },
      },
    },
  };
}

export function AdminSettingsForm(): ReactElement {
  const { t } = useWeComTranslation();
  return (
    <SchemaComponent
      schema={settingsSchema(t)}
      components={{
        WeComHomepageLink: HomepageLink,
        WeComCheckConfiguration: CheckConfiguration,
        WeComSelfSignUpWarning: SelfSignUpWarning,
      }}
    />
  );
}
