import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';
import { DEFAULT_APP_PATHS } from '../shared/landing';
import { SETTING_KEYS } from '../shared/settings-rules';
import {
  fieldError,
  isRequired,
  placeholderOf,
  SETTING_FIELDS,
  SETTINGS_FORM,
  type SettingField,
} from './settings-fields';

const field = (key: string): SettingField => {
  const found = SETTING_FIELDS.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
};

describe('the settings form both shells render', () => {
  it('shows every setting the server reads, once', () => {
    expect(SETTING_FIELDS.map((setting) => setting.key).sort()).toEqual([...SETTING_KEYS].sort());
  });

  it('puts Check configuration after the WeCom addresses, which fix a WeCom that cannot be reached', () => {
    const order = SETTINGS_FORM.map((item) => (item.kind === 'widget' ? item.widget : item.key));
    expect(order.slice(-4)).toEqual(['homepageLink', 'advanced', 'checkConfiguration', 'linkedMembers']);
    expect(order.indexOf('selfSignUpWarning')).toBe(order.indexOf('linkByPhone') + 1);
    expect(order.indexOf('secretSaved')).toBeLessThan(order.indexOf('secret'));
  });

  it('marks Corp ID, AgentId and Origin required, and the Secret while none is saved', () => {
    const required = (saved: boolean) =>
      SETTING_FIELDS.filter((setting) => isRequired(setting, saved)).map((s) => s.key);
    expect(required(false)).toEqual(['corpId', 'agentId', 'secret', 'origin']);
    expect(required(true)).toEqual(['corpId', 'agentId', 'origin']);
  });

  it('says a secret is saved in place of one', () => {
    const t = (key: string) => `«${key}»`;
    expect(placeholderOf(field('secret'), true, t)).toBe('«Saved. Leave empty to keep it.»');
    expect(placeholderOf(field('secret'), false, t)).toBeUndefined();
    // An address is shown as it is: i18next would read `https:` as a namespace.
    expect(placeholderOf(field('apiBaseUrl'), true, t)).toBe('https://qyapi.weixin.qq.com');
  });

  it('checks a value by the server’s rule and says why in the admin’s language', () => {
    const t = (key: string) => `«${key}»`;
    const context = { paths: DEFAULT_APP_PATHS };
    expect(fieldError(field('corpId'), '', context, t)).toBe('«Corp ID is required»');
    expect(fieldError(field('corpId'), 'ww1', context, t)).toBeNull();
    expect(fieldError(field('secret'), '', { ...context, secretSaved: true }, t)).toBeNull();
    expect(fieldError(field('redirectPath'), '//evil.example', context, t)).toBe(
      '«The redirect link must be a path such as /admin»',
    );
  });

  it.each([
    ['en-US', enUS],
    ['zh-CN', zhCN],
    ['ru-RU', ruRU],
  ])('has every text in %s', (_, locale) => {
    const texts = SETTINGS_FORM.flatMap((item) => {
      if (item.kind === 'group') return [item.label, ...item.items.flatMap((setting) => textsOf(setting))];
      return item.kind === 'field' ? textsOf(item) : [];
    });
    for (const text of texts) expect(Object.keys(locale)).toContain(text);
  });
});

function textsOf(setting: SettingField): string[] {
  return [
    setting.label,
    setting.help,
    setting.content,
    setting.savedPlaceholder,
    ...(setting.choices ?? []).map((choice) => choice.label),
  ].filter((text): text is string => text !== undefined);
}

describe('the defaults the form starts with', () => {
  it('are the server’s', () => {
    expect(field('redirectPath').defaultValue).toBe('/admin');
    expect(field('linkByPhone').defaultValue).toBe('auto');
    expect(field('privilegedRoles').defaultValue).toEqual(['root', 'admin']);
    expect(field('timeoutMs').range).toEqual({ min: 100, max: 60000 });
  });
});
