import { checkOrigin } from '../extension/origin';

/** The IT build's origins are its `host_permissions`; the store build has none. */
export function pinnedOrigins(manifest: chrome.runtime.Manifest): string[] {
  const patterns = manifest.manifest_version === 3 ? (manifest.host_permissions ?? []) : [];
  const origins: string[] = [];
  for (const pattern of patterns) {
    const checked = checkOrigin(pattern.replace(/\/\*$/, ''));
    if (checked.ok && !origins.includes(checked.origin)) origins.push(checked.origin);
  }
  return origins;
}
