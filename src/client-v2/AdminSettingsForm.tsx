import { Checkbox, Form, type FormRule, Input, InputNumber, Select, Typography } from 'antd';
import { type ComponentType, type ReactElement, useMemo } from 'react';
import { browserAppPaths } from '../client/app-paths';
import { CheckConfiguration, type CheckRequest } from '../client/CheckConfiguration';
import { HomepageLink } from '../client/HomepageLink';
import { LinkedMembersOpener } from '../client/linked-members/LinkedMembersOpener';
import { requestThrough } from '../client/linked-members/request';
import { useWeComTranslation } from '../client/locale';
import type { PluginApi } from '../client/plugin-api';
import { SelfSignUpWarning } from '../client/SelfSignUpWarning';
import {
  fieldError,
  isRequired,
  placeholderOf,
  SETTING_FIELDS,
  SETTINGS_FORM,
  type SettingField,
  type SettingsItem,
} from '../client/settings-fields';
import type { AppPaths } from '../shared/landing';

type Translate = (key: string) => string;

/** plugin-auth's drawer form holds the authenticator; our settings are under `options`. */
const optionPath = (key: string): [string, string] => ['options', key];

const SECRET_SAVED = optionPath('secretSaved');

/** Keeps a value in the form without showing it. */
function KeptValue(_: { value?: unknown }): null {
  return null;
}

function control(field: SettingField, t: Translate, secretSaved: boolean): ReactElement {
  const shown = placeholderOf(field, secretSaved, t);
  switch (field.control) {
    case 'text':
      return <Input placeholder={shown} />;
    case 'password':
      return <Input.Password placeholder={shown} autoComplete="new-password" />;
    case 'checkbox':
      return <Checkbox>{field.content && t(field.content)}</Checkbox>;
    case 'select':
      return <Select options={field.choices?.map((choice) => ({ label: t(choice.label), value: choice.value }))} />;
    case 'tags':
      return <Select mode="tags" tokenSeparators={[',', ' ']} />;
    case 'number':
      return (
        <InputNumber placeholder={shown} min={field.range?.min} max={field.range?.max} style={{ width: '100%' }} />
      );
  }
}

/** The server's rule for the field, run as the admin types and by plugin-auth's Submit, which validates every field. */
function rulesOf(field: SettingField, t: Translate, paths: AppPaths): FormRule[] {
  return [
    ({ getFieldValue }) => ({
      validator: async (_rule, value: unknown) => {
        const secretSaved = getFieldValue(SECRET_SAVED) === true;
        const error = fieldError(field, value, { paths, secretSaved }, t);
        if (error !== null) throw new Error(error);
      },
    }),
  ];
}

interface Rendering {
  t: Translate;
  paths: AppPaths;
  secretSaved: boolean;
  api: PluginApi;
}

function SettingItem({ field, rendering }: { field: SettingField; rendering: Rendering }): ReactElement {
  const { t, paths, secretSaved } = rendering;
  const checkbox = field.control === 'checkbox';
  return (
    <Form.Item
      name={optionPath(field.key)}
      label={checkbox ? undefined : t(field.label)}
      extra={field.help && t(field.help)}
      required={isRequired(field, secretSaved)}
      initialValue={Array.isArray(field.defaultValue) ? [...field.defaultValue] : field.defaultValue}
      valuePropName={checkbox ? 'checked' : 'value'}
      rules={rulesOf(field, t, paths)}
    >
      {control(field, t, secretSaved)}
    </Form.Item>
  );
}

function WatchedHomepageLink({ paths }: { paths: AppPaths }): ReactElement {
  const form = Form.useFormInstance();
  const name: unknown = Form.useWatch('name', form);
  const origin: unknown = Form.useWatch(optionPath('origin'), form);
  const redirectPath: unknown = Form.useWatch(optionPath('redirectPath'), form);
  return <HomepageLink name={name} origin={origin} redirectPath={redirectPath} paths={paths} />;
}

function WatchedSelfSignUpWarning({ api }: { api: PluginApi }): ReactElement | null {
  const linkByPhone: unknown = Form.useWatch(optionPath('linkByPhone'), Form.useFormInstance());
  return <SelfSignUpWarning api={api} linkByPhone={linkByPhone} />;
}

function FormCheckConfiguration({ api }: { api: PluginApi }): ReactElement {
  const form = Form.useFormInstance();
  const collect = async (): Promise<CheckRequest | null> => {
    try {
      await form.validateFields(SETTING_FIELDS.map((field) => optionPath(field.key)));
    } catch {
      // antd shows each problem beside its field.
      return null;
    }
    return { name: form.getFieldValue('name'), options: form.getFieldValue('options') };
  };
  return <CheckConfiguration api={api} collect={collect} />;
}

function WatchedLinkedMembers({ api }: { api: PluginApi }): ReactElement | null {
  const form = Form.useFormInstance();
  const name: unknown = Form.useWatch('name', form);
  // A new authenticator already has a generated name; only a saved one has an id, which no field holds.
  const id: unknown = Form.useWatch('id', { form, preserve: true });
  const request = useMemo(() => requestThrough(api), [api]);
  return id != null && typeof name === 'string' && name ? (
    <LinkedMembersOpener authenticator={name} request={request} />
  ) : null;
}

function Item({ item, rendering }: { item: SettingsItem; rendering: Rendering }): ReactElement | null {
  switch (item.kind) {
    case 'field':
      return <SettingItem field={item} rendering={rendering} />;
    case 'hidden':
      return (
        <Form.Item name={optionPath(item.key)} hidden noStyle>
          <KeptValue />
        </Form.Item>
      );
    case 'group':
      return (
        <>
          <Typography.Title level={5}>{rendering.t(item.label)}</Typography.Title>
          {item.items.map((field) => (
            <SettingItem key={field.key} field={field} rendering={rendering} />
          ))}
        </>
      );
    case 'widget':
      switch (item.widget) {
        case 'homepageLink':
          return <WatchedHomepageLink paths={rendering.paths} />;
        case 'selfSignUpWarning':
          return <WatchedSelfSignUpWarning api={rendering.api} />;
        case 'checkConfiguration':
          return <FormCheckConfiguration api={rendering.api} />;
        case 'linkedMembers':
          return <WatchedLinkedMembers api={rendering.api} />;
      }
  }
}

const keyOf = (item: SettingsItem): string => (item.kind === 'widget' ? item.widget : item.key);

function AdminSettings({ api }: { api: PluginApi }): ReactElement {
  const { t } = useWeComTranslation();
  const paths = useMemo(() => browserAppPaths(window), []);
  const secretSaved = Form.useWatch(SECRET_SAVED, Form.useFormInstance()) === true;
  const rendering: Rendering = { t, paths, secretSaved, api };
  return (
    <>
      {SETTINGS_FORM.map((item) => (
        <Item key={keyOf(item)} item={item} rendering={rendering} />
      ))}
    </>
  );
}

/**
 * The settings form of NocoBase's `/v/` shell: plugin-auth renders it, without props, inside its antd `<Form>` in the
 * authenticator drawer, so it is made for the app's API client, which it uses for Check configuration.
 */
export function adminSettingsForm(api: PluginApi): ComponentType {
  // biome-ignore lint/correctness/noComponentHookFactories: made once per load of the form, never during a render, to bind the API client plugin-auth cannot pass
  return function WeComAdminSettings(): ReactElement {
    return <AdminSettings api={api} />;
  };
}
