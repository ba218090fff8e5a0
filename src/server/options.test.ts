import enUS from '../locale/en-US.json';
import { DEFAULT_APP_PATHS } from '../shared/landing';
import { GIVEN_SETTINGS, NORMALISED_SETTINGS } from '../shared/settings.fixture';
import { settingIssues } from '../shared/settings-rules';
import { parseWeComOptions, publicOptions } from './options';

const valid = GIVEN_SETTINGS;

describe('parseWeComOptions', () => {
  it('fills defaults and normalises', () => {
    const parsed = parseWeComOptions(valid);
    expect(parsed).toEqual({
      ok: true,
      options: NORMALISED_SETTINGS,
    });
  });

  it('keeps a port in the origin and takes sandbox base URLs', () => {
    const parsed = parseWeComOptions({
      ...valid,
      origin: 'http://127.0.0.1:13000',
      apiBaseUrl: 'http://127.0.0.1:8787/',
    });
    expect(parsed.ok && parsed.options.origin).toBe('http://127.0.0.1:13000');
    expect(parsed.ok && parsed.options.apiBaseUrl).toBe('http://127.0.0.1:8787');
  });

  it.each([
    [{ ...valid, corpId: '' }, 'corpId'],
    [{ ...valid, corpId: undefined }, 'corpId'],
    [{ ...valid, agentId: 'abc' }, 'agentId'],
    [{ ...valid, secret: ' ' }, 'secret'],
    [{ ...valid, origin: 'nb.example.com' }, 'origin'],
    [{ ...valid, origin: 'https://nb.example.com/admin' }, 'origin'],
    [{ ...valid, origin: 'ftp://nb.example.com' }, 'origin'],
    [{ ...valid, redirectPath: '//evil.example' }, 'redirectPath'],
    [{ ...valid, apiBaseUrl: 'not a url' }, 'apiBaseUrl'],
    [{ ...valid, timeoutMs: 5 }, 'timeoutMs'],
    [{ ...valid, linkByPhone: 'sometimes' }, 'linkByPhone'],
    [{ ...valid, privilegedRoles: ['admin', 'two words'] }, 'privilegedRoles'],
    [{ ...valid, privilegedRoles: 7 }, 'privilegedRoles'],
    [{ ...valid, privilegedRoles: '{{$env.PRIVILEGED_ROLES}}' }, 'privilegedRoles'],
    [{ ...valid, privilegedRoles: ['admin', '{{$env.X}}'] }, 'privilegedRoles'],
  ])('refuses %j naming %s', (raw, field) => {
    const parsed = parseWeComOptions(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.field).toBe(field);
    // Every message is a translation key, so admins read it in their language.
    expect(Object.keys(enUS)).toContain(!parsed.ok && parsed.message);
  });
});

describe('every refused setting', () => {
  it('is named at once, with the message the admin forms show beside it', () => {
    const raw = { ...valid, corpId: '', origin: 'nb.example.com', timeoutMs: 5, linkByPhone: 'sometimes' };
    const parsed = parseWeComOptions(raw);
    const expected = settingIssues(raw, { paths: DEFAULT_APP_PATHS });
    expect(expected.map((issue) => issue.field)).toEqual(['corpId', 'origin', 'linkByPhone', 'timeoutMs']);
    expect(parsed).toMatchObject({ ok: false, field: 'corpId', message: 'Corp ID is required', issues: expected });
  });

  it('judges the redirect link inside APP_PUBLIC_PATH', () => {
    vi.stubEnv('APP_PUBLIC_PATH', '/nb/');
    try {
      expect(parseWeComOptions({ ...valid, redirectPath: '/nb/storage/uploads' })).toMatchObject({
        ok: false,
        field: 'redirectPath',
      });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(parseWeComOptions({ ...valid, redirectPath: '/nb/storage/uploads' }).ok).toBe(true);
  });
});

describe('linking settings', () => {
  it.each(['auto', 'confirm', 'never'])('takes the policy %s', (linkByPhone) => {
    const parsed = parseWeComOptions({ ...valid, linkByPhone });
    expect(parsed.ok && parsed.options.linkByPhone).toBe(linkByPhone);
  });

  it.each([
    [['finance'], ['root', 'finance']],
    [[], ['root']],
    [
      ['admin', 'root', ' admin '],
      ['root', 'admin'],
    ],
    ['admin, finance', ['root', 'admin', 'finance']],
    ['', ['root']],
  ])('always counts root among the privileged roles %j', (privilegedRoles, expected) => {
    const parsed = parseWeComOptions({ ...valid, privilegedRoles });
    expect(parsed.ok && parsed.options.privilegedRoles).toEqual(expected);
  });
});

describe('publicOptions', () => {
  it('shows what clients need and never the secret', () => {
    const shown = publicOptions({ ...valid, autoLogin: true });
    expect(shown).toEqual({ corpId: 'ww123abc', agentId: '1000002', autoLogin: true });
    expect(JSON.stringify(shown)).not.toContain('s3cret');
  });
});
