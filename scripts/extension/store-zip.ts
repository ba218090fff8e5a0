import { type Zippable, zipSync } from 'fflate';
import { type ManifestJson, storeManifest } from './manifest.ts';

/** A fixed time for every entry, so the same build gives the same zip (zip stores local DOS times from 1980 on). */
const ENTRY_TIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * The zip the Chrome Web Store and Edge Add-ons take: the unpacked extension's files at the zip's root, its
 * manifest without the development `key`. Paths use `/` and come sorted.
 */
export function storeZip(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const manifestBytes = files.get('manifest.json');
  if (!manifestBytes) throw new Error('the extension has no manifest.json');
  const manifest: ManifestJson = JSON.parse(new TextDecoder().decode(manifestBytes));
  const entries: Zippable = {};
  for (const path of [...files.keys()].sort()) {
    const bytes =
      path === 'manifest.json'
        ? new TextEncoder().encode(`${JSON.stringify(storeManifest(manifest), null, 2)}\n`)
        : (files.get(path) ?? new Uint8Array());
    entries[path] = [bytes, { mtime: ENTRY_TIME }];
  }
  return zipSync(entries, { level: 9 });
}

/** `wecom-sign-in-0.1.0.zip`, or `wecom-sign-in-0.1.0-it.zip` for a build with pinned origins. */
export function zipName(version: string, pinned: boolean): string {
  return `wecom-sign-in-${version}${pinned ? '-it' : ''}.zip`;
}
