import {
  DEFAULT_PRIVILEGED_ROLES,
  DEFAULT_REDIRECT_PATH,
  type SettingKey,
  type SettingsContext,
  settingIssue,
  TIMEOUT_MS,
  WECOM_API_BASE_URL,
  WECOM_LOGIN_BASE_URL,
  WECOM_OAUTH_BASE_URL,
} from '../shared/settings-rules';

/**
 * The admin form of a `wecom` authenticator, described once: both shells render it from here (the classic one as a
 * Formily schema, the `/v/` one as antd `Form.Item`s), so they show the same settings in the same order with the
 * same help, and check them by the rules the server saves them by. Every text is a translation key.
 */

export type FieldControl = 'text' | 'password' | 'checkbox' | 'select' | 'tags' | 'number';

/** Whether a setting must be filled in: the secret only while none is saved. */
export type Requirement = 'always' | 'unless-saved' | 'never';

export interface SettingField {
  kind: 'field';
  key: SettingKey;
  control: FieldControl;
  label: string;
  help?: string;
  /** The text beside a checkbox, which has no label of its own. */
  content?: string;
  /** Shown as it is: an address or a number, not a translation key. */
  placeholder?: string;
  /** A translation key, shown instead of `placeholder` while a secret is saved. */
  savedPlaceholder?: string;
  defaultValue?: string | readonly string[];
  choices?: ReadonlyArray<{ label: string; value: string }>;
  range?: { min: number; max: number };
  required: Requirement;
}

/** A value the server sends and the form keeps without showing it. */
export interface HiddenField {
  kind: 'hidden';
  /** Sent by the server instead of the secret, which it never sends: whether one is saved. */
  key: 'secretSaved';
}

/** What the form shows besides the settings, each written once and given its values by the shell's form. */
export type SettingsWidget = 'selfSignUpWarning' | 'homepageLink' | 'checkConfiguration' | 'linkedMembers';

export interface SettingsGroup {
  kind: 'group';
  key: 'advanced';
  label: string;
  items: readonly SettingField[];
}

export type SettingsItem = SettingField | HiddenField | { kind: 'widget'; widget: SettingsWidget } | SettingsGroup;

const IN_APP_CONSOLE = "In WeCom's admin console: Apps → your self-built app.";

const text = (key: SettingKey, label: string, extra: Partial<SettingField> = {}): SettingField => ({
  kind: 'field',
  key,
  control: 'text',
  label,
  required: 'never',
  ...extra,
});

const checkbox = (key: SettingKey, content: string, help?: string): SettingField => ({
  kind: 'field',
  key,
  control: 'checkbox',
  label: content,
  content,
  help,
  required: 'never',
});

export const SETTINGS_FORM: readonly SettingsItem[] = [
  text('corpId', 'Corp ID', {
    help: "In WeCom's admin console: My company → Company information.",
    required: 'always',
  }),
  text('agentId', 'AgentId', { help: IN_APP_CONSOLE, required: 'always' }),
  { kind: 'hidden', key: 'secretSaved' },
  text('secret', 'Secret', {
    control: 'password',
    help: IN_APP_CONSOLE,
    // The server sends the secret back empty; saving it empty keeps the stored one.
    savedPlaceholder: 'Saved. Leave empty to keep it.',
    required: 'unless-saved',
  }),
  text('origin', 'Origin', {
    help: "NocoBase's public address, e.g. https://nocobase.example.com. Its host must be the app's trusted domain in WeCom.",
    required: 'always',
  }),
  text('redirectPath', 'Workbench redirect link', {
    help: 'Where a sign-in lands when no page was asked for, e.g. /admin, or /m for the mobile pages.',
    defaultValue: DEFAULT_REDIRECT_PATH,
  }),
  checkbox('autoLogin', 'Sign in automatically in the WeCom client', 'Only one WeCom authenticator may turn this on.'),
  checkbox('autoSignup', 'Create a user when the phone number matches nobody'),
  {
    kind: 'field',
    key: 'linkByPhone',
    control: 'select',
    label: 'Link existing users by phone',
    help: "Automatically: a member is linked to the user whose phone is their WeCom mobile, without a question. NocoBase does not verify phone numbers and users can edit their own, so whoever types a colleague's number gets that colleague's WeCom sign-in. After confirming with the password: the member enters that account's password once. Never: an administrator links each member.",
    defaultValue: 'auto',
    choices: [
      { label: 'Automatically', value: 'auto' },
      { label: 'After confirming with the password', value: 'confirm' },
      { label: 'Never (administrators link)', value: 'never' },
    ],
    required: 'never',
  },
  { kind: 'widget', widget: 'selfSignUpWarning' },
  {
    kind: 'field',
    key: 'privilegedRoles',
    control: 'tags',
    label: 'Privileged roles',
    help: 'Users with any of these roles are linked by phone only after confirming with their password, or by an administrator. root always is.',
    defaultValue: DEFAULT_PRIVILEGED_ROLES,
    required: 'never',
  },
  { kind: 'widget', widget: 'homepageLink' },
  {
    kind: 'group',
    key: 'advanced',
    label: 'WeCom addresses (advanced)',
    items: [
      text('apiBaseUrl', 'API base URL', {
        help: "Where this server calls WeCom's API. Leave empty for WeCom's own; set it for a proxy or a private deployment.",
        placeholder: WECOM_API_BASE_URL,
      }),
      text('oauthBaseUrl', 'OAuth base URL', {
        help: "Where the WeCom client is sent to sign in. Leave empty for WeCom's own.",
        placeholder: WECOM_OAUTH_BASE_URL,
      }),
      text('loginBaseUrl', 'Web login base URL', {
        help: "Where desktop browsers are sent to sign in with a QR code. Leave empty for WeCom's own.",
        placeholder: WECOM_LOGIN_BASE_URL,
      }),
      {
        kind: 'field',
        key: 'timeoutMs',
        control: 'number',
        label: 'Timeout of each WeCom call (ms)',
        placeholder: String(TIMEOUT_MS.default),
        range: { min: TIMEOUT_MS.min, max: TIMEOUT_MS.max },
        required: 'never',
      },
    ],
  },
  // After the addresses: they are what fixes a WeCom that cannot be reached.
  { kind: 'widget', widget: 'checkConfiguration' },
  // Shown for a saved authenticator only: its members are linked under its name.
  { kind: 'widget', widget: 'linkedMembers' },
];

/** Every setting the form shows, groups opened, in order. */
export const SETTING_FIELDS: readonly SettingField[] = SETTINGS_FORM.flatMap((item) =>
  item.kind === 'field' ? [item] : item.kind === 'group' ? item.items : [],
);

export function isRequired(field: SettingField, secretSaved: boolean): boolean {
  return field.required === 'always' || (field.required === 'unless-saved' && !secretSaved);
}

export function placeholderOf(
  field: SettingField,
  secretSaved: boolean,
  t: (key: string) => string,
): string | undefined {
  return secretSaved && field.savedPlaceholder ? t(field.savedPlaceholder) : field.placeholder;
}

/** What the server would answer this value with, translated, or null when it takes it: the form's validation. */
export function fieldError(
  field: SettingField,
  value: unknown,
  context: SettingsContext,
  t: (key: string) => string,
): string | null {
  const message = settingIssue(field.key, value, context);
  return message === null ? null : t(message);
}
