import { appRootUrl } from './api-base';

describe('appRootUrl', () => {
  it.each([
    [undefined, 'https://nb.example.com'],
    ['/', 'https://nb.example.com'],
    ['/nocobase/', 'https://nb.example.com/nocobase'],
  ])('with APP_PUBLIC_PATH %j is %s', (publicPath, expected) => {
    expect(appRootUrl({ location: { origin: 'https://nb.example.com' }, __nocobase_public_path__: publicPath })).toBe(
      expected,
    );
  });
});
