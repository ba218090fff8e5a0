import { pinnedOrigins } from './pinned-origins';

describe('pinnedOrigins', () => {
  it("reads an IT build's host permissions as its origins", () => {
    const manifest = {
      manifest_version: 3,
      name: 'x',
      version: '1',
      host_permissions: ['https://a.example/*', 'http://127.0.0.1:13000/*', 'https://a.example/*'],
    } as chrome.runtime.ManifestV3;
    expect(pinnedOrigins(manifest)).toEqual(['https://a.example', 'http://127.0.0.1:13000']);
  });

  it('is none for the store build, and ignores what is not one origin', () => {
    expect(pinnedOrigins({ manifest_version: 3, name: 'x', version: '1' })).toEqual([]);
    const odd = {
      manifest_version: 3,
      name: 'x',
      version: '1',
      host_permissions: ['<all_urls>', 'https://*.example/*'],
    };
    expect(pinnedOrigins(odd as chrome.runtime.ManifestV3)).toEqual([]);
  });
});
