import { WECOM_API_BASE_URL } from './options';
import { isEnvReference, mayReach, planSecretSave } from './secret-rules';

const secrets = { tag: (secret: string) => `v-${secret}`, isSecretVariable: (ref: string) => !ref.includes('PLAIN') };
const sandbox = 'http://127.0.0.1:8787';
const settings = { corpId: 'ww1', agentId: '1', origin: 'https://nb.example.com', apiBaseUrl: sandbox };

describe('isEnvReference', () => {
  it.each([
    ['{{$env.WECOM_SECRET}}', true],
    ['{{ $env.WECOM_SECRET }}', true],
    [' {{$env.X}} ', true],
    ['x{{$env.X}}', false],
    ['{{$env.X}}{{$env.Y}}', false],
    ['{{$env.X.y}}', false],
    ['{{ctx.user}}', false],
    ['s3cret', false],
  ])('%j: %s', (value, expected) => {
    expect(isEnvReference(value)).toBe(expected);
  });
});

describe('mayReach', () => {
  it('sends a typed secret anywhere, a saved one only where it was saved, a secret variable also to WeCom', () => {
    expect(mayReach('http://evil.example', 'typed', null)).toBe(true);
    expect(mayReach(sandbox, 'saved', sandbox)).toBe(true);
    expect(mayReach('http://evil.example', 'saved', sandbox)).toBe(false);
    expect(mayReach(WECOM_API_BASE_URL, 'saved', sandbox)).toBe(false);
    expect(mayReach(WECOM_API_BASE_URL, 'variable', null)).toBe(true);
    expect(mayReach(sandbox, 'variable', null)).toBe(false);
    expect(mayReach(sandbox, 'variable', sandbox)).toBe(true);
    expect(mayReach(null, 'saved', null)).toBe(false);
  });
});

describe('planSecretSave', () => {
  it('stores a typed secret and leaves the options empty, flagged, with its version', () => {
    expect(planSecretSave({ ...settings, secret: ' s3cret ' }, null, secrets)).toEqual({
      ok: true,
      options: { ...settings, secret: '', secretSaved: true, secretVersion: 'v-s3cret' },
      write: { kind: 'store', secret: 's3cret' },
    });
  });

  it('drops unknown keys, and the flags a caller sends', () => {
    const plan = planSecretSave(
      { ...settings, secret: 's', note: '{{$env.X}}', public: {}, secretSaved: false, secretVersion: 'forged' },
      null,
      secrets,
    );
    expect(plan.ok && plan.options).toEqual({ ...settings, secret: '', secretSaved: true, secretVersion: 'v-s' });
  });

  it('keeps what was saved when the secret comes empty, under the saved version', () => {
    const prior = { ...settings, secret: '', secretSaved: true, secretVersion: 'v-old' };
    expect(planSecretSave({ ...settings, corpId: 'ww2', secret: '', secretVersion: 'forged' }, prior, secrets)).toEqual(
      {
        ok: true,
        options: { ...settings, corpId: 'ww2', secret: '', secretSaved: true, secretVersion: 'v-old' },
        write: { kind: 'keep' },
      },
    );
  });

  it('refuses to keep a saved secret for another API base URL, and takes a typed one there', () => {
    const prior = { ...settings, secret: '', secretSaved: true, secretVersion: 'v-old' };
    expect(planSecretSave({ ...settings, apiBaseUrl: 'http://evil.example', secret: '' }, prior, secrets)).toEqual({
      ok: false,
    });
    expect(planSecretSave({ ...settings, apiBaseUrl: `${sandbox}/`, secret: '' }, prior, secrets).ok).toBe(true);
    expect(planSecretSave({ ...settings, apiBaseUrl: 'http://evil.example', secret: 'new' }, prior, secrets).ok).toBe(
      true,
    );
  });

  it('keeps a variable in the options, with a secret one only for WeCom or where it was saved', () => {
    const forWeCom = { ...settings, apiBaseUrl: undefined, secret: '{{$env.S}}' };
    expect(planSecretSave(forWeCom, null, secrets)).toEqual({
      ok: true,
      options: { ...forWeCom, secret: '{{$env.S}}' },
      write: { kind: 'drop' },
    });
    expect(planSecretSave({ ...settings, secret: '{{$env.S}}' }, null, secrets)).toEqual({ ok: false });
    expect(planSecretSave({ ...settings, secret: '{{$env.PLAIN}}' }, null, secrets).ok).toBe(true);
    const prior = { ...settings, secret: '{{$env.S}}' };
    expect(planSecretSave({ ...settings, secret: '' }, prior, secrets)).toMatchObject({
      ok: true,
      options: { secret: '{{$env.S}}' },
    });
    expect(planSecretSave({ ...settings, apiBaseUrl: 'http://evil.example', secret: '' }, prior, secrets)).toEqual({
      ok: false,
    });
  });

  it('moves a secret an earlier version left in the options', () => {
    expect(planSecretSave({ ...settings, secret: 'legacy' }, { ...settings, secret: 'legacy' }, secrets)).toMatchObject(
      {
        ok: true,
        options: { secret: '', secretSaved: true, secretVersion: 'v-legacy' },
        write: { kind: 'store', secret: 'legacy' },
      },
    );
    expect(planSecretSave({ ...settings, secret: '' }, { ...settings, secret: 'legacy' }, secrets)).toMatchObject({
      write: { kind: 'store', secret: 'legacy' },
    });
  });

  it('saves a new authenticator without a secret as having none', () => {
    expect(planSecretSave({ ...settings, secretSaved: true, secretVersion: 'v-x' }, null, secrets)).toEqual({
      ok: true,
      options: { ...settings, secret: '' },
      write: { kind: 'drop' },
    });
  });
});
