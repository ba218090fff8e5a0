import { unzipSync } from 'fflate';
import { storeZip, zipName } from './store-zip.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('storeZip', () => {
  const files = new Map([
    ['manifest.json', encode(JSON.stringify({ manifest_version: 3, name: 'x', key: 'MIIB', version: '1.0.0' }))],
    ['src/popup/index.html', encode('<html></html>')],
    ['_locales/en/messages.json', encode('{}')],
  ]);

  it('holds every file at the root, the manifest without the development key', () => {
    const unzipped = unzipSync(storeZip(files));
    expect(Object.keys(unzipped).sort()).toEqual([
      '_locales/en/messages.json',
      'manifest.json',
      'src/popup/index.html',
    ]);
    const manifest = JSON.parse(new TextDecoder().decode(unzipped['manifest.json']));
    expect(manifest).toEqual({ manifest_version: 3, name: 'x', version: '1.0.0' });
    expect(new TextDecoder().decode(unzipped['src/popup/index.html'])).toBe('<html></html>');
  });

  it('gives the same bytes for the same files', () => {
    expect(storeZip(files)).toEqual(storeZip(files));
  });

  it('refuses an extension without a manifest', () => {
    expect(() => storeZip(new Map())).toThrow('manifest.json');
  });
});

describe('zipName', () => {
  it('tells the IT build apart', () => {
    expect(zipName('0.1.0', false)).toBe('wecom-sign-in-0.1.0.zip');
    expect(zipName('0.1.0', true)).toBe('wecom-sign-in-0.1.0-it.zip');
  });
});
