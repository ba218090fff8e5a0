import { readFileSync } from 'node:fs';
import schema from '../../src/background/managed-schema.json' with { type: 'json' };
import { parsePolicy } from '../../src/extension/config.ts';
import { DEVELOPMENT_EXTENSION_ID, extensionIdOfKey } from './extension-id.ts';
import { broadAccess, extensionManifest, storeManifest, withoutContentScriptResources } from './manifest.ts';

const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));

describe('manifest.json', () => {
  it('asks only for storage, scripting and activeTab, and for no site up front', () => {
    expect(manifest.permissions).toEqual(['storage', 'scripting', 'activeTab']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.content_scripts).toBeUndefined();
    expect(broadAccess(manifest)).toEqual([]);
  });

  it('can ask for https sites and local NocoBase only, one at a time', () => {
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });

  it('has the development key whose id the README and the policies name', () => {
    expect(extensionIdOfKey(manifest.key)).toBe(DEVELOPMENT_EXTENSION_ID);
  });

  it('declares a managed schema that describes exactly what the policy parser reads', () => {
    expect(manifest.storage.managed_schema).toBe('managed-schema.json');
    expect(Object.keys(schema.properties).sort()).toEqual(['allowUserOrigins', 'origins']);
    expect(Object.keys(schema.properties.origins.items.properties).sort()).toEqual([
      'authenticator',
      'autoStart',
      'origin',
    ]);
    const everything = {
      origins: [{ origin: 'https://a.example', authenticator: 'wecom', autoStart: true }],
      allowUserOrigins: false,
    };
    expect(parsePolicy(everything).entries).toEqual(everything.origins);
  });
});

describe('extensionManifest', () => {
  it('sets the version and leaves the store build without host permissions', () => {
    const built = extensionManifest(manifest, { version: '1.2.3', pinnedOrigins: [] });
    expect(built.version).toBe('1.2.3');
    expect(built.host_permissions).toBeUndefined();
  });

  it("pins an IT build's origins as required host permissions", () => {
    const built = extensionManifest(manifest, {
      version: '1.2.3',
      pinnedOrigins: ['https://a.example', 'http://127.0.0.1:13000'],
    });
    expect(built.host_permissions).toEqual(['https://a.example/*', 'http://127.0.0.1:13000/*']);
  });

  it('refuses anything but a normalised origin', () => {
    expect(() => extensionManifest(manifest, { version: '1', pinnedOrigins: ['https://a.example/'] })).toThrow();
    expect(() => extensionManifest(manifest, { version: '1', pinnedOrigins: ['<all_urls>'] })).toThrow();
  });
});

describe('withoutContentScriptResources', () => {
  it('drops the every-site resources crxjs adds and keeps narrow ones', () => {
    const narrow = { matches: ['https://a.example/*'], resources: ['x.png'] };
    const cleaned = withoutContentScriptResources({
      web_accessible_resources: [{ matches: ['http://*/*', 'https://*/*'], resources: ['assets/a.js'] }, narrow],
    });
    expect(cleaned.web_accessible_resources).toEqual([narrow]);
    expect(withoutContentScriptResources({ web_accessible_resources: [{ matches: ['<all_urls>'] }] })).toEqual({});
  });
});

describe('storeManifest and broadAccess', () => {
  it('removes the development key', () => {
    expect(storeManifest(manifest).key).toBeUndefined();
    expect(storeManifest(manifest).name).toBe(manifest.name);
  });

  it('finds every-site access wherever it would be', () => {
    expect(broadAccess({ host_permissions: ['<all_urls>'] })).toEqual(['<all_urls>']);
    expect(broadAccess({ host_permissions: ['*://*.example.com/*'] })).toEqual(['*://*.example.com/*']);
    expect(broadAccess({ web_accessible_resources: [{ matches: ['https://*/*'] }] })).toEqual(['https://*/*']);
  });
});

describe('docs/extension-policies', () => {
  const dir = new URL('../../docs/extension-policies/', import.meta.url);
  const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

  it('the Linux sample configures the development id with entries the policy parser keeps', () => {
    const sample = JSON.parse(read('linux-chrome.json'));
    expect(Object.keys(sample.ExtensionSettings)).toEqual([DEVELOPMENT_EXTENSION_ID]);
    const policy = parsePolicy(sample['3rdparty'].extensions[DEVELOPMENT_EXTENSION_ID]);
    expect(policy).toMatchObject({ applied: true, allowUserOrigins: false, invalid: [] });
    expect(policy.entries.map((entry) => entry.origin)).toEqual([
      'https://nocobase.example.com',
      'https://erp.example.com',
    ]);
  });

  it.each([
    ['windows-chrome.reg', `\\3rdparty\\extensions\\${DEVELOPMENT_EXTENSION_ID}\\policy]`],
    ['macos-chrome.mobileconfig', `<string>com.google.Chrome.extensions.${DEVELOPMENT_EXTENSION_ID}</string>`],
  ])('%s configures the same id with the same keys', (name, where) => {
    const text = read(name);
    expect(text).toContain(where);
    for (const key of ['origins', 'origin', 'authenticator', 'autoStart', 'allowUserOrigins'])
      expect(text).toContain(key);
  });
});
