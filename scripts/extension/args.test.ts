import { parseBuildArgs } from './args.ts';

describe('parseBuildArgs', () => {
  it('is the store build without arguments', () => {
    expect(parseBuildArgs([])).toEqual({ ok: true, args: { origins: [] } });
  });

  it('takes repeated --origin, in both spellings, normalised and each once', () => {
    expect(
      parseBuildArgs([
        '--origin',
        'https://A.example/',
        '--origin=http://127.0.0.1:13000',
        '--origin',
        'https://a.example',
      ]),
    ).toEqual({ ok: true, args: { origins: ['https://a.example', 'http://127.0.0.1:13000'] } });
  });

  it('takes --out-dir, in both spellings, with or without origins', () => {
    expect(parseBuildArgs(['--out-dir', '/tmp/it', '--origin', 'http://127.0.0.1:13100'])).toEqual({
      ok: true,
      args: { origins: ['http://127.0.0.1:13100'], outDir: '/tmp/it' },
    });
    expect(parseBuildArgs(['--out-dir=build/copy'])).toEqual({ ok: true, args: { origins: [], outDir: 'build/copy' } });
  });

  it.each([
    [['--out-dir'], '--out-dir needs a directory'],
    [['--out-dir', '--origin', 'https://a.example'], '--out-dir needs a directory'],
    [['--out-dir=a', '--out-dir=b'], 'once'],
    [['--origin', 'http://intranet.example'], 'must use https'],
    [['--origin', 'https://a.example/nocobase'], 'no path'],
    [['--origin', '*.example.com'], 'is not an http(s) address'],
    [['--origin'], 'needs an address'],
    [['--origin', '--origin'], 'needs an address'],
    [['--key', 'x'], 'unknown argument'],
  ])('refuses %j', (argv, message) => {
    const parsed = parseBuildArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});
