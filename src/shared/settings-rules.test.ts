import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';
import { appPaths, DEFAULT_APP_PATHS } from './landing';
import { GIVEN_SETTINGS, NORMALISED_SETTINGS } from './settings.fixture';
import {
  SETTING_KEYS,
  SETTING_RULES,
  type SettingKey,
  type SettingsContext,
  settingIssue,
  settingIssues,
} from './settings-rules';

const context: SettingsContext = { paths: DEFAULT_APP_PATHS };
const valid = { corpId: 'ww123abc', agentId: '1000002', secret: 's3cret', origin: 'https://nb.example.com' };

describe('the settings rules', () => {
  it('fill in defaults and normalise', () => {
    const given: Record<string, unknown> = { ...GIVEN_SETTINGS, origin: ' https://nb.example.com/ ' };
    const values = Object.fromEntries(
      SETTING_KEYS.map((key) => {
        const result = SETTING_RULES[key](given[key], context);
        return [key, result.ok ? result.value : result.message];
      }),
    );
    expect(values).toEqual(NORMALISED_SETTINGS);
  });

  const refused: Array<[SettingKey, unknown, string]> = [
    ['corpId', undefined, 'Corp ID is required'],
    ['corpId', '  ', 'Corp ID is required'],
    ['corpId', 42, 'Corp ID is required'],
    ['corpId', 'ww-123', 'Corp ID is required and has only letters and digits'],
    ['corpId', '{{$env.CORP}}', 'Corp ID is required and has only letters and digits'],
    ['agentId', '', 'AgentId is required'],
    ['agentId', 'abc', 'AgentId is a number'],
    ['agentId', 1.5, 'AgentId is a number'],
    ['secret', undefined, 'Secret is required'],
    ['secret', ' ', 'Secret is required'],
    ['origin', '', 'Origin is required'],
    ['origin', 'nb.example.com', 'Origin must look like https://nocobase.example.com'],
    ['origin', 'http:nb.example.com', 'Origin must look like https://nocobase.example.com'],
    ['origin', 'ftp://nb.example.com', 'Origin must look like https://nocobase.example.com'],
    ['origin', 'https://nb.example.com/admin', 'Origin must look like https://nocobase.example.com'],
    ['origin', 'https://nb.example.com/?a=1', 'Origin must look like https://nocobase.example.com'],
    ['redirectPath', '//evil.example', 'The redirect link must be a path such as /admin'],
    ['redirectPath', 'https://evil.example/admin', 'The redirect link must be a path such as /admin'],
    ['redirectPath', '/api/users:destroy', 'The redirect link must be a path such as /admin'],
    ['redirectPath', 7, 'The redirect link must be a path such as /admin'],
    ['autoLogin', 'yes', 'This setting is either on or off'],
    ['autoSignup', null, 'This setting is either on or off'],
    ['linkByPhone', 'sometimes', 'Linking by phone must be automatic, after confirming with the password, or never'],
    ['privilegedRoles', ['admin', 'two words'], 'Privileged roles must be role names'],
    ['privilegedRoles', ['admin', 7], 'Privileged roles must be role names'],
    ['privilegedRoles', '{{$env.ROLES}}', 'Privileged roles must be role names'],
    ['apiBaseUrl', 'not a url', 'A WeCom address must be an http(s) URL'],
    ['oauthBaseUrl', 'ftp://open.example', 'A WeCom address must be an http(s) URL'],
    ['loginBaseUrl', null, 'A WeCom address must be an http(s) URL'],
    ['timeoutMs', 5, 'The timeout must be between 100 and 60000 ms'],
    ['timeoutMs', 60_001, 'The timeout must be between 100 and 60000 ms'],
    ['timeoutMs', 250.5, 'The timeout must be between 100 and 60000 ms'],
    ['timeoutMs', 'soon', 'The timeout must be between 100 and 60000 ms'],
  ];

  it.each(refused)('refuses %s %j with "%s"', (key, value, message) => {
    expect(settingIssue(key, value, context)).toBe(message);
  });

  it('has a message for every setting', () => {
    expect(new Set(refused.map(([key]) => key))).toEqual(new Set(SETTING_KEYS));
  });

  it.each([
    ['en-US', enUS],
    ['zh-CN', zhCN],
    ['ru-RU', ruRU],
  ])('says every message in %s', (_, locale) => {
    for (const [, , message] of refused) expect(Object.keys(locale)).toContain(message);
  });

  it('names every problem at once, each beside its setting, in the order of the settings', () => {
    expect(
      settingIssues(
        { corpId: '', agentId: 'x', secret: 's', origin: 'https://nb.example.com', timeoutMs: 1, apiBaseUrl: 'nope' },
        context,
      ),
    ).toEqual([
      { field: 'corpId', message: 'Corp ID is required' },
      { field: 'agentId', message: 'AgentId is a number' },
      { field: 'apiBaseUrl', message: 'A WeCom address must be an http(s) URL' },
      { field: 'timeoutMs', message: 'The timeout must be between 100 and 60000 ms' },
    ]);
    expect(settingIssues(valid, context)).toEqual([]);
  });

  it('keeps a saved secret when the form leaves it empty, and only then', () => {
    const saved = { ...context, secretSaved: true };
    expect(SETTING_RULES.secret('', saved)).toEqual({ ok: true, value: '' });
    expect(SETTING_RULES.secret(undefined, saved)).toEqual({ ok: true, value: '' });
    expect(SETTING_RULES.secret(' typed ', saved)).toEqual({ ok: true, value: 'typed' });
    expect(settingIssue('secret', '', context)).toBe('Secret is required');
  });

  it('judges the redirect link inside the app’s public path, as the server does', () => {
    const below = { paths: appPaths({ publicPath: '/nb/' }) };
    expect(SETTING_RULES.redirectPath('/m', below)).toEqual({ ok: true, value: '/m' });
    // NocoBase's uploads, under the public path: a page at the root, the storage below /nb/.
    expect(settingIssue('redirectPath', '/nb/storage/uploads', context)).toBeNull();
    expect(settingIssue('redirectPath', '/nb/storage/uploads', below)).toBe(
      'The redirect link must be a path such as /admin',
    );
  });

  it.each([
    ['', '/admin'],
    [' /m ', '/m'],
  ])('takes the redirect link %j as %j', (value, path) => {
    expect(SETTING_RULES.redirectPath(value, context)).toEqual({ ok: true, value: path });
  });

  it.each([
    [null, 8000],
    ['', 8000],
    ['2500', 2500],
  ])('reads the timeout %j as %j', (value, ms) => {
    expect(SETTING_RULES.timeoutMs(value, context)).toEqual({ ok: true, value: ms });
  });

  it.each([
    [['finance'], ['root', 'finance']],
    [[], ['root']],
    ['admin, finance', ['root', 'admin', 'finance']],
  ])('always counts root among the privileged roles %j', (roles, expected) => {
    expect(SETTING_RULES.privilegedRoles(roles, context)).toEqual({ ok: true, value: expected });
  });

  it('keeps a base URL’s path, without its trailing slash', () => {
    expect(SETTING_RULES.apiBaseUrl(' http://127.0.0.1:8787/wecom/ ', context)).toEqual({
      ok: true,
      value: 'http://127.0.0.1:8787/wecom',
    });
    expect(SETTING_RULES.apiBaseUrl('', context)).toEqual({ ok: true, value: 'https://qyapi.weixin.qq.com' });
  });
});
