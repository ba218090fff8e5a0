// @vitest-environment jsdom
import { findAppRoot, readRuntimeConfig } from './app-root';

const ORIGIN = 'https://nb.example.com';
const at = (pathname: string, origin = ORIGIN) => ({ origin, pathname });

/** NocoBase's index.html head as each shell's server writes it. */
const CLASSIC = (publicPath: string, apiBase: string) => `window['__webpack_public_path__'] = '';
window['__nocobase_public_path__'] = '${publicPath}';
window['__nocobase_api_base_url__'] = '${apiBase}';
window['__nocobase_api_client_storage_prefix__'] = 'NOCOBASE_';`;
const MODERN = (publicPath: string, apiBase: string) =>
  `window['__nocobase_public_path__'] = window['__nocobase_public_path__'] || "${publicPath}";
window['__nocobase_api_base_url__'] = window['__nocobase_api_base_url__'] || "${apiBase}";`;

function head(...scripts: string[]): void {
  document.head.innerHTML = scripts.map((text) => `<script>${text}</script>`).join('');
}

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('readRuntimeConfig', () => {
  it("reads both shells' forms", () => {
    expect(readRuntimeConfig(CLASSIC('/nb/', '/nb/api/'))).toEqual({
      __nocobase_public_path__: '/nb/',
      __nocobase_api_base_url__: '/nb/api/',
    });
    expect(readRuntimeConfig(MODERN('/nb/v/', '/nb/api/'))).toEqual({
      __nocobase_public_path__: '/nb/v/',
      __nocobase_api_base_url__: '/nb/api/',
    });
  });

  it('reads nothing that is not a plain string literal', () => {
    expect(readRuntimeConfig("window['__nocobase_api_base_url__'] = undefined;")).toEqual({});
    expect(readRuntimeConfig("window['__nocobase_api_base_url__'] = location.origin + '/api/';")).toEqual({});
  });
});

describe('findAppRoot', () => {
  it.each([
    ['the classic shell at /', [CLASSIC('/', '/api/')], '/signin', `${ORIGIN}`],
    ['the classic shell under /nb/', [CLASSIC('/nb/', '/nb/api/')], '/nb/signin', `${ORIGIN}/nb`],
    ['the /v/ shell, whose public path is its own', [MODERN('/v/', '/api/')], '/v/signin', `${ORIGIN}`],
    ['the /v/ shell under /nb/', [MODERN('/nb/v/', '/nb/api/')], '/nb/v/signin', `${ORIGIN}/nb`],
    [
      "a runtime script without the API base, then the template's fallback",
      ["window['__nocobase_api_base_url__'] = undefined;", MODERN('/nb/v/', '/nb/api/')],
      '/nb/v/admin',
      `${ORIGIN}/nb`,
    ],
  ])('reads %s from its config script', (_case, scripts, pathname, baseUrl) => {
    head(...scripts);
    expect(findAppRoot(document, at(pathname)).baseUrl).toBe(baseUrl);
  });

  it('gives the public path beside the root', () => {
    head(CLASSIC('/nb/', '/nb/api/'));
    expect(findAppRoot(document, at('/nb/signin'))).toEqual({ baseUrl: `${ORIGIN}/nb`, publicPath: '/nb' });
    head(CLASSIC('/', '/api/'));
    expect(findAppRoot(document, at('/signin'))).toEqual({ baseUrl: ORIGIN, publicPath: '/' });
  });

  it("reads the page's path without a config script", () => {
    expect(findAppRoot(document, at('/nb/signin')).baseUrl).toBe(`${ORIGIN}/nb`);
    expect(findAppRoot(document, at('/nb/v/signin')).baseUrl).toBe(`${ORIGIN}/nb`);
    expect(findAppRoot(document, at('/v/signin')).baseUrl).toBe(ORIGIN);
    expect(findAppRoot(document, at('/admin/x')).baseUrl).toBe(ORIGIN);
  });

  it('ignores scripts in the body, which may hold what users wrote', () => {
    document.body.innerHTML = `<script>${CLASSIC('/evil/', '/evil/api/')}</script>`;
    expect(findAppRoot(document, at('/signin')).baseUrl).toBe(ORIGIN);
  });

  it('never signs in to another origin than the one configured', () => {
    head(CLASSIC('/', 'https://api.example.com/api/'));
    expect(findAppRoot(document, at('/nb/signin')).baseUrl).toBe(`${ORIGIN}/nb`);
    head(CLASSIC('//evil.example/', '//evil.example/api/'));
    expect(findAppRoot(document, at('/signin')).baseUrl).toBe(ORIGIN);
  });
});
