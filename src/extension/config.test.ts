import {
  type ConfigLayers,
  decideSave,
  EMPTY_STORED_CONFIG,
  MAX_ORIGINS,
  mergeConfig,
  NO_POLICY,
  type Policy,
  parsePolicy,
  parseStoredConfig,
} from './config';

const A = 'https://a.example';
const B = 'https://b.example';
const C = 'https://c.example';

function layers(overrides: Partial<ConfigLayers> = {}): ConfigLayers {
  return { policy: NO_POLICY, pinned: [], stored: EMPTY_STORED_CONFIG, ...overrides };
}

function policy(managed: unknown): Policy {
  return parsePolicy(managed);
}

describe('parseStoredConfig', () => {
  it('normalises origins and fills defaults', () => {
    expect(parseStoredConfig({ version: 1, origins: [{ origin: 'HTTPS://A.example/' }] })).toEqual({
      version: 1,
      origins: [{ origin: A, authenticator: '', autoStart: false }],
    });
  });

  it('drops entries that do not parse and duplicates, keeping the rest', () => {
    const stored = parseStoredConfig({
      version: 1,
      origins: [
        { origin: 'http://a.example' },
        { origin: B, authenticator: 'wecom', autoStart: true },
        { origin: `${B}/`, authenticator: 'other' },
        'not an entry',
        { origin: C, authenticator: 'has space' },
      ],
    });
    expect(stored.origins).toEqual([{ origin: B, authenticator: 'wecom', autoStart: true }]);
  });

  it('reads anything else as no origins', () => {
    expect(parseStoredConfig(undefined)).toEqual(EMPTY_STORED_CONFIG);
    expect(parseStoredConfig({ origins: 'x' })).toEqual(EMPTY_STORED_CONFIG);
  });
});

describe('parsePolicy', () => {
  it('is no policy when IT set nothing', () => {
    expect(parsePolicy({})).toEqual({ ...NO_POLICY, applied: false });
    expect(parsePolicy(undefined)).toEqual(NO_POLICY);
  });

  it('keeps what each entry sets, and only that', () => {
    const parsed = policy({
      origins: [{ origin: A, authenticator: 'wecom' }, { origin: B, autoStart: true }, { origin: C }],
      allowUserOrigins: false,
    });
    expect(parsed).toEqual({
      entries: [{ origin: A, authenticator: 'wecom' }, { origin: B, autoStart: true }, { origin: C }],
      allowUserOrigins: false,
      applied: true,
      invalid: [],
    });
  });

  it('drops a bad entry with why, not the whole policy', () => {
    const parsed = policy({
      origins: [{ origin: 'http://intranet.example' }, { origin: A }, { authenticator: 'x' }, { origin: `${A}/` }],
    });
    expect(parsed.entries).toEqual([{ origin: A }]);
    expect(parsed.invalid).toEqual([
      { index: 0, problem: 'ORIGIN_INSECURE' },
      { index: 2, problem: expect.any(String) },
    ]);
    expect(parsed.allowUserOrigins).toBe(true);
  });
});

describe('mergeConfig: policy over sync', () => {
  const stored = {
    version: 1 as const,
    origins: [
      { origin: A, authenticator: 'mine', autoStart: true },
      { origin: B, authenticator: 'mine-b', autoStart: false },
    ],
  };

  it("is the person's own list without policy", () => {
    const merged = mergeConfig(layers({ stored }));
    expect(merged.origins.map((entry) => [entry.origin, entry.source, entry.locked])).toEqual([
      [A, 'user', { authenticator: false, autoStart: false }],
      [B, 'user', { authenticator: false, autoStart: false }],
    ]);
    expect(merged.policy).toEqual({ applied: false, allowUserOrigins: true, invalid: [] });
  });

  it('takes each field IT set from the policy, locked, and the others from the person', () => {
    const merged = mergeConfig(layers({ stored, policy: policy({ origins: [{ origin: A, authenticator: 'it' }] }) }));
    expect(merged.origins[0]).toEqual({
      origin: A,
      authenticator: 'it',
      autoStart: true,
      source: 'policy',
      locked: { authenticator: true, autoStart: false },
    });
    expect(merged.origins[1]?.source).toBe('user');
  });

  it("puts policy first, then pinned origins, then the person's", () => {
    const merged = mergeConfig(layers({ stored, pinned: [C, A], policy: policy({ origins: [{ origin: B }] }) }));
    expect(merged.origins.map((entry) => [entry.origin, entry.source])).toEqual([
      [B, 'policy'],
      [C, 'build'],
      [A, 'build'],
    ]);
    // A pinned origin keeps the person's own values for what nobody locked.
    expect(merged.origins[2]).toMatchObject({ authenticator: 'mine', autoStart: true });
  });

  it("hides the person's own origins when IT allows none", () => {
    const merged = mergeConfig(
      layers({ stored, policy: policy({ origins: [{ origin: A }], allowUserOrigins: false }) }),
    );
    expect(merged.origins.map((entry) => entry.origin)).toEqual([A]);
    expect(merged.policy.allowUserOrigins).toBe(false);
  });
});

