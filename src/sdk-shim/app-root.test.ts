import { appRootUrl } from './app-root';

const origin = 'https://nb.example.com';

describe('appRootUrl', () => {
  it.each([
    [{}, 'https://nb.example.com'],
    [{ __nocobase_public_path__: '/', __nocobase_api_base_url__: '/api/' }, 'https://nb.example.com'],
    // The /v/ shell: its public path is /v/, the API is not under it.
    [{ __nocobase_public_path__: '/v/', __nocobase_api_base_url__: '/api/' }, 'https://nb.example.com'],
    [{ __nocobase_public_path__: '/nb/', __nocobase_api_base_url__: '/nb/api/' }, 'https://nb.example.com/nb'],
    [{ __nocobase_api_base_url__: 'https://api.example.com/api/' }, 'https://api.example.com'],
    [{ __nocobase_public_path__: '/nb/' }, 'https://nb.example.com/nb'],
  ])('for %j is %s', (globals, expected) => {
    expect(appRootUrl({ location: { origin }, ...globals })).toBe(expected);
  });
});
