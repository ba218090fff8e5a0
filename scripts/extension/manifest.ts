import { checkOrigin, originPattern } from '../../src/extension/origin.ts';

/** The manifest as JSON: `manifest.json` at the top, and what crxjs writes to dist/extension. */
export type ManifestJson = Record<string, unknown> & { host_permissions?: string[]; key?: string };

/** Match patterns that would expose a file to, or grant access on, every site. */
const EVERY_SITE = new Set(['<all_urls>', 'http://*/*', 'https://*/*', '*://*/*']);

export interface ManifestOptions {
  version: string;
  /** Already checked by `parseBuildArgs`; checked again, as a wrong pattern here means access nobody asked for. */
  pinnedOrigins: readonly string[];
}

/** `manifest.json` with the package's version and, for an IT build, its origins as required host permissions. */
export function extensionManifest<T extends object>(base: T, options: ManifestOptions): T & ManifestJson {
  const manifest: T & ManifestJson = { ...base, version: options.version };
  if (options.pinnedOrigins.length === 0) return manifest;
  const patterns = options.pinnedOrigins.map((origin) => {
    const checked = checkOrigin(origin);
    if (!checked.ok || checked.origin !== origin) throw new Error(`not an origin: ${origin}`);
    return originPattern(origin);
  });
  return { ...manifest, host_permissions: patterns };
}

interface WebAccessibleResource {
  matches?: string[];
  resources?: string[];
}

/**
 * Drops the web-accessible resources crxjs adds for a `?script` content script (matching every site): the content
 * script is registered with `chrome.scripting`, which reads the file directly, so no page needs to fetch it.
 */
export function withoutContentScriptResources<T extends { web_accessible_resources?: unknown }>(manifest: T): T {
  const list = Array.isArray(manifest.web_accessible_resources)
    ? (manifest.web_accessible_resources as WebAccessibleResource[])
    : [];
  const kept = list.filter((entry) => !(entry.matches ?? []).some((match) => EVERY_SITE.has(match)));
  const { web_accessible_resources: _dropped, ...rest } = manifest;
  return (kept.length > 0 ? { ...rest, web_accessible_resources: kept } : rest) as T;
}

/**
 * The manifest for the store zip: without `key`, which only fixes the id of an unpacked copy (the store assigns
 * its own; the Web Store is reported to refuse a `key`, extension-tooling.md §4).
 */
export function storeManifest(manifest: ManifestJson): ManifestJson {
  const { key: _key, ...rest } = manifest;
  return rest;
}

/** What no build of ours may ever ask for; checked on the built manifest before it is zipped. */
export function broadAccess(manifest: ManifestJson): string[] {
  const required = [...(manifest.host_permissions ?? []), ...asStrings(manifest.permissions)];
  const resources = Array.isArray(manifest.web_accessible_resources)
    ? (manifest.web_accessible_resources as WebAccessibleResource[]).flatMap((entry) => entry.matches ?? [])
    : [];
  return [...required, ...resources].filter((pattern) => EVERY_SITE.has(pattern) || pattern.startsWith('*://'));
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