describe('decideSave', () => {
  it('stores valid entries, normalised', () => {
    const decision = decideSave(layers(), { origins: [{ origin: `${A}/`, authenticator: ' wecom ' }] });
    expect(decision).toEqual({
      ok: true,
      stored: { version: 1, origins: [{ origin: A, authenticator: 'wecom', autoStart: false }] },
      removed: [],
    });
  });

  it.each([
    [
      { origins: [{ origin: 'http://a.example' }] },
      { code: 'ENTRY_INVALID', origin: 'http://a.example', field: 'origin', problem: 'ORIGIN_INSECURE' },
    ],
    [{ origins: [{ origin: `${A}/admin` }] }, { code: 'ENTRY_INVALID', field: 'origin', problem: 'ORIGIN_HAS_PATH' }],
    [
      { origins: [{ origin: A, authenticator: 'a b' }] },
      { code: 'ENTRY_INVALID', field: 'authenticator', problem: 'AUTHENTICATOR_INVALID' },
    ],
    [{ origins: [{ origin: A }, { origin: `${A}/` }] }, { code: 'ORIGIN_DUPLICATE', origin: A }],
    [{ origins: 'nope' }, { code: 'ENTRY_INVALID' }],
    [
      { origins: Array.from({ length: MAX_ORIGINS + 1 }, (_, i) => ({ origin: `https://s${i}.example` })) },
      { code: 'TOO_MANY_ORIGINS' },
    ],
  ])('refuses %j', (wishes, error) => {
    const decision = decideSave(layers(), wishes);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.error).toMatchObject(error);
  });

  const locked = policy({ origins: [{ origin: A, authenticator: 'it', autoStart: true }, { origin: B }] });

  it('refuses removing an origin IT set', () => {
    expect(
      decideSave(layers({ policy: locked }), { origins: [{ origin: A, authenticator: 'it', autoStart: true }] }),
    ).toEqual({
      ok: false,
      error: { code: 'LOCKED_ENTRY', origin: B },
    });
  });

  it('refuses changing a value IT set, naming the field', () => {
    const wishes = { origins: [{ origin: A, authenticator: 'mine', autoStart: true }, { origin: B }] };
    expect(decideSave(layers({ policy: locked }), wishes)).toEqual({
      ok: false,
      error: { code: 'LOCKED_FIELD', origin: A, field: 'authenticator' },
    });
    const autoStart = { origins: [{ origin: A, authenticator: 'it', autoStart: false }, { origin: B }] };
    expect(decideSave(layers({ policy: locked }), autoStart)).toMatchObject({
      ok: false,
      error: { code: 'LOCKED_FIELD', field: 'autoStart' },
    });
  });

  it('lets the person set what IT left open on its entries', () => {
    const wishes = {
      origins: [
        { origin: A, authenticator: 'it', autoStart: true },
        { origin: B, authenticator: 'mine' },
      ],
    };
    const decision = decideSave(layers({ policy: locked }), wishes);
    expect(decision.ok).toBe(true);
    if (decision.ok) expect(decision.stored.origins[1]).toEqual({ origin: B, authenticator: 'mine', autoStart: false });
  });

  it('refuses removing an origin built into an IT build', () => {
    expect(decideSave(layers({ pinned: [C] }), { origins: [] })).toEqual({
      ok: false,
      error: { code: 'PINNED_ENTRY', origin: C },
    });
  });

  it('refuses own origins when IT allows none, and keeps those stored for later', () => {
    const closed = policy({ origins: [{ origin: A }], allowUserOrigins: false });
    const stored = { version: 1 as const, origins: [{ origin: C, authenticator: '', autoStart: false }] };
    expect(decideSave(layers({ policy: closed, stored }), { origins: [{ origin: A }, { origin: B }] })).toEqual({
      ok: false,
      error: { code: 'USER_ORIGINS_NOT_ALLOWED', origin: B },
    });
    const decision = decideSave(layers({ policy: closed, stored }), { origins: [{ origin: A }] });
    expect(decision).toMatchObject({ ok: true, removed: [] });
    if (decision.ok) expect(decision.stored.origins.map((entry) => entry.origin)).toEqual([A, C]);
  });

  it("lists the person's origins that went, for giving their access back", () => {
    const stored = {
      version: 1 as const,
      origins: [
        { origin: A, authenticator: '', autoStart: false },
        { origin: B, authenticator: '', autoStart: false },
      ],
    };
    expect(decideSave(layers({ stored }), { origins: [{ origin: B }] })).toMatchObject({ ok: true, removed: [A] });
  });
});
