import type { Field, Form } from '@formily/core';
import { observer, useForm } from '@formily/react';
import { SchemaComponent, useAPIClient } from '@nocobase/client';
import { type ReactElement, useMemo } from 'react';
import type { AppPaths } from '../shared/landing';
import { browserAppPaths } from './app-paths';
import { CheckConfiguration, type CheckRequest } from './CheckConfiguration';
import { HomepageLink } from './HomepageLink';
import { LinkedMembersButton } from './linked-members/LinkedMembersButton';
import { useWeComTranslation } from './locale';
import { SelfSignUpWarning } from './SelfSignUpWarning';
import {
  fieldError,
  isRequired,
  placeholderOf,
  SETTINGS_FORM,
  type SettingField,
  type SettingsItem,
  type SettingsWidget,
} from './settings-fields';

type Translate = (key: string) => string;

/** The authenticator form NocoBase renders this one in: our settings are under `options`. */
interface AuthenticatorValues {
  /** Only a saved authenticator has one (plugin-auth's edit drawer fills the form from its record). */
  id?: unknown;
  name?: unknown;
  options?: Record<string, unknown>;
}

const SECRET_SAVED_PATH = 'options.secretSaved';

const secretSavedIn = (form: Form): boolean => form.getValuesIn(SECRET_SAVED_PATH) === true;

const CONTROLS: Record<SettingField['control'], { type: string; component: string; props?: object }> = {
  text: { type: 'string', component: 'Input' },
  password: { type: 'string', component: 'Password' },
  checkbox: { type: 'boolean', component: 'Checkbox' },
  select: { type: 'string', component: 'Select' },
  tags: { type: 'array', component: 'Select', props: { mode: 'tags', tokenSeparators: [',', ' '] } },
  number: { type: 'number', component: 'InputNumber' },
};

const WIDGETS: Record<SettingsWidget, string> = {
  selfSignUpWarning: 'WeComSelfSignUpWarning',
  homepageLink: 'WeComHomepageLink',
  checkConfiguration: 'WeComCheckConfiguration',
  linkedMembers: 'WeComLinkedMembers',
};

function fieldSchema(field: SettingField, t: Translate, paths: AppPaths): Record<string, unknown> {
  const control = CONTROLS[field.control];
  const checkbox = field.control === 'checkbox';
  return {
    type: control.type,
    // A checkbox says what it does beside it, as its label.
    title: checkbox ? undefined : t(field.label),
    'x-content': checkbox && field.content ? t(field.content) : undefined,
    description: field.help && t(field.help),
    default: Array.isArray(field.defaultValue) ? [...field.defaultValue] : field.defaultValue,
    enum: field.choices?.map((choice) => ({ label: t(choice.label), value: choice.value })),
    'x-decorator': 'FormItem',
    'x-component': control.component,
    'x-component-props': { ...control.props, ...field.range },
    // The server's rule, run as the admin types and on Submit; Formily's own `required` would add a second message.
    'x-validator': (value: unknown, _rule: unknown, context: { form: Form }) =>
      fieldError(field, value, { paths, secretSaved: secretSavedIn(context.form) }, t),
    // The asterisk and the placeholder follow whether a secret is saved, which the server sends with the options.
    'x-reactions': (formField: Field) => {
      const saved = secretSavedIn(formField.form);
      formField.setDecoratorProps({ asterisk: isRequired(field, saved) });
      formField.setComponentProps({ placeholder: placeholderOf(field, saved, t) });
    },
  };
}

function itemSchema(item: SettingsItem, t: Translate, paths: AppPaths): [string, Record<string, unknown>] {
  switch (item.kind) {
    case 'field':
      return [item.key, fieldSchema(item, t, paths)];
    case 'hidden':
      return [item.key, { type: 'boolean', 'x-display': 'hidden' }];
    case 'widget':
      return [item.widget, { type: 'void', 'x-component': WIDGETS[item.widget] }];
    case 'group':
      return [
        item.key,
        {
          type: 'void',
          title: t(item.label),
          'x-decorator': 'FormItem',
          properties: Object.fromEntries(item.items.map((field) => [field.key, fieldSchema(field, t, paths)])),
        },
      ];
  }
}

/** Rendered by NocoBase inside the authenticator's `options`: `corpId` here is saved as `options.corpId`. */
function settingsSchema(t: Translate, paths: AppPaths): Record<string, unknown> {
  return {
    type: 'object',
    properties: Object.fromEntries(SETTINGS_FORM.map((item) => itemSchema(item, t, paths))),
  };
}

const usePaths = (): AppPaths => useMemo(() => browserAppPaths(window), []);

const ClassicHomepageLink = observer((): ReactElement => {
  const form = useForm<AuthenticatorValues>();
  const { name, options } = form.values;
  return <HomepageLink name={name} origin={options?.origin} redirectPath={options?.redirectPath} paths={usePaths()} />;
});

const ClassicSelfSignUpWarning = observer((): ReactElement | null => {
  const form = useForm<AuthenticatorValues>();
  return <SelfSignUpWarning api={useAPIClient()} linkByPhone={form.values.options?.linkByPhone} />;
});

function ClassicCheckConfiguration(): ReactElement {
  const form = useForm<AuthenticatorValues>();
  const collect = async (): Promise<CheckRequest | null> => {
    try {
      await form.validate('options.*');
    } catch {
      // Formily shows each problem beside its field.
      return null;
    }
    return { name: form.values.name, options: form.values.options };
  };
  return <CheckConfiguration api={useAPIClient()} collect={collect} />;
}

const ClassicLinkedMembers = observer((): ReactElement | null => {
  const { id, name } = useForm<AuthenticatorValues>().values;
  return id != null && typeof name === 'string' && name ? <LinkedMembersButton authenticator={name} /> : null;
});

/** The settings form of NocoBase's classic shell (`/admin/settings/auth/authenticators`). */
export function AdminSettingsForm(): ReactElement {
  const { t } = useWeComTranslation();
  const paths = usePaths();
  const schema = useMemo(() => settingsSchema(t, paths), [t, paths]);
  return (
    <SchemaComponent
      schema={schema}
      components={{
        WeComHomepageLink: ClassicHomepageLink,
        WeComCheckConfiguration: ClassicCheckConfiguration,
        WeComSelfSignUpWarning: ClassicSelfSignUpWarning,
        WeComLinkedMembers: ClassicLinkedMembers,
      }}
    />
  );
}
